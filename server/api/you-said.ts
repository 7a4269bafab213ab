/** "You said, we did": actions a ward takes on feedback, with owner and due date, shown to patients. */
import { Hono } from 'hono';
import { z } from 'zod';
import { redact, type RedactionTag } from '../../analytics/redaction.ts';
import type { Store, YouSaidRecord } from '../../db/store.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import type { Clock } from '../clock.ts';
import { ApiError, zodIssues } from '../middleware/errors.ts';
import { readJson } from '../middleware/json-body.ts';
import { cleanText } from '../collect/schema.ts';
import { audit } from '../audit.ts';
import { isolate } from '../bidi.ts';
import { newId } from '../ids.ts';
import { mayRead, resolveNode } from '../reads/node.ts';
import { day, nodeQuery, parseQuery } from './query.ts';

const text = (max: number) => z.string().transform(cleanText).pipe(z.string().trim().min(1, 'is required').max(max));
const fields = {
  youSaid: text(1000),
  weDid: text(1000),
  status: z.enum(['planned', 'in-progress', 'done']),
  owner: text(200).nullable(),
  dueDate: day.nullable(),
};
export const createBody = z.strictObject({ unit: z.string().min(1).max(64), ...fields, status: fields.status.default('planned'), owner: fields.owner.optional(), dueDate: fields.dueDate.optional() });
export const patchBody = z.strictObject(fields).partial();

/**
 * "You said, we did" as patients see it (public results, the web form, the ward tablet): done
 * items only, newest first, redacted as for publication — staff sometimes quote a patient.
 */
export async function publishedYouSaid(store: Pick<Store, 'listYouSaid'>, unitCodes: string[], limit: number): Promise<YouSaidRecord[]> {
  // Filtered in the query: the newest few hundred of every status could all be still planned.
  const done = await store.listYouSaid(unitCodes, limit, 'done');
  return done.map((y) => {
    const { youSaid, weDid } = publishedForm(y);
    return { ...y, youSaid, weDid };
  });
}

export interface PublishedYouSaid {
  youSaid: string;
  weDid: string;
  /** The kind of each personal detail hidden, in order found; empty if published as written. */
  hidden: RedactionTag[];
}

/** An action as patients will see it once done, whether or not redaction changes a word. */
export function publishedForm(item: Pick<YouSaidRecord, 'youSaid' | 'weDid'>): PublishedYouSaid {
  // Published text loses every name, staff's too: the public setting, unlike the internal one, has no "keep".
  const youSaid = redact(item.youSaid, { staffNames: 'redact' });
  const weDid = redact(item.weDid, { staffNames: 'redact' });
  return { youSaid: youSaid.text, weDid: weDid.text, hidden: [...youSaid.found, ...weDid.found].map((f) => f.tag) };
}

/**
 * An action as patients will see it, and the kinds of personal detail hidden in order found, or
 * null if it is published exactly as written. Staff see this beside their own words, which are
 * kept as written: they can reword what reads badly once hidden.
 */
export function youSaidAsPublished(item: Pick<YouSaidRecord, 'youSaid' | 'weDid'>): PublishedYouSaid | null {
  const published = publishedForm(item);
  return published.hidden.length ? published : null;
}

/**
 * An action as the API returns it: as written, with `published`, what patients will read, so an
 * integration can tell (as the ward page tells staff) when its words would not be shown as sent.
 */
const withPublished = (item: YouSaidRecord) => ({ ...item, published: publishedForm(item) });

export function youSaidRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new Hono<AuthEnv>();

  function requireEditor(role: string) {
    if (role !== 'admin' && role !== 'matron') throw new ApiError(403, 'forbidden', 'Only a matron or an admin may edit "You said, we did"');
  }

  app.post('/you-said', async (c) => {
    const principal = c.get('principal');
    requireEditor(principal.role);
    const parsed = createBody.safeParse(await readJson(c, 64 * 1024));
    if (!parsed.success) throw new ApiError(400, 'invalid_action', 'The action was not saved', zodIssues(parsed.error));
    const unit = await store.getUnit(parsed.data.unit);
    if (!unit || !mayRead(principal, 'unit', unit)) throw new ApiError(404, 'unit_not_found', `No unit ${isolate(parsed.data.unit)}`, [{ path: 'unit', message: 'unknown unit' }]);
    const now = clock().toISOString();
    const item = { id: newId(), unitCode: unit.code, youSaid: parsed.data.youSaid, weDid: parsed.data.weDid, status: parsed.data.status, owner: parsed.data.owner ?? null, dueDate: parsed.data.dueDate ?? null, createdAt: now, updatedAt: now };
    await store.saveYouSaid(item);
    await audit(store, clock, principal, 'you-said.create', item.id, { unit: unit.code });
    return c.json(withPublished(item), 201);
  });

  app.patch('/you-said/:id', async (c) => {
    const principal = c.get('principal');
    requireEditor(principal.role);
    const existing = await store.getYouSaid(c.req.param('id'));
    const unit = existing && (await store.getUnit(existing.unitCode));
    if (!existing || !unit || !mayRead(principal, 'unit', unit)) throw new ApiError(404, 'not_found', 'No such action');
    const parsed = patchBody.safeParse(await readJson(c, 64 * 1024));
    if (!parsed.success) throw new ApiError(400, 'invalid_action', 'The action was not saved', zodIssues(parsed.error));
    const item = { ...existing, ...parsed.data, updatedAt: clock().toISOString() };
    await store.saveYouSaid(item);
    await audit(store, clock, principal, 'you-said.update', item.id, parsed.data);
    return c.json(withPublished(item));
  });

  app.get('/you-said', async (c) => {
    const q = parseQuery(c, nodeQuery);
    const node = await resolveNode(store, c.get('principal'), q.level, q.code, q.setting ?? null);
    const items = await store.listYouSaid(node.units.map((u) => u.code), 200);
    return c.json({ items: items.map(withPublished) });
  });

  return app;
}
