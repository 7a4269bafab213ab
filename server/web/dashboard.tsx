/** @jsxImportSource hono/jsx */
/**
 * The matron's dashboard (`/dashboard`) and ward pages (`/dashboard/unit/:code`). A matron
 * sees her units, a commissioner her trusts' (read-only), an admin every unit; a unit outside
 * that scope is "page not found", exactly like one that does not exist. "You said, we did" and
 * acknowledging alerts are plain form posts that come back to the page, so they work without
 * JavaScript; `…/pulse` tells the page scripts when there is something new to show.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Unit } from '../../db/store.ts';
import { createBody as youSaidCreate, patchBody as youSaidPatch } from '../api/you-said.ts';
import { actorOf, audit } from '../audit.ts';
import { newId } from '../ids.ts';
import { mayRead } from '../reads/node.ts';
import { notFound, requireStaff, type WebEnv } from './context.ts';
import { formBody } from './admin-ui.tsx';
import { DashboardPage, wardHref } from './dashboard-page.tsx';
import { dashboardPulse, dashboardView, wardPulse, wardView, type CommentFilters } from './dashboard-reads.ts';
import { WardPage, YOU_SAID_FIELDS, type FormProblem, type YouSaidField } from './ward.tsx';
import type { WebAppDeps } from './index.ts';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A rendered page (StaffPage includes the doctype). */
type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

const ROLES = ['matron', 'admin', 'commissioner'] as const;
/** Commissioners read; only a matron or an admin changes actions or acknowledges alerts. */
const EDITORS: ReadonlySet<string> = new Set(['matron', 'admin']);

const filterFields = {
  theme: z.string().trim().min(1).max(100),
  sentiment: z.enum(['praise', 'criticism', 'neutral']),
  q: z.string().trim().min(1).max(200),
  page: z.coerce.number().int().min(1).max(500),
};

/** Comment filters from the query; anything unreadable is simply not applied. */
function filtersOf(c: Context<WebEnv>): CommentFilters {
  const pick = <T,>(schema: z.ZodType<T>, name: string): T | undefined => {
    const parsed = schema.safeParse(c.req.query(name));
    return parsed.success ? parsed.data : undefined;
  };
  return { theme: pick(filterFields.theme, 'theme'), sentiment: pick(filterFields.sentiment, 'sentiment'), q: pick(filterFields.q, 'q'), page: pick(filterFields.page, 'page') ?? 1 };
}

const MESSAGES: Record<YouSaidField, (value: string) => string> = {
  youSaid: (v) => (v.trim() ? 'What patients said must be 1,000 characters or fewer' : 'Enter what patients said'),
  weDid: (v) => (v.trim() ? 'What the ward did must be 1,000 characters or fewer' : 'Enter what the ward did, or will do'),
  status: () => 'Choose a status: planned, in progress or done',
  owner: () => 'The owner must be 200 characters or fewer',
  dueDate: () => 'Enter the due date as a real date, for example 2026-12-15',
};

function problemOf(form: string, error: z.ZodError, values: Record<YouSaidField, string>): FormProblem {
  const errors: FormProblem['errors'] = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0]) as YouSaidField;
    if (YOU_SAID_FIELDS.includes(field) && !errors[field]) errors[field] = MESSAGES[field](values[field]);
  }
  return { form, errors, values };
}

function formValues(body: Record<string, unknown>): Record<YouSaidField, string> {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { youSaid: text(body.youSaid), weDid: text(body.weDid), status: text(body.status), owner: text(body.owner), dueDate: text(body.dueDate) };
}

const page = (c: Context, body: Page, status: 200 | 400 = 200) => {
  c.header('Cache-Control', 'no-store');
  return c.html(body, status);
};

export function dashboardRoutes(deps: WebAppDeps) {
  const { store, clock, settings } = deps;
  const app = new Hono<WebEnv>();
  app.use('*', formBody(64 * 1024), requireStaff(deps, ROLES));

  /** The unit named in the path, if this user may see it. */
  async function unitFor(c: Context<WebEnv>): Promise<Unit | undefined> {
    const unit = await store.getUnit(c.req.param('code') ?? '');
    return unit && mayRead(c.get('principal'), 'unit', unit) ? unit : undefined;
  }

  async function wardPage(c: Context<WebEnv>, unit: Unit, extra: { done?: string; problem?: FormProblem } = {}, status: 200 | 400 = 200) {
    const filters = extra.problem ? { page: 1 } : filtersOf(c);
    const view = await wardView(store, unit, clock(), await settings.get(), filters);
    const user = c.get('user');
    return page(c, <WardPage user={user} csrf={c.get('csrf')} view={view} filters={filters} canEdit={EDITORS.has(user.role)} done={extra.done} problem={extra.problem} />, status);
  }

  const readOnly = (c: Context<WebEnv>) => c.text('Your role can see this ward but not change it.', 403);

  app.get('/', async (c) => {
    const view = await dashboardView(store, c.get('principal'), clock(), await settings.get());
    return page(c, <DashboardPage user={c.get('user')} csrf={c.get('csrf')} view={view} />);
  });

  app.get('/pulse', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ version: await dashboardPulse(store, c.get('principal'), clock(), await settings.get()) });
  });

  app.get('/unit/:code', async (c) => {
    const unit = await unitFor(c);
    if (!unit) return notFound(c);
    return wardPage(c, unit, { done: c.req.query('done') });
  });

  app.get('/unit/:code/pulse', async (c) => {
    const unit = await unitFor(c);
    if (!unit) return notFound(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ version: await wardPulse(store, unit, clock(), await settings.get()) });
  });

  app.post('/unit/:code/you-said', async (c) => {
    const unit = await unitFor(c);
    if (!unit) return notFound(c);
    if (!EDITORS.has(c.get('user').role)) return readOnly(c);
    const values = formValues(await c.req.parseBody());
    const parsed = youSaidCreate.safeParse({
      unit: unit.code,
      youSaid: values.youSaid,
      weDid: values.weDid,
      status: values.status || 'planned',
      ...(values.owner.trim() ? { owner: values.owner } : {}),
      ...(values.dueDate.trim() ? { dueDate: values.dueDate.trim() } : {}),
    });
    if (!parsed.success) return wardPage(c, unit, { problem: problemOf('create', parsed.error, values) }, 400);
    const now = clock().toISOString();
    const item = { id: newId(), unitCode: unit.code, youSaid: parsed.data.youSaid, weDid: parsed.data.weDid, status: parsed.data.status, owner: parsed.data.owner ?? null, dueDate: parsed.data.dueDate ?? null, createdAt: now, updatedAt: now };
    await store.saveYouSaid(item);
    await audit(store, clock, c.get('principal'), 'you-said.create', item.id, { unit: unit.code });
    return c.redirect(`${wardHref(unit.code)}?done=added#you-said`, 303);
  });

  app.post('/unit/:code/you-said/:id', async (c) => {
    const unit = await unitFor(c);
    const existing = unit && (await store.getYouSaid(c.req.param('id')));
    if (!unit || !existing || existing.unitCode !== unit.code) return notFound(c);
    if (!EDITORS.has(c.get('user').role)) return readOnly(c);
    const values = formValues(await c.req.parseBody());
    const parsed = youSaidPatch.safeParse({
      youSaid: values.youSaid,
      weDid: values.weDid,
      status: values.status,
      owner: values.owner.trim() ? values.owner : null,
      dueDate: values.dueDate.trim() ? values.dueDate.trim() : null,
    });
    if (!parsed.success) return wardPage(c, unit, { problem: problemOf(existing.id, parsed.error, values) }, 400);
    await store.saveYouSaid({ ...existing, ...parsed.data, updatedAt: clock().toISOString() });
    await audit(store, clock, c.get('principal'), 'you-said.update', existing.id, parsed.data);
    return c.redirect(`${wardHref(unit.code)}?done=updated#action-${existing.id}`, 303);
  });

  app.post('/unit/:code/alerts/:id/acknowledge', async (c) => {
    const unit = await unitFor(c);
    const alert = unit && (await store.getAlert(c.req.param('id')));
    if (!unit || !alert || alert.unitCode !== unit.code) return notFound(c);
    if (!EDITORS.has(c.get('user').role)) return readOnly(c);
    const principal = c.get('principal');
    if (await store.acknowledgeAlert(alert.id, actorOf(principal), clock().toISOString())) await audit(store, clock, principal, 'alert.acknowledge', alert.id);
    return c.redirect(`${wardHref(unit.code)}?done=acknowledged#alerts`, 303);
  });

  return new Hono().route('/dashboard', app);
}
