/** @jsxImportSource hono/jsx */
/**
 * What the admin pages share: the page shell with the admin sections, the NHS.UK error summary
 * and success banner, form fields, reading a posted form, and scope lists (`unit:W1 trust:RAA`)
 * checked against the organisation.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Child } from 'hono/jsx';
import type { Unit } from '../../db/store.ts';
import type { Role } from '../../analytics/fft.ts';
import { roleScopeMisfit, SCOPE_KINDS } from '../auth/scope.ts';
import { isolate } from '../bidi.ts';
import { CSRF_FIELD } from '../pages/csrf.ts';
import type { WebEnv } from './context.ts';
import { StaffPage } from './layout.tsx';
import { describedBy, ErrorSummary, FieldFrame, SuccessBanner, type Problem } from './ui.tsx';

export { ErrorSummary, type Problem } from './ui.tsx';

export type AdminContext = Context<WebEnv>;

export const ADMIN_SECTIONS = [
  { href: '/admin/org', label: 'Organisation' },
  { href: '/admin/kiosks', label: 'Ward tablets' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/tokens', label: 'Integration tokens' },
  { href: '/admin/eligible', label: 'Eligible counts' },
  { href: '/admin/thresholds', label: 'Alert thresholds' },
  { href: '/admin/settings', label: 'Settings' },
  { href: '/admin/audit', label: 'Audit log' },
] as const;


export function AdminPage(props: { c: AdminContext; title: string; section?: string; notice?: string | null; problems?: Problem[]; scripts?: string[]; children: Child }) {
  const { c } = props;
  return (
    <StaffPage title={props.problems?.length ? `Error: ${props.title}` : props.title} user={c.get('user')} csrf={c.get('csrf')} active="/admin" styles={['/web/static/admin.css']} scripts={props.scripts}>
      <nav class="fft-admin-nav" aria-label="Admin sections">
        <ul>
          {ADMIN_SECTIONS.map((s) => (
            <li>
              <a href={s.href} aria-current={props.section === s.href ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.problems?.length ? <ErrorSummary problems={props.problems} /> : null}
      {props.notice ? <Notice text={props.notice} /> : null}
      {props.children}
    </StaffPage>
  );
}

export function Notice(props: { text: string; children?: Child }) {
  return (
    <SuccessBanner title="Done" text={props.text} role="status">
      {props.children}
    </SuccessBanner>
  );
}

/** A CSV import: a file, or its text pasted (kept when the file is sent back with problems). */
export function CsvImportForm(props: { c: AdminContext; action: string; pasted?: string | null }) {
  const { c } = props;
  return (
    <form method="post" action={props.action} enctype="multipart/form-data">
      <Csrf c={c} />
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="file">
          CSV file
        </label>
        <input class="nhsuk-file-upload" id="file" name="file" type="file" accept=".csv,text/csv" />
      </div>
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="csv">
          Or paste the file’s text
        </label>
        <textarea class="nhsuk-textarea" id="csv" name="csv" rows={5} spellcheck={false}>
          {props.pasted ?? ''}
        </textarea>
      </div>
      <button class="nhsuk-button" type="submit">
        Import
      </button>
    </form>
  );
}

/** A column head: its words, numeric (right-aligned) ones marked, or null for the actions column (named for screen readers only). */
export type AdminTableHead = string | { label: string; numeric: true } | null;

/** An admin list as an NHS.UK table in its scrolling wrapper; `empty` is shown as the one row when there are none. */
export function AdminTable(props: { caption: Child; heads: AdminTableHead[]; class?: string; empty?: string | false; children: Child }) {
  return (
    <div class="fft-table-wrap">
      <table class={`nhsuk-table${props.class ? ` ${props.class}` : ''}`}>
        <caption class="nhsuk-table__caption nhsuk-table__caption--s">{props.caption}</caption>
        <thead class="nhsuk-table__head">
          <tr>
            {props.heads.map((h) =>
              h === null ? (
                <th scope="col">
                  <span class="nhsuk-u-visually-hidden">Actions</span>
                </th>
              ) : typeof h === 'string' ? (
                <th scope="col">{h}</th>
              ) : (
                <th scope="col" class="fft-num">
                  {h.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          {props.empty ? (
            <tr>
              <td colspan={props.heads.length}>{props.empty}</td>
            </tr>
          ) : null}
          {props.children}
        </tbody>
      </table>
    </div>
  );
}

export function Csrf(props: { c: AdminContext }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.c.get('csrf')} />;
}

function errorFor(problems: Problem[] | undefined, id: string): string | undefined {
  return problems?.find((p) => p.field === id)?.message;
}

export function TextField(props: {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  value?: string | null;
  problems?: Problem[];
  type?: string;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal' | 'email' | 'text';
  spellcheck?: boolean;
  min?: string;
  max?: string;
  step?: string;
}) {
  const error = errorFor(props.problems, props.id);
  return (
    <FieldFrame id={props.id} label={props.label} hint={props.hint} error={error}>
      <input
        class={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ''}${error ? ' nhsuk-input--error' : ''}`}
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck}
        min={props.min}
        max={props.max}
        step={props.step}
        aria-describedby={describedBy(props.id, props.hint, error)}
      />
    </FieldFrame>
  );
}

export function SelectField(props: { id: string; name?: string; label: string; hint?: string; options: readonly { value: string; label: string }[]; value?: string | null; problems?: Problem[] }) {
  const error = errorFor(props.problems, props.id);
  return (
    <FieldFrame id={props.id} label={props.label} hint={props.hint} error={error}>
      <select class={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`} id={props.id} name={props.name ?? props.id} aria-describedby={describedBy(props.id, props.hint, error)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A one-button form (revoke, deactivate, new code …), with words for screen readers saying what it acts on. */
export function ActionButton(props: { c: AdminContext; action: string; label: string; context: string; warning?: boolean; fields?: Record<string, string> }) {
  return (
    <form method="post" action={props.action} class="fft-inline-form">
      <Csrf c={props.c} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button class={`nhsuk-button nhsuk-button--small ${props.warning ? 'nhsuk-button--warning' : 'nhsuk-button--secondary'}`} type="submit">
        {props.label}
        <span class="nhsuk-u-visually-hidden"> <bdi>{props.context}</bdi></span>
      </button>
    </form>
  );
}

/** The posted form's text fields (files left out), trimmed of nothing: callers decide. */
export async function formFields(c: AdminContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * An uploaded file's text, or the pasted text if no file was chosen; a problem for the page when
 * there is none, or the file is not UTF-8 (a Latin-1 "é" would be stored as "�").
 */
export async function uploadedText(c: AdminContext, fileField: string, pasteField: string): Promise<{ text: string; problem: Problem | null }> {
  const body = await c.req.parseBody();
  const file = body[fileField];
  let text = '';
  if (file instanceof File && file.size > 0) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return { text: '', problem: { field: 'file', message: 'The file is not UTF-8 text: save it as "CSV UTF-8" and choose it again' } };
    }
  } else if (typeof body[pasteField] === 'string') text = body[pasteField] as string;
  return { text, problem: text.trim() ? null : { field: 'file', message: 'Choose a CSV file, or paste its text' } };
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** An instant as London wall-clock time, e.g. "22 Nov 2026, 10:00". */
export function londonTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : LONDON_TIME.format(t);
}

/** Checks scope strings (`unit:W1`, `trust:RAA` …, separated by spaces, commas or lines) against the organisation. */
export function parseScopes(text: string, units: Unit[]): { scopes: string[]; problems: string[] } {
  const known: Record<(typeof SCOPE_KINDS)[number], Set<string>> = {
    unit: new Set(units.map((u) => u.code)),
    site: new Set(units.map((u) => u.siteCode)),
    trust: new Set(units.map((u) => u.trustCode)),
    icb: new Set(units.map((u) => u.icbCode)),
  };
  const scopes: string[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(unit|site|trust|icb):(.+)$/i.exec(raw);
    if (!m) {
      problems.push(`“${isolate(raw.slice(0, 80))}” is not a scope: write unit:CODE, site:CODE, trust:CODE or icb:CODE`);
      continue;
    }
    const kind = m[1]!.toLowerCase() as (typeof SCOPE_KINDS)[number];
    const code = m[2]!;
    if (!known[kind].has(code)) problems.push(`there is no ${kind} with code ${isolate(code.slice(0, 64))}`);
    else if (!scopes.includes(`${kind}:${code}`)) scopes.push(`${kind}:${code}`);
  }
  return { scopes, problems };
}

/**
 * What is wrong with these scopes for this role, as `fft user add` and `fft token create` say it:
 * a matron's are units or sites, a commissioner's trusts or ICBs (at least one), and an admin has
 * none. An admin's scopes would limit what she reads but not the admin pages or settings, where
 * she can make herself an unscoped token: a limit in name only.
 */
export function roleScopeProblem(role: Role, scopes: string[]): string | null {
  const kindOf = (scope: string) => scope.split(':')[0]!;
  const wrong = roleScopeMisfit(role, scopes.map(kindOf));
  if (!wrong) return null;
  if (role === 'admin') return `An admin sees everything: leave the scopes empty (${scopes.join(', ')})`;
  if (wrong.missing) return `A ${role} needs at least one scope, e.g. ${role === 'matron' ? 'unit:W1' : 'trust:RAA'}`;
  const misfit = scopes.filter((scope) => wrong.misfit.includes(kindOf(scope)));
  return `A ${role}'s scopes are ${wrong.fits.map((k) => `${k}:CODE`).join(' or ')}, not ${misfit.join(', ')}`;
}

/** A unit threshold typed as a percentage ("25", "12.5%", blank = the service default). */
export function parseThreshold(text: string | undefined): { value: number | null } | { problem: string } {
  const t = (text ?? '').trim().replace(/%$/, '').trim();
  if (t === '') return { value: null };
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return { problem: 'must be a percentage above 0 and below 100, like 20' };
  const n = Number(t);
  // 0 would flag every day, and the alert check refuses it, which stopped every alert for the unit;
  // 100 would flag none (a day alerts only above its threshold), with nothing to say so.
  if (n <= 0 || n >= 100) return { problem: 'must be a percentage above 0 and below 100, like 20' };
  return { value: Math.round(n * 100) / 10000 };
}

/** A stored share (0–1) as the percentage an admin types. */
export function thresholdText(value: number | null): string {
  return value === null ? '' : String(Math.round(value * 10000) / 100);
}

/**
 * For a page area's POSTs (and any other method with a body, which the CSRF check reads as well):
 * refuses a body over `maxBytes` (413) or one that cannot be read as a form (400) before the CSRF
 * check reads it, so neither can become a 500.
 */
export function formBody(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: maxBytes, onError: (c) => c.html(<TooLargePage maxBytes={maxBytes} back={backLink(c)} />, 413) });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    let unreadable = false;
    const res = await limit(c, async () => {
      try {
        await c.req.parseBody();
      } catch {
        unreadable = true;
        return;
      }
      await next();
    });
    if (unreadable) return c.text('The form could not be read: go back and send it again.', 400);
    return res;
  };
}

/** The page the form was sent from, when it is one of ours (the Referer's path), for a link back. */
function backLink(c: Context): string {
  const referer = c.req.header('referer');
  if (!referer) return '/dashboard';
  try {
    const from = new URL(referer);
    return from.origin === new URL(c.req.url).origin ? from.pathname + from.search : '/dashboard';
  } catch {
    return '/dashboard';
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** What a member of staff sees after sending a form or file over the limit: nothing was saved. */
function TooLargePage(props: { maxBytes: number; back: string }) {
  return (
    <StaffPage title="The form is too large">
      <h1>The form is too large</h1>
      <p>
        The form is too large: at most {sizeText(props.maxBytes)}. Nothing was saved. If it held a file, split it into smaller files
        (an organisation or eligible-counts CSV can be imported in parts) and send each in turn.
      </p>
      <p>
        <a href={props.back}>Go back</a>
      </p>
    </StaffPage>
  );
}
