/** @jsxImportSource hono/jsx */
/**
 * The matron's first screen: a tile per ward with today's and yesterday's % positive, the
 * change, the SPC signal and open alerts, serious concerns first. Works without JavaScript;
 * with it, the tiles refresh themselves when new responses arrive (static/dashboard.js).
 */
import type { UserRecord } from '../../db/store.ts';
import { StaffPage } from './layout.tsx';
import { dayLong } from './dashboard-format.ts';
import type { DashboardView, Tile } from './dashboard-reads.ts';
import { DayFigures, LiveStatus, SignalLine } from './dashboard-parts.tsx';
import { Names } from './ui.tsx';

export const wardHref = (code: string) => `/dashboard/unit/${encodeURIComponent(code)}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function TileAlerts(props: { tile: Tile }) {
  const { serious, other } = props.tile.alerts;
  if (serious === 0 && other === 0) {
    return (
      <p class="fft-tile__alerts" data-field="alerts">
        No open alerts
      </p>
    );
  }
  return (
    <p class="fft-tile__alerts" data-field="alerts">
      <a href={`${wardHref(props.tile.unit.code)}#alerts`}>
        {serious ? <strong class="nhsuk-tag nhsuk-tag--red fft-tag--serious">{plural(serious, 'serious concern', 'serious concerns')}</strong> : null}
        {serious && other ? ' and ' : null}
        {other ? <span>{plural(other, 'open alert', 'open alerts')}</span> : null}
        <span class="nhsuk-u-visually-hidden"> on <bdi>{props.tile.unit.name}</bdi></span>
      </a>
    </p>
  );
}

function WardTile(props: { tile: Tile }) {
  const { tile } = props;
  return (
    <li class={`fft-tile fft-tile--${tile.signal?.signal ?? 'none'}${tile.alerts.serious ? ' fft-tile--serious' : ''}`} data-unit={tile.unit.code}>
      <div class="nhsuk-card fft-tile__card">
        <div class="nhsuk-card__content">
          <h2 class="nhsuk-card__heading nhsuk-heading-m">
            <a href={wardHref(tile.unit.code)}>
              <bdi>{tile.unit.name}</bdi>
            </a>
          </h2>
          <p class="fft-tile__place nhsuk-body-s">
            <Names names={tile.place} />
          </p>
          <DayFigures day={tile} />
          <SignalLine signal={tile.signal} />
          <TileAlerts tile={tile} />
        </div>
      </div>
    </li>
  );
}

function AlertSummary(props: { view: DashboardView }) {
  const { serious, other } = props.view.alerts;
  if (serious === 0 && other === 0) return <p data-live="summary">No open alerts on these wards.</p>;
  return (
    <div data-live="summary">
      {serious ? (
        <div class="nhsuk-warning-callout">
          <h2 class="nhsuk-warning-callout__label">
            <span>
              <span class="nhsuk-u-visually-hidden">Important: </span>
              {plural(serious, 'serious concern', 'serious concerns')}
            </span>
          </h2>
          <p>
            {serious === 1 ? 'A comment' : 'Comments'} may need action today. The wards with serious concerns are shown first: open the ward to read and acknowledge {serious === 1 ? 'it' : 'them'}.
          </p>
        </div>
      ) : null}
      {other ? <p>{plural(other, 'other alert is', 'other alerts are')} open on these wards.</p> : null}
    </div>
  );
}

export function DashboardPage(props: { user: UserRecord; csrf: string; view: DashboardView }) {
  const { view, user } = props;
  const title = user.role === 'matron' ? 'Your wards today' : 'Wards today';
  return (
    <StaffPage title={title} user={user} csrf={props.csrf} active="/dashboard" scripts={['/web/static/dashboard.js']} styles={['/web/static/dashboard.css']}>
      <h1 class="fft-page-title">
        {title}
        <span class="nhsuk-caption-m fft-page-title__caption">{dayLong(view.today)}</span>
      </h1>
      <LiveStatus pulse="/dashboard/pulse" version={view.version} asAt={view.asAt} />
      {view.tiles.length === 0 ? (
        <p data-live="tiles">No wards are linked to your account yet. Ask an admin to give you access to your wards.</p>
      ) : (
        <>
          <AlertSummary view={view} />
          <p class="nhsuk-body-s">% positive is the share of answers that were Very good or Good. The change compares today with yesterday, in percentage points.</p>
          <ul class="fft-tiles" data-live="tiles" id="tiles">
            {view.tiles.map((tile) => (
              <WardTile tile={tile} />
            ))}
          </ul>
        </>
      )}
    </StaffPage>
  );
}
