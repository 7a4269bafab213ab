/** The audit log of staff and system actions: who did what, to what, when. */
import type { Store } from '../db/store.ts';
import type { Principal } from './auth/scope.ts';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';

export function actorOf(principal: Principal | 'cli'): string {
  return principal === 'cli' ? 'cli' : `${principal.kind}:${principal.id}`;
}

export async function audit(store: Store, clock: Clock, principal: Principal | 'cli', action: string, target: string | null, detail?: unknown) {
  await store.appendAudit({ id: newId(), at: clock().toISOString(), actor: actorOf(principal), action, target, detail });
}
