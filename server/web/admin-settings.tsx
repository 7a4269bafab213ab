/** @jsxImportSource hono/jsx */
/**
 * Service settings an admin changes here: staff names in comments on internal views (redaction),
 * the tablet gaming guard, when invitation texts may go out and pausing them, and each unit's
 * alert threshold. The SMS provider is chosen by the environment the service runs in (its
 * secrets never reach a page): shown here, not changed.
 */
import { Hono } from 'hono';
import type { Unit } from '../../db/store.ts';
import { audit } from '../audit.ts';
import { isolate } from '../bidi.ts';
import { serviceSettings, type ServiceSettings } from '../settings.ts';
import { parseSendWindow } from '../sms/config.ts';
import { readSmsConfig, type SmsConfig } from '../sms/providers.ts';
import type { SendWindow } from '../sms/window.ts';
import type { WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { AdminPage, Csrf, formFields, parseThreshold, TextField, thresholdText, type AdminContext, type Problem } from './admin-ui.tsx';
import { describedBy } from './ui.tsx';

export type Env = Record<string, string | undefined>;

function Radios(props: { name: string; legend: string; hint?: string; value: string; options: { value: string; label: string; hint?: string }[]; problems?: Problem[] }) {
  // A problem with a group of radios names its first radio (what the error summary links to).
  const error = props.problems?.find((p) => p.field?.startsWith(`${props.name}-`))?.message;
  const described = describedBy(props.name, props.hint, error);
  return (
    <div class={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset class="nhsuk-fieldset" aria-describedby={described}>
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        {props.hint ? (
          <div class="nhsuk-hint" id={`${props.name}-hint`}>
            {props.hint}
          </div>
        ) : null}
        {error ? (
          <span class="nhsuk-error-message" id={`${props.name}-error`}>
            <span class="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        <div class="nhsuk-radios">
          {props.options.map((o) => (
            <div class="nhsuk-radios__item">
              <input class="nhsuk-radios__input" id={`${props.name}-${o.value}`} name={props.name} type="radio" value={o.value} checked={props.value === o.value} />
              <label class="nhsuk-label nhsuk-radios__label" for={`${props.name}-${o.value}`}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

type SmsView = { provider: SmsConfig['provider']; details: [string, string][] } | { error: string };

function smsView(env: Env): SmsView {
  try {
    const config = readSmsConfig(env);
    const details: [string, string][] = [];
    if (config.provider === 'notify') {
      details.push(['Template', config.templateId], ['Sender', config.smsSenderId ?? 'the Notify service default'], ['Replies callback token', config.inboundToken ? 'set' : 'not set']);
    } else if (config.provider === 'twilio') {
      details.push(['Account', config.accountSid], ['Sends from', config.from ?? `messaging service ${config.messagingServiceSid}`]);
    }
    return { provider: config.provider, details };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** FFT_SMS_WINDOW as the service read it when it started (the default when unset). */
type EnvWindow = { window: SendWindow; set: boolean } | { error: string };

function envWindow(env: Env): EnvWindow {
  try {
    return { window: parseSendWindow(env.FFT_SMS_WINDOW), set: Boolean(env.FFT_SMS_WINDOW?.trim()) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const windowText = (w: SendWindow) => `${w.start}-${w.end}`;

/** A time as typed (`09:00`, `9:00`, `9.00`; a time input sends `09:00`) as `HH:MM`; blank is null. */
function parseTime(text: string | undefined): { value: string | null } | { problem: true } {
  const t = (text ?? '').trim();
  if (t === '') return { value: null };
  const m = /^(\d{1,2})[:.]([0-5]\d)$/.exec(t);
  if (!m || Number(m[1]) > 23) return { problem: true };
  return { value: `${m[1]!.padStart(2, '0')}:${m[2]}` };
}

/** The SMS part of the form: the window (both times, or neither for the environment's) and whether sending is paused. */
function readSmsFields(f: Record<string, string>): { smsWindow?: SendWindow | null; smsPaused?: boolean; problems: Problem[] } {
  const problems: Problem[] = [];
  const start = parseTime(f.smsWindowStart);
  const end = parseTime(f.smsWindowEnd);
  let smsWindow: SendWindow | null | undefined;
  if ('problem' in start) problems.push({ field: 'smsWindowStart', message: 'The time texts are sent from must be a 24-hour time HH:MM, like 09:00' });
  if ('problem' in end) problems.push({ field: 'smsWindowEnd', message: 'The time texts are sent until must be a 24-hour time HH:MM, like 20:00' });
  if ('value' in start && 'value' in end) {
    const both = 'or leave both times empty to use the window set in the environment';
    if (start.value === null && end.value === null) smsWindow = null;
    else if (start.value === null) problems.push({ field: 'smsWindowStart', message: `Enter the time texts are sent from, ${both}` });
    else if (end.value === null) problems.push({ field: 'smsWindowEnd', message: `Enter the time texts are sent until, ${both}` });
    else if (start.value >= end.value) problems.push({ field: 'smsWindowEnd', message: `The time texts are sent until must be after the time they are sent from (${start.value})` });
    else smsWindow = { start: start.value, end: end.value };
  }
  const smsPaused = f.smsPaused === 'yes' ? true : f.smsPaused === 'no' ? false : undefined;
  if (smsPaused === undefined) problems.push({ field: 'smsPaused-no', message: 'Choose whether invitation texts are sent or paused' });
  return { smsWindow, smsPaused, problems };
}

/** The settings with the SMS ones as they apply when never set: no window of the admin's, not paused. */
function withSmsDefaults(s: ServiceSettings): ServiceSettings {
  return { ...s, smsWindow: s.smsWindow ?? null, smsPaused: s.smsPaused ?? false };
}

const PROVIDER_NAMES: Record<SmsConfig['provider'], string> = {
  log: 'None: texts are written to the log, not sent (development and demos)',
  notify: 'GOV.UK Notify',
  twilio: 'Twilio',
};

function SettingsPage(props: { c: AdminContext; settings: ServiceSettings; env: Env; notice?: string | null; problems?: Problem[]; form?: Record<string, string> }) {
  const { c, settings, problems, form } = props;
  const sms = smsView(props.env);
  const fromEnv = envWindow(props.env);
  const envText = 'error' in fromEnv ? 'not usable' : windowText(fromEnv.window);
  const paused = settings.smsPaused === true;
  return (
    <AdminPage c={c} title="Settings" section="/admin/settings" notice={props.notice} problems={problems}>
      <h1>Settings</h1>
      <form method="post" action="/admin/settings" novalidate>
        <Csrf c={c} />
        <h2>Comments</h2>
        <Radios
          name="staffNamesInternal"
          legend="Staff names in comments on the dashboard and ward pages"
          hint="Exports and public pages always hide them. Patients' own names and contact details are always hidden."
          value={form?.staffNamesInternal ?? settings.staffNamesInternal}
          problems={problems}
          options={[
            { value: 'keep', label: 'Show them: praise by name matters to ward teams' },
            { value: 'redact', label: 'Hide them' },
          ]}
        />
        <h2>Tablet gaming guard</h2>
        <p>Many answers from one tablet faster than patients answer are stored but flagged.</p>
        <TextField id="burstCount" label="More than this many answers …" value={form?.burstCount ?? String(settings.burstCount)} problems={problems} width={4} inputmode="numeric" />
        <TextField id="burstSeconds" label="… within this many seconds is a burst" value={form?.burstSeconds ?? String(settings.burstSeconds)} problems={problems} width={4} inputmode="numeric" />
        <Radios
          name="excludeFlagged"
          legend="Flagged answers in the figures"
          value={form?.excludeFlagged ?? (settings.excludeFlagged ? 'yes' : 'no')}
          problems={problems}
          options={[
            { value: 'yes', label: 'Leave them out of every figure' },
            { value: 'no', label: 'Count them' },
          ]}
        />

        <h2 id="sms">Text messages (SMS)</h2>
        <p>
          The provider is set where the service runs, by environment variables (<code>FFT_SMS_PROVIDER</code> and the provider's own), so that provider keys
          never pass through a web page: restart the service after changing them. When texts go out, and pausing them, are set here and apply within a few
          seconds.
        </p>
        {paused ? (
          <div class="nhsuk-warning-callout" data-testid="sms-paused">
            <h3 class="nhsuk-warning-callout__label">
              <span class="nhsuk-u-visually-hidden">Important: </span>
              Invitation texts are paused
            </h3>
            <p>No invitation is being sent. They stay queued and go out, inside the send window, once sending is resumed below. Replies from patients are still received.</p>
          </div>
        ) : null}
        <dl class="nhsuk-summary-list" data-testid="sms-settings">
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Provider</dt>
            <dd class="nhsuk-summary-list__value">{'error' in sms ? <strong class="fft-error-text">Not usable: {sms.error}</strong> : PROVIDER_NAMES[sms.provider]}</dd>
          </div>
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Provider set by</dt>
            <dd class="nhsuk-summary-list__value">
              The environment: <code>FFT_SMS_PROVIDER</code> and the provider's own variables
            </dd>
          </div>
          {'error' in sms
            ? null
            : sms.details.map(([k, v]) => (
                <div class="nhsuk-summary-list__row">
                  <dt class="nhsuk-summary-list__key">{k}</dt>
                  <dd class="nhsuk-summary-list__value">{v}</dd>
                </div>
              ))}
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Texts are sent between</dt>
            <dd class="nhsuk-summary-list__value" data-testid="sms-window">
              {settings.smsWindow ? (
                <>
                  {windowText(settings.smsWindow)} (London time), set on this page by an admin
                </>
              ) : 'error' in fromEnv ? (
                <strong class="fft-error-text">Not usable: {fromEnv.error}</strong>
              ) : fromEnv.set ? (
                <>
                  {envText} (London time), from <code>FFT_SMS_WINDOW</code> in the environment
                </>
              ) : (
                <>
                  {envText} (London time), the default (<code>FFT_SMS_WINDOW</code> is not set)
                </>
              )}
            </dd>
          </div>
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Invitation texts</dt>
            <dd class="nhsuk-summary-list__value" data-testid="sms-sending">
              {paused ? <strong>Paused: they stay queued</strong> : 'Being sent'}
            </dd>
          </div>
        </dl>
        <div class={`nhsuk-form-group${problems?.some((p) => p.field?.startsWith('smsWindow')) ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset class="nhsuk-fieldset" aria-describedby="smsWindow-hint">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">When invitation texts may be sent (London time)</legend>
            <div class="nhsuk-hint" id="smsWindow-hint">
              An invitation due outside these times waits for the next opening. Leave both empty to use the window set in the environment ({envText}).
            </div>
            <div class="fft-filter">
              <TextField id="smsWindowStart" label="From" type="time" width={5} value={form?.smsWindowStart ?? settings.smsWindow?.start ?? ''} problems={problems} />
              <TextField id="smsWindowEnd" label="Until" type="time" width={5} value={form?.smsWindowEnd ?? settings.smsWindow?.end ?? ''} problems={problems} />
            </div>
          </fieldset>
        </div>
        <Radios
          name="smsPaused"
          legend="Sending invitation texts"
          hint="Pausing holds every invitation in the queue; replies from patients are still received and answered. An invitation still waiting 6 days after it was due is closed unsent: its number is erased at 7 days, and a patient is given a day to answer."
          value={form?.smsPaused ?? (paused ? 'yes' : 'no')}
          problems={problems}
          options={[
            { value: 'no', label: 'Send them, inside the times above' },
            { value: 'yes', label: 'Pause them: keep them queued until sending is resumed' },
          ]}
        />
        <button class="nhsuk-button" type="submit">
          Save settings
        </button>
      </form>
    </AdminPage>
  );
}

function ThresholdsPage(props: { c: AdminContext; units: Unit[]; notice?: string | null; problems?: Problem[]; form?: Record<string, string> }) {
  const { c, problems, form } = props;
  return (
    <AdminPage c={c} title="Alert thresholds" section="/admin/thresholds" notice={props.notice} problems={problems}>
      <h1>Alert thresholds</h1>
      <p>
        A unit's matron is alerted when, on a day, a larger share of its answers than this are poor or very poor. Leave a unit blank for the service default
        (20%).
      </p>
      <form method="post" action="/admin/thresholds" novalidate>
        <Csrf c={c} />
        <div class="fft-table-wrap">
          <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--s">% negative on a day that raises an alert</caption>
            <thead class="nhsuk-table__head">
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Site</th>
                <th scope="col">Threshold (%)</th>
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              {props.units.map((u) => {
                const id = `threshold-${u.code}`;
                const error = problems?.find((p) => p.field === id);
                return (
                  <tr>
                    <td>
                      <label for={id}>
                        <bdi>{u.name}</bdi>
                      </label>{' '}
                      <span class="fft-code">{u.code}</span>
                    </td>
                    <td>
                      <bdi>{u.siteName}</bdi>
                    </td>
                    <td class={error ? 'nhsuk-form-group--error' : undefined}>
                      <input
                        class={`nhsuk-input nhsuk-input--width-4${error ? ' nhsuk-input--error' : ''}`}
                        id={id}
                        name={id}
                        inputmode="decimal"
                        value={form?.[id] ?? thresholdText(u.negativeThreshold)}
                        aria-describedby={error ? `${id}-error` : undefined}
                      />
                      {error ? (
                        <span class="nhsuk-error-message" id={`${id}-error`}>
                          <span class="nhsuk-u-visually-hidden">Error:</span> {error.message}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button class="nhsuk-button" type="submit">
          Save thresholds
        </button>
      </form>
    </AdminPage>
  );
}

export function settingsAdminPages(deps: WebAppDeps, env: Env) {
  const { store, clock, settings } = deps;
  const app = new Hono<WebEnv>();

  app.get('/settings', async (c) => c.html(<SettingsPage c={c} settings={withSmsDefaults(await settings.get())} env={env} notice={c.req.query('done') === 'saved' ? 'The settings were saved.' : null} />));

  app.post('/settings', async (c) => {
    const f = await formFields(c);
    const current = withSmsDefaults(await settings.get());
    const problems: Problem[] = [];
    const count = /^\d{1,4}$/.test((f.burstCount ?? '').trim()) ? Number(f.burstCount) : NaN;
    const seconds = /^\d{1,4}$/.test((f.burstSeconds ?? '').trim()) ? Number(f.burstSeconds) : NaN;
    const candidate = {
      staffNamesInternal: f.staffNamesInternal,
      burstCount: count,
      burstSeconds: seconds,
      excludeFlagged: f.excludeFlagged === 'yes' ? true : f.excludeFlagged === 'no' ? false : undefined,
    };
    const sms = readSmsFields(f);
    // Until the SMS fields are right, the current values stand in, so the other fields are still checked.
    const parsed = serviceSettings.safeParse({ ...candidate, smsWindow: sms.smsWindow === undefined ? current.smsWindow : sms.smsWindow, smsPaused: sms.smsPaused ?? current.smsPaused });
    if (!parsed.success || sms.problems.length) {
      // Each field's message, and the input an error links to (a group of radios: its first).
      const messages: Record<string, Problem> = {
        staffNamesInternal: { field: 'staffNamesInternal-keep', message: 'Choose whether staff names are shown' },
        burstCount: { field: 'burstCount', message: 'The number of answers must be a whole number from 2 to 1000' },
        burstSeconds: { field: 'burstSeconds', message: 'The seconds must be a whole number from 1 to 3600' },
        excludeFlagged: { field: 'excludeFlagged-yes', message: 'Choose whether flagged answers are counted' },
      };
      if (!parsed.success) for (const key of new Set(parsed.error.issues.map((i) => String(i.path[0])))) problems.push(messages[key] ?? { message: `${key} is not right` });
      problems.push(...sms.problems);
      return c.html(<SettingsPage c={c} settings={current} env={env} problems={problems} form={f} />, 400);
    }
    // Compared by value: the window is an object.
    const changed = Object.fromEntries(Object.entries(parsed.data).filter(([k, v]) => JSON.stringify(current[k as keyof ServiceSettings]) !== JSON.stringify(v)));
    await settings.set(parsed.data);
    if (Object.keys(changed).length) await audit(store, clock, c.get('principal'), 'settings.update', 'service', changed);
    return c.redirect('/admin/settings?done=saved', 303);
  });

  app.get('/thresholds', async (c) => c.html(<ThresholdsPage c={c} units={await store.listUnits()} notice={c.req.query('done') === 'saved' ? 'The thresholds were saved.' : null} />));

  app.post('/thresholds', async (c) => {
    const f = await formFields(c);
    const units = await store.listUnits();
    const problems: Problem[] = [];
    const changes: { unit: Unit; to: number | null }[] = [];
    for (const u of units) {
      const id = `threshold-${u.code}`;
      if (f[id] === undefined) continue;
      const parsed = parseThreshold(f[id]);
      if ('problem' in parsed) problems.push({ field: id, message: `${isolate(u.name)}: the threshold ${parsed.problem}` });
      else if (parsed.value !== u.negativeThreshold) changes.push({ unit: u, to: parsed.value });
    }
    if (problems.length) return c.html(<ThresholdsPage c={c} units={units} problems={problems} form={f} />, 400);
    for (const { unit, to } of changes) {
      await store.setUnitThreshold(unit.code, to);
      await audit(store, clock, c.get('principal'), 'unit.threshold', unit.code, { from: unit.negativeThreshold, to });
    }
    return c.redirect('/admin/thresholds?done=saved', 303);
  });

  return app;
}
