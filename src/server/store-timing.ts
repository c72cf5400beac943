/**
 * The store as the services see it, with each repository call timed into
 * `cognate_store_operation_duration_seconds{method}`. The wrapper is built once: every method gets its
 * own pre-found histogram series, so a call costs two clock reads and a few additions.
 */
import type { Store } from '../store/port.ts';
import type { Metrics } from './metrics.ts';

type Fn = (...args: unknown[]) => unknown;

/**
 * `synchronous`: the adapter does a call's work before it returns the call's promise (SQLite), so the time
 * is read as soon as the method returns, without a `finally` hop and closure on every call (GetUser's
 * revocation read). Otherwise (PostgreSQL) the time runs until the promise settles.
 */
function timeRepo(name: string, repo: Record<string, unknown>, metrics: Metrics, synchronous: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(repo)) {
    const fn = repo[key];
    if (typeof fn !== 'function') {
      out[key] = fn;
      continue;
    }
    const cell = metrics.storeCell(`${name}.${key}`);
    out[key] = function timed(...args: unknown[]): unknown {
      const t0 = performance.now();
      const r = (fn as Fn).apply(repo, args);
      if (!synchronous && r instanceof Promise) {
        return r.finally(() => cell.observe((performance.now() - t0) / 1000));
      }
      cell.observe((performance.now() - t0) / 1000);
      return r;
    };
  }
  return out;
}

/** A Store whose repositories report their latency; `kind`, `reset`, `close` and adapter extras pass through. */
export function timedStore(store: Store, metrics: Metrics): Store {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    const isRepo = value !== null && typeof value === 'object' && key !== 'db' && Object.values(value).some((v) => typeof v === 'function');
    out[key] = isRepo ? timeRepo(key, value as Record<string, unknown>, metrics, store.kind === 'sqlite') : value;
  }
  return out as unknown as Store;
}
