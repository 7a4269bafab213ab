/** @jsxImportSource hono/jsx */
/**
 * API tokens for systems that feed responses or read figures (the patient administration
 * system, a survey supplier, a BI tool). A token is shown once, when made, and only its hash is
 * stored; revoking it stops it at once. Tablets' own tokens are managed on the tablets page.
 */
import { Hono } from 'hono';
import type { Role } from '../../analytics/fft.ts';
import type { TokenRecord } from '../../db/store.ts';
import { audit } from '../audit.ts';
import { isolate } from '../bidi.ts';
import { issueToken } from '../auth/tokens.ts';
import { CONTROL_CHARACTER } from '../collect/schema.ts';
import { notFound, type WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { ActionButton, AdminPage, AdminTable, Csrf, formFields, londonTime, parseScopes, roleScopeProblem, SelectField, TextField, type AdminContext, type Problem } from './admin-ui.tsx';

const TOKEN_ROLES = ['integration', 'commissioner', 'matron', 'admin'] as const satisfies readonly Role[];
const ROLE_LABELS: Record<(typeof TOKEN_ROLES)[number], string> = {
  integration: 'Integration: sends responses and eligible counts, reads figures',
  commissioner: 'Commissioner: reads figures and returns for her trusts or ICBs',
  matron: 'Matron: reads figures for her units',
  admin: 'Admin: everything the API offers',
};

const DONE: Record<string, string> = { revoked: 'The token was revoked: it no longer works.' };

function TokensPage(props: { c: AdminContext; tokens: TokenRecord[]; created?: { token: string; record: TokenRecord }; notice?: string | null; problems?: Problem[]; form?: Record<string, string> }) {
  const { c, problems, form } = props;
  return (
    <AdminPage c={c} title="Integration tokens" section="/admin/tokens" notice={props.notice} problems={problems}>
      <h1>Integration tokens</h1>
      {props.created ? (
        <div class="nhsuk-card fft-secret" role="status" aria-labelledby="token-title">
          <div class="nhsuk-card__content">
            <h2 class="nhsuk-card__heading" id="token-title">
              Copy the token now
            </h2>
            <p>It is shown this once and cannot be seen again. Put it in the other system's settings as a bearer token.</p>
            <label class="nhsuk-label" for="new-token">
              Token for {props.created.record.label ? <bdi>{props.created.record.label}</bdi> : props.created.record.role}
            </label>
            <input class="nhsuk-input fft-secret__value" id="new-token" type="text" readonly value={props.created.token} spellcheck={false} data-testid="new-token" />
          </div>
        </div>
      ) : null}
      <AdminTable caption="Tokens (tablets' own tokens are on the tablets page)" heads={['Label', 'Role', 'Scopes', 'Made', 'Status', null]} empty={props.tokens.length === 0 && 'No tokens yet.'}>
        {props.tokens.map((t) => (
          <tr>
            <td>{t.label ? <bdi>{t.label}</bdi> : '–'}</td>
            <td>{t.role}</td>
            <td>{t.scopes.join(' ') || 'everything'}</td>
            <td>{londonTime(t.createdAt)}</td>
            <td>{t.revokedAt ? <strong class="nhsuk-tag nhsuk-tag--grey">Revoked {londonTime(t.revokedAt)}</strong> : <strong class="nhsuk-tag nhsuk-tag--green">Live</strong>}</td>
            <td>{t.revokedAt ? null : <ActionButton c={c} action={`/admin/tokens/${encodeURIComponent(t.id)}/revoke`} label="Revoke" context={`token ${t.label ? isolate(t.label) : t.id}`} warning />}</td>
          </tr>
        ))}
      </AdminTable>
      <h2>Make a token</h2>
      <form method="post" action="/admin/tokens" novalidate>
        <Csrf c={c} />
        <TextField id="label" label="What it is for" hint="e.g. PAS discharge feed" value={form?.label} problems={problems} width={30} />
        <SelectField id="role" label="Role" value={form?.role ?? 'integration'} problems={problems} options={TOKEN_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        <TextField
          id="scopes"
          label="Scopes (optional for an integration or admin)"
          hint="Separated by spaces: unit:CODE, site:CODE, trust:CODE or icb:CODE. An integration with none may write to every unit."
          value={form?.scopes}
          problems={problems}
          spellcheck={false}
        />
        <button class="nhsuk-button" type="submit">
          Make the token
        </button>
      </form>
    </AdminPage>
  );
}

export function tokenAdminPages(deps: WebAppDeps) {
  const { store, clock } = deps;
  const app = new Hono<WebEnv>();

  async function tokens() {
    return (await store.listTokens()).filter((t) => t.role !== 'kiosk').sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  app.get('/tokens', async (c) => c.html(<TokensPage c={c} tokens={await tokens()} notice={DONE[c.req.query('done') ?? ''] ?? null} />));

  app.post('/tokens', async (c) => {
    const f = await formFields(c);
    const label = (f.label ?? '').trim();
    const role = f.role ?? '';
    const problems: Problem[] = [];
    if (!label) problems.push({ field: 'label', message: 'Say what the token is for, so it can be recognised later' });
    else if (label.length > 100) problems.push({ field: 'label', message: 'The label must be at most 100 characters' });
    else if (CONTROL_CHARACTER.test(label)) problems.push({ field: 'label', message: 'The label must be on one line, with no line breaks or tabs' });
    if (!(TOKEN_ROLES as readonly string[]).includes(role)) problems.push({ field: 'role', message: 'Choose a role' });
    const { scopes, problems: scopeProblems } = parseScopes(f.scopes ?? '', await store.listUnits());
    if (scopeProblems.length) problems.push({ field: 'scopes', message: `Scopes: ${scopeProblems.join('; ')}` });
    else if ((TOKEN_ROLES as readonly string[]).includes(role)) {
      const misfit = roleScopeProblem(role as Role, scopes);
      if (misfit) problems.push({ field: 'scopes', message: misfit });
    }
    if (problems.length) {
      c.header('Cache-Control', 'no-store');
      return c.html(<TokensPage c={c} tokens={await tokens()} problems={problems} form={f} />, 400);
    }
    const created = await issueToken(store, clock, { role: role as Role, scopes, label });
    await audit(store, clock, c.get('principal'), 'token.create', created.record.id, { role, scopes, label });
    // The secret is in this page only: no cache may keep it.
    c.header('Cache-Control', 'no-store');
    return c.html(<TokensPage c={c} tokens={await tokens()} created={created} />, 201);
  });

  app.post('/tokens/:id/revoke', async (c) => {
    const id = c.req.param('id');
    const token = (await store.listTokens()).find((t) => t.id === id);
    if (!token || token.role === 'kiosk') return notFound(c);
    await store.revokeToken(id, clock().toISOString());
    await audit(store, clock, c.get('principal'), 'token.revoke', id, { label: token.label });
    return c.redirect('/admin/tokens?done=revoked', 303);
  });

  return app;
}
