/**
 * Opaque, tamper-proof pagination tokens. A token seals (AES-GCM, the instance master key) the list it
 * belongs to and the key to continue after, so a client cannot forge a cursor, replay one against another
 * list, or learn the store's keys. Anything that does not open is refused with InvalidParameterException.
 */
import { InvalidParameterException } from '../protocol/errors.ts';
import type { App } from './app.ts';

/** Cognito answers garbage tokens with InvalidParameterException (text not verified against the service). */
export const INVALID_PAGINATION_TOKEN = 'Invalid pagination token.';

/** Seals `after` (the last key returned) for the list named by `scope` (e.g. `users:<poolId>`). */
export function encodePageToken(app: App, scope: string, after: string): string {
  return app.sealer.seal(JSON.stringify({ s: scope, k: after }));
}

/** Opens a token made by encodePageToken for the same scope; undefined in, undefined out. */
export function decodePageToken(app: App, scope: string, token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(app.sealer.open(token));
  } catch {
    throw new InvalidParameterException(INVALID_PAGINATION_TOKEN);
  }
  const p = parsed as { s?: unknown; k?: unknown };
  if (p.s !== scope || typeof p.k !== 'string') throw new InvalidParameterException(INVALID_PAGINATION_TOKEN);
  return p.k;
}
