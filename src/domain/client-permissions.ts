/**
 * Which attributes an app client may read (ReadAttributes), for GetUser. GetUser is the hot path and must
 * not pay a store read for the client on every call, so each node keeps the answer for a second; the node
 * that changes or deletes a client forgets it at once, other nodes within that second. (Revocation never
 * depends on this: it is judged from the store on every call.)
 */
import type { App } from './app.ts';

const TTL_MS = 1000;

interface Entry {
  readable: ReadonlySet<string> | undefined;
  until: number;
}

const caches = new WeakMap<App, Map<string, Entry>>();

function cacheOf(app: App): Map<string, Entry> {
  let c = caches.get(app);
  if (!c) {
    c = new Map();
    caches.set(app, c);
  }
  return c;
}

/**
 * What this node knows of the client's ReadAttributes when it is fresh: `{ readable }` (undefined
 * `readable`: every attribute), or undefined when it must be read (`readableAttributes`). Synchronous, so
 * GetUser's usual case costs no extra promise.
 */
export function cachedReadable(app: App, clientId: string): { readable: ReadonlySet<string> | undefined } | undefined {
  const hit = caches.get(app)?.get(clientId);
  return hit && hit.until > app.now() ? hit : undefined;
}

/** The client's ReadAttributes as a set, or undefined when it may read every attribute. */
export async function readableAttributes(app: App, poolId: string, clientId: string): Promise<ReadonlySet<string> | undefined> {
  const cached = cachedReadable(app, clientId);
  if (cached) return cached.readable;
  const cache = cacheOf(app);
  const now = app.now();
  const client = await app.store.clients.get(poolId, clientId);
  const list = client?.config.ReadAttributes as string[] | undefined;
  const readable = list ? new Set(list) : undefined;
  if (cache.size > 10_000) cache.clear();
  cache.set(clientId, { readable, until: now + TTL_MS });
  return readable;
}

/** Drops what this node knows of a client (after UpdateUserPoolClient or DeleteUserPoolClient). */
export function forgetClient(app: App, clientId: string): void {
  caches.get(app)?.delete(clientId);
}
