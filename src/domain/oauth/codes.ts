/**
 * Authorization codes: single use, five minutes, bound to the client, redirect URI, scopes, nonce, PKCE
 * challenge and the browser session that approved them. Kept in the auth-session store under the code's
 * SHA-256, so a code is never at rest in the clear and is consumed atomically (a replay finds nothing).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { App } from '../app.ts';
import { sha256hex } from '../ids.ts';

export const CODE_TTL_MS = 5 * 60_000;

export interface CodeGrant {
  poolId: string;
  clientId: string;
  sub: string;
  redirectUri: string;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  loginSessionId: string;
  authTime: number;
}

const key = (code: string) => `oauth2-code:${sha256hex(code)}`;

/** Issues a code for an approved authorization request. */
export async function issueCode(app: App, grant: CodeGrant): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  await app.store.authSessions.put({ id: key(code), expiresAt: app.now() + CODE_TTL_MS, data: { ...grant } });
  return code;
}

/** Consumes a code: the grant it stands for, or undefined when it is unknown, used or expired. */
export async function redeemCode(app: App, code: string): Promise<CodeGrant | undefined> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(code)) return undefined;
  const rec = await app.store.authSessions.consume(key(code));
  if (!rec || rec.expiresAt <= app.now()) return undefined;
  return rec.data as unknown as CodeGrant;
}

/** RFC 7636: the verifier's S256 (or plain) transform must equal the stored challenge. */
export function pkceMatches(grant: CodeGrant, verifier: string | undefined): boolean {
  if (!grant.codeChallenge) return verifier === undefined || verifier === '';
  if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const derived = grant.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
  const a = Buffer.from(derived);
  const b = Buffer.from(grant.codeChallenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
