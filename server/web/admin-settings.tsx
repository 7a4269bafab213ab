/** @jsxImportSource hono/jsx */
/**
 * Service settings an admin changes here: staff names in comments on internal views (redaction),
 * the tablet gaming guard, and each unit's alert threshold. The SMS provider is chosen by the
 * environment the service runs in (its secrets never reach a page): shown here, not changed.
 */
import { Hono } from 'hono';
import type { Unit } from '../../db/store.ts';
import { audit } from '../audit.ts';
import { serviceSettings, type ServiceSettings } from '../settings.ts';
import { readSmsConfig, type SmsConfig } from '../sms/providers.ts';
import { DEFAULT_SEND_WINDOW } from '../sms/window.ts';
import type { WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { AdminPage, Csrf, formFields, parseThreshold, TextField, thresholdText, type AdminContext, type Problem } from './admin-ui.tsx';

export type Env = Record<string, string | undefined>;

function Radios(props: { name: string; legend: string; hint?: string; value: string; options: { value: string; label: string; hint?: string }[] }) {
  return (
    <div class="nhsuk-form-group">
      <fieldset class="nhsuk-fieldset" aria-describedby={props.hint ? `${props.name}-hint` : undefined}>
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        {props.hint ? (
          <div class="nhsuk-hint" id={`${props.name}-hint`}>
            {props.hint}
          </div>
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

const PROVIDER_NAMES: Record<SmsConfig['provider'], string> = {
  log: 'None: texts are written to the log, not sent (development and demos)',
  notify: 'GOV.UK Notify',
  twilio: 'Twilio',
};

function SettingsPage(props: { c: AdminContext; settings: ServiceSettings; env: Env; notice?: string | null; problems?: Problem[]; form?: Record<string, string> }) {
  const { c, settings, problems, form } = props;
  const sms = smsView(props.env);
  const sendWindow = props.env.FFT_SMS_WINDOW?.trim() || `${DEFAULT_SEND_WINDOW.start}-${DEFAULT_SEND_WINDOW.end}`;
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
          options={[
            { value: 'yes', label: 'Leave them out of every figure' },
            { value: 'no', label: 'Count them' },
          ]}
        />
        <button class="nhsuk-button" type="submit">
          Save settings
        </button>
      </form>

      <h2>SMS</h2>
      <p>
        Set where the service runs, by environment variables (<code>FFT_SMS_PROVIDER</code> and the provider's own, <code>FFT_SMS_WINDOW</code>), so that
        provider keys never pass through a web page. Restart the service after changing them.
      </p>
      <dl class="nhsuk-summary-list" data-testid="sms-settings">
        <div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">Provider</dt>
          <dd class="nhsuk-summary-list__value">{'error' in sms ? <strong class="fft-error-text">Not usable: {sms.error}</strong> : PROVIDER_NAMES[sms.provider]}</dd>
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
          <dd class="nhsuk-summary-list__value">{sendWindow} (London time)</dd>
        </div>
      </dl>
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
                      <label for={id}>{u.name}</label> <span class="fft-code">{u.code}</span>
                    </td>
                    <td>{u.siteName}</td>
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

  app.get('/settings', async (c) => c.html(<SettingsPage c={c} settings={await settings.get()} env={env} notice={c.req.query('done') === 'saved' ? 'The settings were saved.' : null} />));

  app.post('/settings', async (c) => {
    const f = await formFields(c);
    const current = await settings.get();
    const problems: Problem[] = [];
    const count = /^\d{1,4}$/.test((f.burstCount ?? '').trim()) ? Number(f.burstCount) : NaN;
    const seconds = /^\d{1,4}$/.test((f.burstSeconds ?? '').trim()) ? Number(f.burstSeconds) : NaN;
    const candidate = {
      staffNamesInternal: f.staffNamesInternal,
      burstCount: count,
      burstSeconds: seconds,
      excludeFlagged: f.excludeFlagged === 'yes' ? true : f.excludeFlagged === 'no' ? false : undefined,
    };
    const parsed = serviceSettings.safeParse(candidate);
    if (!parsed.success) {
      // Each field's message, and the input an error links to (a group of radios: its first).
      const messages: Record<string, Problem> = {
        staffNamesInternal: { field: 'staffNamesInternal-keep', message: 'Choose whether staff names are shown' },
        burstCount: { field: 'burstCount', message: 'The number of answers must be a whole number from 2 to 1000' },
        burstSeconds: { field: 'burstSeconds', message: 'The seconds must be a whole number from 1 to 3600' },
        excludeFlagged: { field: 'excludeFlagged-yes', message: 'Choose whether flagged answers are counted' },
      };
      for (const key of new Set(parsed.error.issues.map((i) => String(i.path[0])))) problems.push(messages[key] ?? { message: `${key} is not right` });
      return c.html(<SettingsPage c={c} settings={current} env={env} problems={problems} form={f} />, 400);
    }
    const changed = Object.fromEntries(Object.entries(parsed.data).filter(([k, v]) => current[k as keyof ServiceSettings] !== v));
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
      if ('problem' in parsed) problems.push({ field: id, message: `${u.name}: the threshold ${parsed.problem}` });
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
