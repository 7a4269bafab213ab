/** @jsxImportSource hono/jsx */
/**
 * A ward's page: open alerts, today against yesterday, daily % positive for 90 days as an SPC
 * chart, responses by channel, themes by sentiment and their trend, the latest comments
 * (praise beside criticism), and "You said, we did". Every chart is drawn by static/ward.js
 * from the same figures the page shows as a table, so the page reads fully without
 * JavaScript or a screen. Forms post to this page's routes and come back here.
 */
import type { Child } from 'hono/jsx';
import { ANSWER_LABELS } from '../../analytics/fft.ts';
import { sharePercent } from '../../analytics/scores.ts';
import type { AlertRecord, UserRecord, YouSaidRecord } from '../../db/store.ts';
import { youSaidAsPublished } from '../api/you-said.ts';
import { CSRF_FIELD } from '../pages/csrf.ts';
import { StaffPage } from './layout.tsx';
import { ErrorSummary, FieldFrame, Names } from './ui.tsx';
import {
  CHANNEL_LABELS,
  CONCERN_LABELS,
  dayLong,
  dayMedium,
  dayShort,
  hiddenText,
  percent,
  RULES,
  SENTIMENT_GROUP_LABELS,
  sentimentGroupOf,
  SIGNALS,
  STATUS_LABELS,
  whenFull,
  whenText,
} from './dashboard-format.ts';
import type { CommentFilters, ShownAlert, ShownComment, WardView } from './dashboard-reads.ts';
import { Done, DayFigures, LiveStatus, SignalLine } from './dashboard-parts.tsx';
import { wardHref } from './dashboard-page.tsx';

export const YOU_SAID_FIELDS = ['youSaid', 'weDid', 'status', 'owner', 'dueDate'] as const;
export type YouSaidField = (typeof YOU_SAID_FIELDS)[number];

/** What a "You said, we did" form sent back when it could not be saved. */
export interface FormProblem {
  /** 'create', or the id of the action being updated. */
  form: string;
  errors: Partial<Record<YouSaidField, string>>;
  values: Partial<Record<YouSaidField, string>>;
}

const DONE_TEXT: Record<string, string> = {
  added: 'The action was added.',
  updated: 'The action was updated.',
  acknowledged: 'The alert was acknowledged.',
};

const FIELD_LABELS: Record<YouSaidField, string> = {
  youSaid: 'You said',
  weDid: 'We did',
  status: 'Status',
  owner: 'Owner (optional)',
  dueDate: 'Due date (optional)',
};

/** A link to this ward's page with comment filters, keeping only what is set. */
export function wardUrl(code: string, filters: Partial<CommentFilters>, hash = ''): string {
  const q = new URLSearchParams();
  if (filters.theme) q.set('theme', filters.theme);
  if (filters.sentiment) q.set('sentiment', filters.sentiment);
  if (filters.q) q.set('q', filters.q);
  if (filters.page && filters.page > 1) q.set('page', String(filters.page));
  const qs = q.toString();
  return `${wardHref(code)}${qs ? `?${qs}` : ''}${hash}`;
}

/** Percent with one decimal, for chart data (null stays a gap). */
const pct1 = (share: number | null) => (share === null ? null : sharePercent(share, 1));

/**
 * A table in its sideways-scrolling wrapper. On a phone, or zoomed in, the wrapper scrolls: it is
 * a named region in the tab order so someone on a keyboard can scroll it too (WCAG 2.1.1).
 */
function Table(props: { id: string; caption: string; head: string[]; numeric?: number[]; rows: Child[][] }) {
  const numeric = new Set(props.numeric ?? []);
  const captionId = `${props.id}-caption`;
  return (
    <div class="nhsuk-table-container fft-table-wrap" role="region" aria-labelledby={captionId} tabindex={0}>
      <table class="nhsuk-table">
        <caption class="nhsuk-table__caption nhsuk-table__caption--s" id={captionId}>
          {props.caption}
        </caption>
        <thead class="nhsuk-table__head">
          <tr class="nhsuk-table__row">
            {props.head.map((h, i) => (
              <th scope="col" class={`nhsuk-table__header${numeric.has(i) ? ' nhsuk-table__header--numeric' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          {props.rows.map((row) => (
            <tr class="nhsuk-table__row">
              {row.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" class="nhsuk-table__header fft-row-header">
                    {cell}
                  </th>
                ) : (
                  <td class={`nhsuk-table__cell${numeric.has(i) ? ' nhsuk-table__cell--numeric' : ''}`}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A chart's figures as a table, and the data ward.js draws the chart from. `collapsed` tucks
 * a long table into a details element, with a sentence above saying what matters.
 */
function ChartFigure(props: { id: string; kind: 'spc' | 'channels' | 'themes' | 'trend'; label: string; data: unknown; collapsed?: string; children: Child }) {
  return (
    <figure class={`fft-chart fft-chart--${props.kind}`} id={`chart-${props.id}`} data-chart={props.kind} data-chart-label={props.label} data-chart-data={JSON.stringify(props.data)}>
      {props.collapsed ? (
        <details class="nhsuk-details fft-chart__figures" id={`figures-${props.id}`}>
          <summary class="nhsuk-details__summary">
            <span class="nhsuk-details__summary-text">{props.collapsed}</span>
          </summary>
          <div class="nhsuk-details__text">{props.children}</div>
        </details>
      ) : (
        props.children
      )}
    </figure>
  );
}

function Section(props: { id: string; title: string; live?: boolean; children: Child }) {
  return (
    <section class="fft-section" id={props.id} aria-labelledby={`${props.id}-title`} data-live={props.live === false ? undefined : props.id}>
      <h2 id={`${props.id}-title`} tabindex={-1}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

const ALERT_KINDS: Record<string, { label: string; tag: 'red' | 'orange' }> = {
  'serious-concern': { label: 'Serious concern', tag: 'red' },
  'spc-concerning': { label: 'Concerning change', tag: 'orange' },
  'negative-threshold': { label: 'High % negative', tag: 'orange' },
};

function AlertItem(props: { alert: ShownAlert; unitCode: string; csrf: string; canEdit: boolean }) {
  const { alert } = props;
  const kind = ALERT_KINDS[alert.kind] ?? { label: 'Alert', tag: 'orange' as const };
  return (
    <li class={`fft-alert fft-alert--${alert.kind}`} data-alert={alert.id}>
      <p class="fft-alert__head">
        <strong class={`nhsuk-tag nhsuk-tag--${kind.tag}`}>{kind.label}</strong> <span class="nhsuk-body-s">raised {whenText(alert.raisedAt)}</span>
      </p>
      <p class="fft-alert__reason">{alert.reason}</p>
      {alert.comment ? (
        // When the patient wrote it, not when the alert was raised: a paper card keyed in today may be weeks old.
        <p class="nhsuk-body-s" data-field="comment-written">
          Comment written {alert.comment.at ? whenFull(alert.comment.at) : dayMedium(alert.comment.day)}
          {alert.comment.channel ? ` (${(CHANNEL_LABELS[alert.comment.channel] ?? alert.comment.channel).toLowerCase()})` : ''}
        </p>
      ) : null}
      {alert.acknowledgedAt ? (
        <p class="nhsuk-body-s" data-field="acknowledged">
          Acknowledged {whenText(alert.acknowledgedAt)}
          {alert.acknowledgedByName ? (
            <>
              {' '}
              by <bdi>{alert.acknowledgedByName}</bdi>
            </>
          ) : null}
        </p>
      ) : props.canEdit ? (
        <form method="post" class="fft-ack" action={`${wardHref(props.unitCode)}/alerts/${encodeURIComponent(alert.id)}/acknowledge`} data-api={`/api/v1/alerts/${encodeURIComponent(alert.id)}/acknowledge`}>
          <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
          <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small fft-ack__button" type="submit">
            Acknowledge<span class="nhsuk-u-visually-hidden"> this {kind.label.toLowerCase()}, raised {whenText(alert.raisedAt)}</span>
          </button>
        </form>
      ) : null}
    </li>
  );
}

function Alerts(props: { view: WardView; csrf: string; canEdit: boolean }) {
  const { open, acknowledged, openTotal } = props.view.alerts;
  return (
    <Section id="alerts" title={open.length ? `Alerts (${Math.max(openTotal, open.length)} open)` : 'Alerts'}>
      {open.length === 0 ? <p>No open alerts.</p> : null}
      {openTotal > open.length ? (
        <p data-field="alerts-shown">
          Showing {open.length} of them: serious concerns first, then the newest. Acknowledge these to see the rest.
        </p>
      ) : null}
      {open.length ? (
        <ul class="fft-alerts">
          {open.map((a) => (
            <AlertItem alert={a} unitCode={props.view.unit.code} csrf={props.csrf} canEdit={props.canEdit} />
          ))}
        </ul>
      ) : null}
      {acknowledged.length ? (
        <details class="nhsuk-details" id="acknowledged-alerts">
          <summary class="nhsuk-details__summary">
            <span class="nhsuk-details__summary-text">Recently acknowledged alerts</span>
          </summary>
          <div class="nhsuk-details__text">
            <ul class="fft-alerts">
              {acknowledged.map((a) => (
                <AlertItem alert={a} unitCode={props.view.unit.code} csrf={props.csrf} canEdit={false} />
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </Section>
  );
}

function SpcSection(props: { view: WardView }) {
  const { spc, signal, from, to } = props.view;
  const latest = spc.points.findLast((p) => p.value !== null && !p.partial);
  // The chart runs to today, which is not over: shown, but not judged until it is.
  const soFar = spc.points.find((p) => p.partial && p.value !== null);
  const data = {
    chart: spc.chart,
    labels: spc.points.map((p) => dayShort(p.period)),
    values: spc.points.map((p) => pct1(p.value)),
    mean: spc.points.map((p) => pct1(p.mean)),
    lcl: spc.points.map((p) => pct1(p.lcl)),
    ucl: spc.points.map((p) => pct1(p.ucl)),
    signals: spc.points.map((p) => (p.value === null || p.partial ? null : p.signal)),
    partial: spc.points.map((p) => p.partial),
    n: spc.points.map((p) => p.n),
  };
  const rows = spc.points
    .filter((p) => p.n > 0)
    .reverse()
    .map((p) => [
      p.partial ? `${dayMedium(p.period)} (today so far)` : dayMedium(p.period),
      String(p.n),
      percent(p.value),
      percent(p.mean),
      p.lcl === null ? '–' : percent(p.lcl),
      p.ucl === null ? '–' : percent(p.ucl),
      p.partial ? (
        'Not judged until the day is over'
      ) : (
        <>
          <span aria-hidden="true">{SIGNALS[p.signal].symbol} </span>
          {SIGNALS[p.signal].label}
          {p.rule ? `: ${RULES[p.rule]}` : ''}
        </>
      ),
    ]);
  return (
    <Section id="spc" title="Daily % positive, last 90 days">
      <SignalLine signal={signal} withSentence />
      {latest ? (
        <p>
          Latest whole day with responses: {dayMedium(latest.period)}, {percent(latest.value)} positive from {latest.n} {latest.n === 1 ? 'response' : 'responses'}.{' '}
          {spc.chart === 'run'
            ? `Fewer than 15 days had responses, so this is a run chart: mean ${percent(latest.mean)}, no process limits yet.`
            : `Mean ${percent(latest.mean)}; process limits for that day ${percent(latest.lcl)} to ${percent(latest.ucl)}.`}
        </p>
      ) : soFar ? null : (
        <p>No responses between {dayMedium(from)} and {dayMedium(to)}.</p>
      )}
      {soFar ? (
        <p data-field="spc-today">
          Today so far: {percent(soFar.value)} positive from {soFar.n} {soFar.n === 1 ? 'response' : 'responses'}, not judged until the day is over (a few hours’ answers are not yet a day to compare).
        </p>
      ) : null}
      <p class="nhsuk-body-s fft-legend">
        On the chart: <span class="fft-key fft-key--concerning">▲ orange triangle: special cause of concern</span>, <span class="fft-key fft-key--improving">◆ blue diamond: special cause of improvement</span>,{' '}
        <span class="fft-key fft-key--common">● grey circle: common cause</span>, ○ hollow circle: today so far, not judged yet. The solid line is the mean and the dashed lines the process limits.
      </p>
      <ChartFigure id="spc" kind="spc" label="SPC chart of daily % positive over the last 90 days. The figures are in the table below it." data={data} collapsed={`Show the figures for each day (${rows.length} days with responses)`}>
        <Table id="table-spc" caption="Daily % positive with mean, process limits and SPC signal, newest first" head={['Day', 'Responses', '% positive', 'Mean', 'Lower limit', 'Upper limit', 'Signal']} numeric={[1, 2, 3, 4, 5]} rows={rows} />
      </ChartFigure>
    </Section>
  );
}

/** Why a channel's count is hidden: fewer than 5 itself, or hidden beside one that is (secondary suppression). */
export function hiddenCount(reason: 'primary' | 'secondary' | null): string {
  return reason === 'secondary' ? 'hidden (so a smaller figure beside it cannot be worked out)' : 'fewer than 5 (hidden)';
}

function ChannelSection(props: { view: WardView }) {
  const { channels, from, to } = props.view;
  const shown = channels.groups.filter((g) => !g.suppressed);
  const data = { labels: shown.map((g) => CHANNEL_LABELS[g.group] ?? g.group), responses: shown.map((g) => g.responses ?? 0) };
  return (
    <Section id="channels" title="Responses by channel">
      {channels.groups.length === 0 ? (
        <p>No responses between {dayMedium(from)} and {dayMedium(to)}.</p>
      ) : (
        <ChartFigure id="channels" kind="channels" label="Bar chart of responses by channel over the last 90 days. The figures are in the table below it." data={data}>
          <Table
            id="table-channels"
            caption={`Responses by channel, ${dayMedium(from)} to ${dayMedium(to)}`}
            head={['Channel', 'Responses', '% positive']}
            numeric={[1, 2]}
            rows={channels.groups.map((g) => [CHANNEL_LABELS[g.group] ?? g.group, g.suppressed ? hiddenCount(g.reason) : String(g.responses), g.score ? percent(g.score.positive) : '–'])}
          />
        </ChartFigure>
      )}
    </Section>
  );
}

function ThemeSections(props: { view: WardView }) {
  const { themes, trend, unit } = props.view;
  const top = themes.slice(0, 10);
  const barData = { labels: top.map((t) => t.name), praise: top.map((t) => t.praise), neutral: top.map((t) => t.neutral), criticism: top.map((t) => t.criticism) };
  const trendData = { labels: trend.weeks.map((w) => dayShort(w.start)), series: trend.themes.map((t) => ({ name: t.name, counts: t.counts })) };
  return (
    <>
      <Section id="themes" title="Themes in comments">
        {themes.length === 0 ? (
          <p>No comments have been themed in the last 90 days.</p>
        ) : (
          <ChartFigure id="themes" kind="themes" label="Bar chart of the most frequent comment themes, each split into praise, neither and criticism. The figures are in the table below it." data={barData}>
            <Table
              id="table-themes"
              caption="Most frequent themes in the last 90 days, by sentiment"
              head={['Theme', 'Praise', 'Neither or mixed', 'Criticism', 'Total']}
              numeric={[1, 2, 3, 4]}
              rows={top.map((t) => [<a href={wardUrl(unit.code, { theme: t.name }, '#comments')}>{t.name}</a>, String(t.praise), String(t.neutral), String(t.criticism), String(t.total)])}
            />
          </ChartFigure>
        )}
      </Section>
      <Section id="trend" title="Theme trend">
        {trend.themes.length === 0 ? (
          <p>No themes to show yet.</p>
        ) : (
          <ChartFigure id="trend" kind="trend" label="Line chart of comments per week for the most frequent themes. The figures are in the table below it." data={trendData} collapsed="Show the weekly figures">
            <Table
              id="table-trend"
              caption="Comments per week for the most frequent themes (weeks commencing)"
              head={['Week commencing', ...trend.themes.map((t) => t.name)]}
              numeric={trend.themes.map((_, i) => i + 1)}
              rows={trend.weeks.map((w, i) => [dayMedium(w.start), ...trend.themes.map((t) => String(t.counts[i]))])}
            />
          </ChartFigure>
        )}
      </Section>
    </>
  );
}

function answerText(c: ShownComment): string {
  const labels = ANSWER_LABELS[c.question as 'fft-2020' | 'fft-2013'];
  return labels ? labels[c.answer] ?? String(c.answer) : `${c.answer} out of 10`;
}

function CommentItem(props: { comment: ShownComment; unitCode: string }) {
  const c = props.comment;
  const group = sentimentGroupOf(c.sentiment);
  return (
    <li class={`fft-comment fft-comment--${group ?? 'unread'}`} data-comment={c.id}>
      <blockquote class="fft-comment__text">
        <p dir="auto">{c.text}</p>
      </blockquote>
      <p class="fft-comment__meta nhsuk-body-s">
        {group ? <strong class={`nhsuk-tag nhsuk-tag--${SENTIMENT_GROUP_LABELS[group].tag}`}>{SENTIMENT_GROUP_LABELS[group].title}</strong> : null}{' '}
        {c.concern ? <strong class="nhsuk-tag nhsuk-tag--red">Serious concern: {CONCERN_LABELS[c.concern] ?? c.concern}</strong> : null} {dayMedium(c.day)} · {CHANNEL_LABELS[c.channel] ?? c.channel} · answered “{answerText(c)}”
      </p>
      {c.themes.length ? (
        <p class="fft-comment__themes nhsuk-body-s">
          Themes:{' '}
          {c.themes.map((t, i) => (
            <>
              {i ? ', ' : ''}
              <a href={wardUrl(props.unitCode, { theme: t }, '#comments')}>{t}</a>
            </>
          ))}
        </p>
      ) : null}
    </li>
  );
}

function CommentFilterForm(props: { view: WardView; filters: CommentFilters }) {
  const { filters, view } = props;
  const names = [...new Set([...view.themes.map((t) => t.name), ...(filters.theme ? [filters.theme] : [])])].sort((a, b) => a.localeCompare(b));
  return (
    <form method="get" action={`${wardHref(view.unit.code)}#comments`} class="fft-filters" role="search" aria-label="Filter comments">
      <FieldFrame id="filter-theme" label="Theme" class="fft-filters__field">
        <select class="nhsuk-select" id="filter-theme" name="theme">
          <option value="">All themes</option>
          {names.map((n) => (
            <option value={n} selected={n === filters.theme}>
              {n}
            </option>
          ))}
        </select>
      </FieldFrame>
      <FieldFrame id="filter-sentiment" label="Sentiment" class="fft-filters__field">
        <select class="nhsuk-select" id="filter-sentiment" name="sentiment">
          <option value="">All comments</option>
          {(['praise', 'criticism', 'neutral'] as const).map((g) => (
            <option value={g} selected={g === filters.sentiment}>
              {SENTIMENT_GROUP_LABELS[g].title} only
            </option>
          ))}
        </select>
      </FieldFrame>
      <FieldFrame id="filter-q" label="Words" class="fft-filters__field">
        <input class="nhsuk-input" id="filter-q" name="q" type="search" value={filters.q ?? ''} maxlength={200} />
      </FieldFrame>
      <div class="fft-filters__actions">
        <button class="nhsuk-button nhsuk-button--secondary fft-filters__button" type="submit">
          Filter comments
        </button>
        {filters.theme || filters.sentiment || filters.q ? <a href={`${wardHref(view.unit.code)}#comments`}>Clear filters</a> : null}
      </div>
    </form>
  );
}

function CommentList(props: { comments: ShownComment[]; unitCode: string; empty: string }) {
  if (props.comments.length === 0) return <p class="fft-comments__empty">{props.empty}</p>;
  return (
    <ul class="fft-comments">
      {props.comments.map((c) => (
        <CommentItem comment={c} unitCode={props.unitCode} />
      ))}
    </ul>
  );
}

function CommentsSection(props: { view: WardView; filters: CommentFilters }) {
  const { view, filters } = props;
  const code = view.unit.code;
  const comments = view.comments;
  const narrowed = filters.theme || filters.q ? ' matching these filters' : '';
  return (
    <Section id="comments" title="Comments">
      <p class="nhsuk-body-s">What patients wrote in the last 90 days, newest first, with personal details taken out.</p>
      <CommentFilterForm view={view} filters={filters} />
      {comments.kind === 'groups' ? (
        <div class="fft-comment-groups">
          {comments.groups.map((g) => (
            <div class={`fft-comment-group fft-comment-group--${g.group}`}>
              <h3 class="fft-comment-group__title">
                {SENTIMENT_GROUP_LABELS[g.group].title} <span class="fft-comment-group__count">({g.total})</span>
              </h3>
              <CommentList comments={g.comments} unitCode={code} empty={`No ${SENTIMENT_GROUP_LABELS[g.group].title.toLowerCase()}${narrowed}.`} />
              {g.total > g.comments.length ? (
                <p>
                  <a href={wardUrl(code, { ...filters, sentiment: g.group, page: 1 }, '#comments')}>
                    See all {g.total} <span class="nhsuk-u-visually-hidden">comments of </span>
                    {SENTIMENT_GROUP_LABELS[g.group].title.toLowerCase()}
                  </a>
                </p>
              ) : null}
            </div>
          ))}
        </div>
      ) : (
        <>
          <h3>
            {SENTIMENT_GROUP_LABELS[comments.group].title} ({comments.total}){comments.pages > 1 ? `, page ${comments.page} of ${comments.pages}` : ''}
          </h3>
          <CommentList comments={comments.comments} unitCode={code} empty={`No ${SENTIMENT_GROUP_LABELS[comments.group].title.toLowerCase()}${narrowed}.`} />
          {comments.pages > 1 ? (
            <nav class="fft-pages" aria-label="Pages of comments">
              {comments.page > 1 ? <a href={wardUrl(code, { ...filters, page: comments.page - 1 }, '#comments')}>Newer comments</a> : null}
              {comments.page < comments.pages ? <a href={wardUrl(code, { ...filters, page: comments.page + 1 }, '#comments')}>Older comments</a> : null}
            </nav>
          ) : null}
        </>
      )}
    </Section>
  );
}

function FieldError(props: { problem?: FormProblem; form: string; field: YouSaidField }) {
  const message = props.problem?.form === props.form ? props.problem.errors[props.field] : undefined;
  return message ? (
    <span class="nhsuk-error-message" id={`${props.form}-${props.field}-error`}>
      <span class="nhsuk-u-visually-hidden">Error:</span> {message}
    </span>
  ) : null;
}

/** The form fields an action has; `form` prefixes ids so many forms can share a page. */
function ActionFields(props: { form: string; item?: YouSaidRecord; problem?: FormProblem; texts: boolean }) {
  const { form, item } = props;
  const mine = props.problem?.form === form ? props.problem : undefined;
  const value = (field: YouSaidField, fallback: string | null | undefined) => mine?.values[field] ?? fallback ?? '';
  const group = (field: YouSaidField) => `nhsuk-form-group${mine?.errors[field] ? ' nhsuk-form-group--error' : ''}`;
  const describedBy = (field: YouSaidField) => (mine?.errors[field] ? `${form}-${field}-error` : undefined);
  const status = value('status', item?.status ?? 'planned');
  return (
    <>
      {props.texts
        ? (['youSaid', 'weDid'] as const).map((field) => (
            <div class={group(field)}>
              <label class="nhsuk-label" for={`${form}-${field}`}>
                {FIELD_LABELS[field]}
              </label>
              <div class="nhsuk-hint" id={`${form}-${field}-hint`}>
                {field === 'youSaid' ? 'What patients told you, in their words or a short summary.' : 'What the ward did, or will do, about it.'}
              </div>
              <FieldError problem={props.problem} form={form} field={field} />
              <textarea
                class={`nhsuk-textarea${mine?.errors[field] ? ' nhsuk-textarea--error' : ''}`}
                id={`${form}-${field}`}
                name={field}
                rows={3}
                maxlength={1000}
                dir="auto"
                aria-describedby={[`${form}-${field}-hint`, describedBy(field)].filter(Boolean).join(' ')}
              >
                {value(field, item?.[field])}
              </textarea>
            </div>
          ))
        : null}
      <div class={group('status')}>
        <label class="nhsuk-label" for={`${form}-status`}>
          {FIELD_LABELS.status}
        </label>
        <FieldError problem={props.problem} form={form} field="status" />
        <select class="nhsuk-select" id={`${form}-status`} name="status" aria-describedby={describedBy('status')}>
          {Object.entries(STATUS_LABELS).map(([key, s]) => (
            <option value={key} selected={key === status}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div class={group('owner')}>
        <label class="nhsuk-label" for={`${form}-owner`}>
          {FIELD_LABELS.owner}
        </label>
        <FieldError problem={props.problem} form={form} field="owner" />
        <input class="nhsuk-input nhsuk-input--width-20" id={`${form}-owner`} name="owner" type="text" maxlength={200} value={value('owner', item?.owner)} aria-describedby={describedBy('owner')} />
      </div>
      <div class={group('dueDate')}>
        <label class="nhsuk-label" for={`${form}-dueDate`}>
          {FIELD_LABELS.dueDate}
        </label>
        <div class="nhsuk-hint" id={`${form}-dueDate-hint`}>
          For example, 2026-12-15
        </div>
        <FieldError problem={props.problem} form={form} field="dueDate" />
        <input
          class="nhsuk-input nhsuk-input--width-10"
          id={`${form}-dueDate`}
          name="dueDate"
          type="date"
          value={value('dueDate', item?.dueDate)}
          aria-describedby={[`${form}-dueDate-hint`, describedBy('dueDate')].filter(Boolean).join(' ')}
        />
      </div>
    </>
  );
}

/**
 * Shown on an action whose words the public pages would change: published text hides patients'
 * details (and every name), but staff write these by hand and should see what patients will read.
 */
function PublishedWarning(props: { item: YouSaidRecord; canEdit: boolean }) {
  const published = youSaidAsPublished(props.item);
  if (!published) return null;
  return (
    <div class="nhsuk-warning-callout" data-field="published-warning">
      <h3 class="nhsuk-warning-callout__label">
        <span class="nhsuk-u-visually-hidden">Important: </span>
        Patients will not see this as written
      </h3>
      <p>
        It has {hiddenText(published.hidden)}, which the public results, the ward tablet and the web form hide (staff names too).{' '}
        {props.item.status === 'done' ? 'Patients see:' : 'Once it is marked done, patients will see:'}
      </p>
      <p dir="auto">
        <strong>You said:</strong> <bdi>{published.youSaid}</bdi>
      </p>
      <p dir="auto">
        <strong>We did:</strong> <bdi>{published.weDid}</bdi>
      </p>
      {props.canEdit ? <p>If that does not read well, or the details should not be there at all, reword it under “Update this action”.</p> : null}
    </div>
  );
}

function ActionItem(props: { item: YouSaidRecord; unitCode: string; csrf: string; canEdit: boolean; problem?: FormProblem }) {
  const { item } = props;
  const status = STATUS_LABELS[item.status] ?? { label: item.status, tag: 'grey' as const };
  const form = `action-${item.id}`;
  return (
    <li class="fft-action nhsuk-card" id={form} data-action-id={item.id}>
      <div class="nhsuk-card__content">
        <dl class="nhsuk-summary-list fft-action__list">
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">You said</dt>
            <dd class="nhsuk-summary-list__value" dir="auto">
              {item.youSaid}
            </dd>
          </div>
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">We did</dt>
            <dd class="nhsuk-summary-list__value" dir="auto">
              {item.weDid}
            </dd>
          </div>
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Status</dt>
            <dd class="nhsuk-summary-list__value" data-field="status">
              <strong class={`nhsuk-tag nhsuk-tag--${status.tag}`}>{status.label}</strong>
            </dd>
          </div>
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Owner</dt>
            <dd class="nhsuk-summary-list__value" data-field="owner" dir="auto">
              {item.owner ?? 'Not set'}
            </dd>
          </div>
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Due</dt>
            <dd class="nhsuk-summary-list__value" data-field="due">
              {item.dueDate ? dayLong(item.dueDate) : 'Not set'}
            </dd>
          </div>
        </dl>
        <p class="nhsuk-body-s">Last changed {whenText(item.updatedAt)}</p>
        <PublishedWarning item={item} canEdit={props.canEdit} />
        {props.canEdit ? (
          <details class="nhsuk-details fft-action__edit" id={`${form}-edit`} open={props.problem?.form === item.id}>
            <summary class="nhsuk-details__summary">
              <span class="nhsuk-details__summary-text">
                Update this action<span class="nhsuk-u-visually-hidden">: <bdi>{item.youSaid}</bdi></span>
              </span>
            </summary>
            <div class="nhsuk-details__text">
              <form method="post" action={`${wardHref(props.unitCode)}/you-said/${encodeURIComponent(item.id)}`} novalidate>
                <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
                <ActionFields form={item.id} item={item} problem={props.problem} texts={true} />
                <button class="nhsuk-button nhsuk-button--secondary" type="submit">
                  Save changes
                </button>
              </form>
            </div>
          </details>
        ) : null}
      </div>
    </li>
  );
}

function YouSaidSection(props: { view: WardView; csrf: string; canEdit: boolean; problem?: FormProblem }) {
  const { view, canEdit } = props;
  const code = view.unit.code;
  return (
    <section class="fft-section" id="you-said" aria-labelledby="you-said-title">
      <h2 id="you-said-title" tabindex={-1}>
        You said, we did
      </h2>
      <p>What the ward has done about feedback. Actions marked done are shown to patients on the ward tablet and the web form.</p>
      <div data-live="you-said-list" id="you-said-list">
        {view.youSaid.length === 0 ? (
          <p>No actions yet.</p>
        ) : (
          <ul class="fft-actions">
            {view.youSaid.map((item) => (
              <ActionItem item={item} unitCode={code} csrf={props.csrf} canEdit={canEdit} problem={props.problem} />
            ))}
          </ul>
        )}
      </div>
      {canEdit ? (
        <div class="fft-action-new">
          <h3 id="add-action">Add an action</h3>
          <form method="post" action={`${wardHref(code)}/you-said`} novalidate>
            <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
            <ActionFields form="create" problem={props.problem} texts={true} />
            <button class="nhsuk-button" type="submit">
              Add action
            </button>
          </form>
        </div>
      ) : null}
    </section>
  );
}

export function WardPage(props: { user: UserRecord; csrf: string; view: WardView; filters: CommentFilters; canEdit: boolean; done?: string; problem?: FormProblem }) {
  const { view, filters } = props;
  const unit = view.unit;
  const sections: [string, string][] = [
    ['alerts', 'Alerts'],
    ['today', 'Today'],
    ['spc', 'Daily % positive'],
    ['channels', 'Responses by channel'],
    ['themes', 'Themes'],
    ['trend', 'Theme trend'],
    ['comments', 'Comments'],
    ['you-said', 'You said, we did'],
  ];
  const doneText = props.done ? DONE_TEXT[props.done] : undefined;
  return (
    <StaffPage
      title={props.problem ? `Error: ${unit.name}` : unit.name}
      user={props.user}
      csrf={props.csrf}
      active="/dashboard"
      scripts={['/assets/chart.js/chart.umd.min.js', '/web/static/dashboard.js', '/web/static/charts.js', '/web/static/ward.js']}
      styles={['/web/static/dashboard.css']}
    >
      <a class="nhsuk-back-link" href="/dashboard">
        All wards
      </a>
      {props.problem ? <ErrorSummary problems={Object.entries(props.problem.errors).map(([field, message]) => ({ field: `${props.problem!.form}-${field}`, message }))} /> : null}
      {doneText ? <Done text={doneText} /> : null}
      <h1 class="fft-page-title">
        <bdi>{unit.name}</bdi>
        <span class="nhsuk-caption-m fft-page-title__caption">
          <Names names={[unit.siteName, unit.trustName]} /> · {unit.code}
        </span>
      </h1>
      <LiveStatus pulse={`${wardHref(unit.code)}/pulse`} version={view.version} asAt={view.asAt} />
      <nav class="nhsuk-contents-list fft-contents" aria-label="On this page">
        <h2 class="nhsuk-u-visually-hidden">On this page</h2>
        <ol class="nhsuk-contents-list__list">
          {sections.map(([id, label]) => (
            <li class="nhsuk-contents-list__item">
              <a class="nhsuk-contents-list__link" href={`#${id}`}>
                {label}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <Alerts view={view} csrf={props.csrf} canEdit={props.canEdit} />
      <Section id="today" title={`Today, ${dayLong(view.day.date)}`}>
        <DayFigures day={view.day} />
      </Section>
      <SpcSection view={view} />
      <ChannelSection view={view} />
      <ThemeSections view={view} />
      <CommentsSection view={view} filters={filters} />
      <YouSaidSection view={view} csrf={props.csrf} canEdit={props.canEdit} problem={props.problem} />
    </StaffPage>
  );
}

