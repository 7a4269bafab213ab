/** @jsxImportSource hono/jsx */
/**
 * Staff accounts: add one (email, role, scopes, a first password), change role and scopes,
 * deactivate (signed out everywhere at once), unlock after too many wrong passwords, and set
 * a new password. A change of password, role or standing also revokes the user's device cookies
 * (see `device-cookie.ts`): a browser trusted before must sign in again to be trusted. An admin cannot deactivate or demote themself (the service would lose its
 * last admin that way). Every change is audited; passwords never are.
 */
import { Hono } from 'hono';
import type { Role } from '../../analytics/fft.ts';
import type { UserRecord } from '../../db/store.ts';
import { audit } from '../audit.ts';
import { isolate } from '../bidi.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { newId } from '../ids.ts';
import { notFound, type WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { ActionButton, AdminPage, AdminTable, Csrf, formFields, londonTime, parseScopes, roleScopeProblem, SelectField, TextField, type AdminContext, type Problem } from './admin-ui.tsx';
import { describedBy, FieldFrame } from './ui.tsx';

export const STAFF_ROLES = ['matron', 'commissioner', 'admin'] as const satisfies readonly Role[];
const ROLE_LABELS: Record<(typeof STAFF_ROLES)[number], string> = {
  matron: 'Matron or ward manager (her units)',
  commissioner: 'Commissioner (her trusts or ICBs)',
  admin: 'Admin',
};
// No control characters: no address has one (and PostgreSQL cannot hold U+0000).
const EMAIL = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

const DONE: Record<string, string> = {
  added: 'The user was added. Give them their first password in person or by phone, not by email.',
  role: 'The role and scopes were saved; the user was signed out so their next sign-in uses them.',
  deactivated: 'The user was deactivated and signed out everywhere.',
  reactivated: 'The user was reactivated.',
  unlocked: 'The account was unlocked.',
  password: 'The password was changed and the user signed out everywhere.',
};

function isStaffRole(role: string): role is (typeof STAFF_ROLES)[number] {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

function locked(user: UserRecord, now: Date): boolean {
  return Boolean(user.lockedUntil && Date.parse(user.lockedUntil) > now.getTime());
}

function StatusTag(props: { user: UserRecord; now: Date }) {
  if (!props.user.active) return <strong class="nhsuk-tag nhsuk-tag--grey">Deactivated</strong>;
  if (locked(props.user, props.now)) return <strong class="nhsuk-tag nhsuk-tag--red">Locked</strong>;
  return <strong class="nhsuk-tag nhsuk-tag--green">Active</strong>;
}

const SCOPES_HINT =
  'What they may see, separated by spaces or new lines: unit:CODE, site:CODE, trust:CODE or icb:CODE. A matron needs units or sites and a commissioner trusts or ICBs, at least one; an admin has none: she sees everything.';

function ScopesField(props: { value: string; problems?: Problem[] }) {
  const error = props.problems?.find((p) => p.field === 'scopes')?.message;
  return (
    <FieldFrame id="scopes" label="Scopes" hint={SCOPES_HINT} error={error}>
      <textarea class={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`} id="scopes" name="scopes" rows={3} spellcheck={false} aria-describedby={describedBy('scopes', SCOPES_HINT, error)}>
        {props.value}
      </textarea>
    </FieldFrame>
  );
}

const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function UsersPage(props: { c: AdminContext; users: UserRecord[]; now: Date; notice?: string | null; problems?: Problem[]; form?: Record<string, string> }) {
  const { c, form, problems } = props;
  return (
    <AdminPage c={c} title="Users" section="/admin/users" notice={props.notice} problems={problems}>
      <h1>Users</h1>
      <AdminTable caption="Staff who can sign in" heads={['Email', 'Role', 'Scopes', 'Status', null]}>
        {props.users.map((u) => (
          <tr>
            <td>
              <bdi>{u.email}</bdi>
            </td>
            <td>{u.role}</td>
            <td>{u.scopes.join(' ') || (u.role === 'admin' ? 'everything' : 'none')}</td>
            <td>
              <StatusTag user={u} now={props.now} />
            </td>
            <td>
              <a href={`/admin/users/${encodeURIComponent(u.id)}`}>
                Manage<span class="nhsuk-u-visually-hidden"> <bdi>{u.email}</bdi></span>
              </a>
            </td>
          </tr>
        ))}
      </AdminTable>
      <h2>Add a user</h2>
      <form method="post" action="/admin/users" novalidate>
        <Csrf c={c} />
        <TextField id="email" label="Email address" type="email" autocomplete="off" spellcheck={false} value={form?.email} problems={problems} />
        <SelectField id="role" label="Role" value={form?.role ?? 'matron'} problems={problems} options={roleOptions} />
        <ScopesField value={form?.scopes ?? ''} problems={problems} />
        <TextField id="password" label="First password" type="password" autocomplete="new-password" hint="At least 12 characters. A few unrelated words are easy to say and hard to guess." problems={problems} />
        <button class="nhsuk-button" type="submit">
          Add the user
        </button>
      </form>
    </AdminPage>
  );
}

function UserPage(props: { c: AdminContext; user: UserRecord; now: Date; problems?: Problem[]; form?: Record<string, string> }) {
  const { c, user, problems, form } = props;
  const path = `/admin/users/${encodeURIComponent(user.id)}`;
  const self = c.get('user').id === user.id;
  return (
    <AdminPage c={c} title={user.email} section="/admin/users" problems={problems}>
      <a class="nhsuk-back-link" href="/admin/users">
        Users
      </a>
      <h1>
        <bdi>{user.email}</bdi>
      </h1>
      <dl class="nhsuk-summary-list">
        <div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">Status</dt>
          <dd class="nhsuk-summary-list__value">
            <StatusTag user={user} now={props.now} />
            {locked(user, props.now) ? ` until ${londonTime(user.lockedUntil)}` : null}
          </dd>
        </div>
        <div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">Wrong passwords in a row</dt>
          <dd class="nhsuk-summary-list__value">{user.failedSignIns}</dd>
        </div>
        <div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">Added</dt>
          <dd class="nhsuk-summary-list__value">{londonTime(user.createdAt)}</dd>
        </div>
      </dl>

      <h2>Role and scopes</h2>
      {self ? (
        <p>You cannot change your own role: ask another admin.</p>
      ) : (
        <form method="post" action={`${path}/role`} novalidate>
          <Csrf c={c} />
          <SelectField id="role" label="Role" value={form?.role ?? user.role} problems={problems} options={roleOptions} />
          <ScopesField value={form?.scopes ?? user.scopes.join('\n')} problems={problems} />
          <button class="nhsuk-button" type="submit">
            Save role and scopes
          </button>
        </form>
      )}

      <h2>Password</h2>
      <form method="post" action={`${path}/password`} novalidate>
        <Csrf c={c} />
        <TextField id="password" label="New password" type="password" autocomplete="new-password" hint="At least 12 characters. The user is signed out everywhere." problems={problems} />
        <button class="nhsuk-button nhsuk-button--secondary" type="submit">
          Set the new password
        </button>
      </form>

      {user.failedSignIns > 0 || user.lockedUntil ? (
        <>
          <h2>Unlock</h2>
          <p>Clears the wrong-password count and any lock, so they can sign in again now.</p>
          <ActionButton c={c} action={`${path}/unlock`} label="Unlock" context={user.email} />
        </>
      ) : null}

      <h2>{user.active ? 'Deactivate' : 'Reactivate'}</h2>
      {self ? (
        <p>You cannot deactivate your own account.</p>
      ) : (
        <>
          <p>{user.active ? 'Someone who has left or changed job: they are signed out at once and cannot sign in.' : 'Let them sign in again.'}</p>
          <ActionButton c={c} action={`${path}/active`} label={user.active ? 'Deactivate' : 'Reactivate'} context={user.email} warning={user.active} fields={{ active: user.active ? '0' : '1' }} />
        </>
      )}
    </AdminPage>
  );
}

export function userAdminPages(deps: WebAppDeps) {
  const { store, clock, passwordCost } = deps;
  const app = new Hono<WebEnv>();

  async function checkRoleAndScopes(f: Record<string, string>, problems: Problem[]) {
    const role = f.role ?? '';
    if (!isStaffRole(role)) problems.push({ field: 'role', message: 'Choose a role' });
    const { scopes, problems: scopeProblems } = parseScopes(f.scopes ?? '', await store.listUnits());
    if (scopeProblems.length) problems.push({ field: 'scopes', message: `Scopes: ${scopeProblems.join('; ')}` });
    else if (isStaffRole(role)) {
      const misfit = roleScopeProblem(role, scopes);
      if (misfit) problems.push({ field: 'scopes', message: misfit });
    }
    return { role: role as Role, scopes };
  }

  /**
   * After a change of password, role or standing: the user is signed out everywhere and no
   * browser stays trusted (device cookies). How many sessions ended.
   */
  async function signOutEverywhere(userId: string): Promise<number> {
    const ended = await store.deleteUserSessions(userId);
    await store.revokeDevices(userId);
    return ended;
  }

  async function withUser(c: AdminContext, then: (user: UserRecord) => Promise<Response>) {
    const user = await store.getUser(c.req.param('id') ?? '');
    return user ? then(user) : notFound(c);
  }

  app.get('/users', async (c) => c.html(<UsersPage c={c} users={await store.listUsers()} now={clock()} notice={DONE[c.req.query('done') ?? ''] ?? null} />));

  app.post('/users', async (c) => {
    const f = await formFields(c);
    const email = (f.email ?? '').trim().toLowerCase();
    const problems: Problem[] = [];
    if (!EMAIL.test(email) || email.length > 200) problems.push({ field: 'email', message: 'Enter an email address, like name@nhs.net' });
    else if (await store.findUserByEmail(email)) problems.push({ field: 'email', message: `There is already a user with email ${isolate(email)}` });
    const { role, scopes } = await checkRoleAndScopes(f, problems);
    const password = f.password ?? '';
    // Her own address in it is refused here as by `fft user add`: the first thing a guesser tries.
    const weak = await passwordProblem(password, email);
    if (weak) problems.push({ field: 'password', message: `The password ${weak}` });
    if (problems.length) return c.html(<UsersPage c={c} users={await store.listUsers()} now={clock()} problems={problems} form={{ ...f, email, password: '' }} />, 400);
    const id = newId();
    await store.createUser({ id, email, role, scopes, passwordHash: await hashPassword(password, passwordCost), active: true, failedSignIns: 0, lockedUntil: null, createdAt: clock().toISOString() });
    await audit(store, clock, c.get('principal'), 'user.add', id, { email, role, scopes });
    return c.redirect('/admin/users?done=added', 303);
  });

  app.get('/users/:id', (c) => withUser(c, async (user) => c.html(<UserPage c={c} user={user} now={clock()} />)));

  app.post('/users/:id/role', (c) =>
    withUser(c, async (user) => {
      const f = await formFields(c);
      const problems: Problem[] = [];
      if (user.id === c.get('user').id) problems.push({ message: 'You cannot change your own role: ask another admin' });
      const { role, scopes } = await checkRoleAndScopes(f, problems);
      if (problems.length) return c.html(<UserPage c={c} user={user} now={clock()} problems={problems} form={f} />, 400);
      await store.updateUser(user.id, { role, scopes });
      await signOutEverywhere(user.id);
      await audit(store, clock, c.get('principal'), 'user.role', user.id, { email: user.email, from: { role: user.role, scopes: user.scopes }, to: { role, scopes } });
      return c.redirect('/admin/users?done=role', 303);
    }),
  );

  app.post('/users/:id/active', (c) =>
    withUser(c, async (user) => {
      const active = (await formFields(c)).active === '1';
      if (user.id === c.get('user').id) return c.html(<UserPage c={c} user={user} now={clock()} problems={[{ message: 'You cannot deactivate your own account' }]} />, 400);
      await store.updateUser(user.id, { active });
      const ended = active ? 0 : await signOutEverywhere(user.id);
      await audit(store, clock, c.get('principal'), active ? 'user.reactivate' : 'user.deactivate', user.id, { email: user.email, ...(active ? {} : { sessionsEnded: ended }) });
      return c.redirect(`/admin/users?done=${active ? 'reactivated' : 'deactivated'}`, 303);
    }),
  );

  app.post('/users/:id/unlock', (c) =>
    withUser(c, async (user) => {
      await store.updateUser(user.id, { failedSignIns: 0, lockedUntil: null });
      // A browser of hers locked by her own wrong passwords is counted apart from the account
      // (device-cookie.ts): unlocking must let her in there too, so her device cookies stop counting
      // and that browser is counted with the account just unlocked, until her next sign-in there.
      await store.revokeDevices(user.id);
      await audit(store, clock, c.get('principal'), 'user.unlock', user.id, { email: user.email });
      return c.redirect('/admin/users?done=unlocked', 303);
    }),
  );

  app.post('/users/:id/password', (c) =>
    withUser(c, async (user) => {
      const password = (await formFields(c)).password ?? '';
      const weak = await passwordProblem(password, user.email);
      if (weak) return c.html(<UserPage c={c} user={user} now={clock()} problems={[{ field: 'password', message: `The password ${weak}` }]} />, 400);
      await store.updateUser(user.id, { passwordHash: await hashPassword(password, passwordCost), failedSignIns: 0, lockedUntil: null });
      await signOutEverywhere(user.id);
      await audit(store, clock, c.get('principal'), 'user.password', user.id, { email: user.email });
      return c.redirect(user.id === c.get('user').id ? '/signin' : '/admin/users?done=password', 303);
    }),
  );

  return app;
}
