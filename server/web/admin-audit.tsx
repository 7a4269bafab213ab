/** @jsxImportSource hono/jsx */
/**
 * The audit log: sign-ins, exports, unredacted views, admin changes and paper-card entries,
 * newest first, narrowed to one kind of action. Who did it is shown by email (or token label)
 * rather than the stored id.
 */
import { Hono } from 'hono';
import type { AuditRecord } from '../../db/store.ts';
import { actorNames } from '../audit.ts';
import type { WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { AdminPage, AdminTable, londonTime, SelectField, type AdminContext } from './admin-ui.tsx';

const PAGE_SIZE = 100;

/** Families of actions (`user` covers `user.add`, `user.role` …). */
const FAMILIES = [
  { value: '', label: 'All actions' },
  { value: 'signin', label: 'Sign-ins and failures' },
  { value: 'signout', label: 'Sign-outs' },
  { value: 'user', label: 'Users' },
  { value: 'org', label: 'Organisation imports' },
  { value: 'unit', label: 'Units and thresholds' },
  { value: 'site', label: 'Sites' },
  { value: 'kiosk', label: 'Ward tablets' },
  { value: 'token', label: 'Tokens' },
  { value: 'eligible', label: 'Eligible counts' },
  { value: 'settings', label: 'Settings' },
  { value: 'entry', label: 'Paper cards and telephone' },
  { value: 'comments', label: 'Unredacted comments' },
  { value: 'export', label: 'Exports' },
  { value: 'alert', label: 'Alerts' },
  { value: 'you-said', label: '“You said, we did”' },
  { value: 'sms', label: 'SMS' },
  { value: 'demo', label: 'Demo data' },
];

const ACTION = /^[a-z][a-z0-9.-]{0,63}$/;

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  const text = JSON.stringify(detail);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

function AuditPage(props: { c: AdminContext; records: AuditRecord[]; action: string; page: number; more: boolean; names: Map<string, string> }) {
  const { c, records, action, page, names } = props;
  const link = (p: number) => `/admin/audit?${new URLSearchParams({ ...(action ? { action } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;
  const options = FAMILIES.some((f) => f.value === action) ? FAMILIES : [...FAMILIES, { value: action, label: action }];
  return (
    <AdminPage c={c} title="Audit log" section="/admin/audit">
      <h1>Audit log</h1>
      <form method="get" action="/admin/audit" class="fft-filter">
        <SelectField id="action" label="Show" value={action} options={options} />
        <button class="nhsuk-button nhsuk-button--secondary" type="submit">
          Filter
        </button>
      </form>
      <AdminTable caption={`${action ? `${options.find((o) => o.value === action)?.label}, newest first` : 'Everything, newest first'}${page > 1 ? ` (page ${page})` : ''}`} heads={['When', 'Who', 'Action', 'On', 'Detail']} class="fft-audit" empty={records.length === 0 && 'Nothing recorded.'}>
        {records.map((r) => (
          <tr>
            <td class="fft-nowrap">{londonTime(r.at)}</td>
            <td>
              <bdi>{names.get(r.actor) ?? r.actor}</bdi>
            </td>
            <td>
              <code>{r.action}</code>
            </td>
            <td>{r.target ? <bdi>{names.get(`user:${r.target}`) ?? r.target}</bdi> : '–'}</td>
            <td class="fft-detail">{detailText(r.detail)}</td>
          </tr>
        ))}
      </AdminTable>
      <nav class="fft-pages" aria-label="Audit log pages">
        {page > 1 ? <a href={link(page - 1)}>Newer</a> : null}
        {props.more ? <a href={link(page + 1)}>Older</a> : null}
      </nav>
    </AdminPage>
  );
}

export function auditAdminPages(deps: WebAppDeps) {
  const { store } = deps;
  const app = new Hono<WebEnv>();

  app.get('/audit', async (c) => {
    const asked = (c.req.query('action') ?? '').trim();
    const action = ACTION.test(asked) ? asked : '';
    const page = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '1', 10) || 1, 1), 10_000);
    const found = await store.findAudit({ ...(action ? { action } : {}), limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    return c.html(<AuditPage c={c} records={found.slice(0, PAGE_SIZE)} action={action} page={page} more={found.length > PAGE_SIZE} names={await actorNames(store)} />);
  });

  return app;
}
