/** The audit log of staff and system actions: who did what, to what, when. */
import type { Store } from '../db/store.ts';
import type { Principal } from './auth/scope.ts';
import type { Clock } from './clock.ts';
import { isolate } from './bidi.ts';
import { newId } from './ids.ts';

export function actorOf(principal: Principal | 'cli'): string {
  return principal === 'cli' ? 'cli' : `${principal.kind}:${principal.id}`;
}

export async function audit(store: Store, clock: Clock, principal: Principal | 'cli', action: string, target: string | null, detail?: unknown) {
  await store.appendAudit({ id: newId(), at: clock().toISOString(), actor: actorOf(principal), action, target, detail });
}

/**
 * How staff pages name each actor an audit record (or an acknowledged alert) holds: a user by
 * email, a token by its label and role, the command line and the signed-out by what they are.
 */
export async function actorNames(store: Pick<Store, 'listUsers' | 'listTokens'>): Promise<Map<string, string>> {
  const names = new Map<string, string>([
    ['cli', 'command line'],
    ['anonymous', 'not signed in'],
  ]);
  for (const u of await store.listUsers()) names.set(`user:${u.id}`, u.email);
  for (const t of await store.listTokens()) names.set(`token:${t.id}`, `token ${t.label ? isolate(t.label) : t.id} (${t.role})`);
  return names;
}
