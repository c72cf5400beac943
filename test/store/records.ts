/** Record builders and helpers shared by the store contract suite. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { IdentityPoolRecord, IdentityRecord } from '../../src/domain/identity-pools/types.ts';
import type { ClientRecord, CodeRecord, GrantRecord, PoolRecord, SigningKeyRecord, UserRecord } from '../../src/domain/types.ts';
import type { Page, Store } from '../../src/store/port.ts';

/** The suite's view of the store under test (opened in `before`, so read it lazily). */
export type GetStore = () => Store;

export const T0 = 1_700_000_000_000;

export const pool = (id: string, extra: Partial<PoolRecord> = {}): PoolRecord => ({
  id,
  name: `pool ${id}`,
  createdAt: T0,
  lastModifiedAt: T0,
  config: { MfaConfiguration: 'OFF', Policies: { PasswordPolicy: { MinimumLength: 8 } } },
  ...extra,
});

export const signingKey = (poolId: string, kid: string, createdAt = T0, use: SigningKeyRecord['use'] = 'access'): SigningKeyRecord => ({
  kid,
  poolId,
  use,
  privateKeySealed: `sealed:${kid}`,
  publicJwk: { alg: 'RS256', e: 'AQAB', kid, kty: 'RSA', n: `n-${kid}`, use: 'sig' },
  createdAt,
});

export const client = (poolId: string, id: string, extra: Partial<ClientRecord> = {}): ClientRecord => ({
  id,
  poolId,
  name: `client ${id}`,
  createdAt: T0,
  lastModifiedAt: T0,
  config: { ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'], EnableTokenRevocation: true },
  ...extra,
});

export const user = (poolId: string, usernameKey: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  poolId,
  username: usernameKey,
  usernameKey,
  sub: randomUUID(),
  status: 'CONFIRMED',
  enabled: true,
  generation: 0,
  createdAt: T0,
  lastModifiedAt: T0,
  attributes: [{ Name: 'email', Value: `${usernameKey}@example.com` }],
  ...extra,
});

export const grant = (u: Pick<UserRecord, 'poolId' | 'sub'>, clientId: string, extra: Partial<GrantRecord> = {}): GrantRecord => ({
  id: randomUUID(),
  poolId: u.poolId,
  clientId,
  sub: u.sub,
  generation: 0,
  refreshHash: `h-${randomUUID()}`,
  scope: 'openid email aws.cognito.signin.user.admin',
  authTime: T0,
  createdAt: T0,
  expiresAt: T0 + 30 * 86_400_000,
  ...extra,
});

export const code = (
  poolId: string,
  subject: string,
  purpose: CodeRecord['purpose'] = 'signup',
  extra: Partial<CodeRecord> = {},
): CodeRecord => ({
  poolId,
  purpose,
  subject,
  codeHash: `c-${randomUUID()}`,
  expiresAt: T0 + 3_600_000,
  attempts: 0,
  ...extra,
});

export const identityPool = (id: string, extra: Partial<IdentityPoolRecord> = {}): IdentityPoolRecord => ({
  id,
  name: `ip ${id}`,
  allowUnauthenticated: true,
  allowClassicFlow: false,
  tags: { team: 'a' },
  roles: {},
  createdAt: T0,
  lastModifiedAt: T0,
  ...extra,
});

export const identity = (poolId: string, id = `us-east-1:${randomUUID()}`): IdentityRecord => ({
  id,
  poolId,
  logins: [],
  createdAt: T0,
  lastModifiedAt: T0,
});

/** Walks every page with `limit`, checking each page's size and that only the last has no cursor. */
export async function allPages<T>(limit: number, fetch: (after?: string) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const p = await fetch(after);
    assert.ok(p.items.length <= limit, `page of ${p.items.length} exceeds limit ${limit}`);
    out.push(...p.items);
    if (p.next === undefined) return out;
    assert.equal(p.items.length, limit, 'a page with a cursor is full');
    after = p.next;
  }
  throw new Error('pagination did not end');
}

/** Bytewise order, as SQLite's BINARY collation and PostgreSQL's "C" collation compare ASCII keys. */
export const byteOrder = (xs: string[]) => [...xs].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) as number);

/** Runs `n` calls at once and returns their results. */
export function race<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
}
