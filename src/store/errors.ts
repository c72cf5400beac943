/**
 * Failures of the store itself (as opposed to a refused operation): the database cannot be reached, went
 * away mid-statement, or did not answer in time. The server turns them into a clean 5xx and keeps
 * serving; readiness reports them until the database answers again.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** SQLSTATE classes and codes that mean "the database is not available", not "the request was wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|57014|53300|53400)/;
const UNAVAILABLE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** The driver's own words for a lost or timed-out connection (it sets no code on these). */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|not queryable|Client was closed|Cannot use a pool after calling end/i;

/** True when `e` says the database is unavailable (so the same request may succeed later). */
export function isStoreUnavailable(e: unknown): boolean {
  if (e instanceof StoreUnavailableError) return true;
  const err = e as { code?: unknown; message?: unknown; errors?: { code?: unknown }[] };
  const code = typeof err?.code === 'string' ? err.code : typeof err?.errors?.[0]?.code === 'string' ? err.errors[0].code : undefined;
  if (code !== undefined && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NETWORK.has(code))) return true;
  return typeof err?.message === 'string' && UNAVAILABLE_MESSAGE.test(err.message);
}

/** Rethrows a store failure as StoreUnavailableError when it is one (the original kept as `cause`). */
export function asStoreError(e: unknown): unknown {
  if (e instanceof StoreUnavailableError || !isStoreUnavailable(e)) return e;
  const code = (e as { code?: unknown }).code;
  return new StoreUnavailableError(
    `the database is unavailable: ${(e as Error).message || code}${typeof code === 'string' ? ` (${code})` : ''}`,
    {
      cause: e,
    },
  );
}
