/**
 * Row ↔ record mapping of the user-pool tables, shared by both adapters. Each `…Params` function lists a
 * record's values in the column order of the adapters' INSERT or UPDATE statement named in its comment.
 */
import type {
  AccessKeyRecord,
  AuthSessionRecord,
  ClientRecord,
  CodeRecord,
  GrantRecord,
  PoolRecord,
  SigningKeyRecord,
  UserRecord,
} from '../domain/types.ts';
import type { GrantState } from './port.ts';
import type { Flags, Row } from './rows.ts';

/** The tables holding a user pool's contents, emptied when the pool is deleted. */
export const POOL_CONTENT_TABLES = [
  'signing_keys',
  'clients',
  'users',
  'grants',
  'codes',
  'user_pool_domains',
  'resource_servers',
  'login_sessions',
  'login_session_grants',
  'user_groups',
  'group_members',
  'totp_steps',
  'devices',
  'grant_devices',
  'webauthn_credentials',
] as const;

export const toPool = (r: Row): PoolRecord => ({
  id: r.id as string,
  name: r.name as string,
  createdAt: r.created_at as number,
  lastModifiedAt: r.last_modified_at as number,
  config: JSON.parse(r.config as string),
});

/** pools (id, name, created_at, last_modified_at, config) */
export const poolParams = (p: PoolRecord) => [p.id, p.name, p.createdAt, p.lastModifiedAt, JSON.stringify(p.config)];

/** UPDATE pools SET name, last_modified_at, config WHERE id */
export const poolUpdateParams = (p: PoolRecord) => [p.name, p.lastModifiedAt, JSON.stringify(p.config), p.id];

export const toSigningKey = (r: Row): SigningKeyRecord => ({
  kid: r.kid as string,
  poolId: r.pool_id as string,
  use: r.use as SigningKeyRecord['use'],
  privateKeySealed: r.private_key_sealed as string,
  publicJwk: JSON.parse(r.public_jwk as string),
  createdAt: r.created_at as number,
});

/** signing_keys (kid, pool_id, use, private_key_sealed, public_jwk, created_at) */
export const signingKeyParams = (k: SigningKeyRecord) => [
  k.kid,
  k.poolId,
  k.use,
  k.privateKeySealed,
  JSON.stringify(k.publicJwk),
  k.createdAt,
];

export function toClient(r: Row): ClientRecord {
  const c: ClientRecord = {
    id: r.id as string,
    poolId: r.pool_id as string,
    name: r.name as string,
    createdAt: r.created_at as number,
    lastModifiedAt: r.last_modified_at as number,
    config: JSON.parse(r.config as string),
  };
  if (r.secret_sealed) c.secretSealed = r.secret_sealed as string;
  return c;
}

/** clients (id, pool_id, name, secret_sealed, created_at, last_modified_at, config) */
export const clientParams = (c: ClientRecord) => [
  c.id,
  c.poolId,
  c.name,
  c.secretSealed ?? null,
  c.createdAt,
  c.lastModifiedAt,
  JSON.stringify(c.config),
];

/** UPDATE clients SET name, secret_sealed, last_modified_at, config WHERE id */
export const clientUpdateParams = (c: ClientRecord) => [c.name, c.secretSealed ?? null, c.lastModifiedAt, JSON.stringify(c.config), c.id];

/**
 * The stored fields on the parsed `data` object. Object.assign onto the parsed object, not a spread into
 * a new literal: same properties in the same order, several µs cheaper per user (measured on GetUser).
 */
export function userRecord(
  data: Partial<UserRecord>,
  poolId: string,
  username: string,
  usernameKey: string,
  sub: string,
  status: UserRecord['status'],
  enabled: boolean,
  generation: number,
  createdAt: number,
  lastModifiedAt: number,
): UserRecord {
  const u = Object.assign(data, { poolId, username, usernameKey, sub, status, enabled, generation, createdAt, lastModifiedAt });
  u.attributes ??= [];
  return u as UserRecord;
}

/** The column holding each sign-in alias attribute's key (see aliasKeys). */
export const ALIAS_COLUMNS = { email: 'email_key', phone_number: 'phone_key', preferred_username: 'preferred_username_key' } as const;

/**
 * email_key, phone_key, preferred_username_key: the lower-cased value of the first attribute of each name
 * (the one `attr()` reads), or null. Migration 4 backfills the same values for rows written before it.
 */
function aliasKeys(u: UserRecord): (string | null)[] {
  return Object.keys(ALIAS_COLUMNS).map((name) => u.attributes.find((a) => a.Name === name)?.Value?.toLowerCase() ?? null);
}

/** The `data` column: everything of a user that has no column of its own. */
function userData(u: UserRecord): string {
  const { poolId, username, usernameKey, sub, status, enabled, generation, createdAt, lastModifiedAt, password, ...rest } = u;
  return JSON.stringify(rest);
}

/**
 * The `password` column (migration 5): the verifier JSON, kept out of `data` so that GetUser, which never
 * needs it, neither reads nor parses it (768 of the row's ~1 000 characters).
 */
const passwordColumn = (u: UserRecord): string | null => (u.password ? JSON.stringify(u.password) : null);

export function toGrant(r: Row): GrantRecord {
  const g: GrantRecord = {
    id: r.id as string,
    poolId: r.pool_id as string,
    clientId: r.client_id as string,
    sub: r.sub as string,
    generation: r.generation as number,
    refreshHash: r.refresh_hash as string,
    scope: r.scope as string,
    authTime: r.auth_time as number,
    createdAt: r.created_at as number,
    expiresAt: r.expires_at as number,
  };
  if (r.revoked_at !== null && r.revoked_at !== undefined) g.revokedAt = r.revoked_at as number;
  return g;
}

/** grants (id, pool_id, client_id, sub, generation, refresh_hash, scope, auth_time, created_at, expires_at) */
export const grantParams = (g: GrantRecord) => [
  g.id,
  g.poolId,
  g.clientId,
  g.sub,
  g.generation,
  g.refreshHash,
  g.scope,
  g.authTime,
  g.createdAt,
  g.expiresAt,
];

/** Puts the `password` column's verifier back on a user's parsed `data`. */
export function withPassword(data: Partial<UserRecord>, password: unknown): Partial<UserRecord> {
  if (password !== null && password !== undefined) data.password = JSON.parse(password as string);
  return data;
}

/** The mappings that read or write a boolean column, for one database's `Flags`. */
export function userRows(flags: Flags) {
  return {
    toUser: (r: Row): UserRecord =>
      userRecord(
        withPassword(JSON.parse(r.data as string) as Partial<UserRecord>, r.password),
        r.pool_id as string,
        r.username as string,
        r.username_key as string,
        r.sub as string,
        r.status as UserRecord['status'],
        flags.read(r.enabled),
        r.generation as number,
        r.created_at as number,
        r.last_modified_at as number,
      ),
    /**
     * users (pool_id, username_key, username, sub, status, enabled, generation, created_at, last_modified_at, data,
     * email_key, phone_key, preferred_username_key, password)
     */
    userParams: (u: UserRecord) => [
      u.poolId,
      u.usernameKey,
      u.username,
      u.sub,
      u.status,
      flags.write(u.enabled),
      u.generation,
      u.createdAt,
      u.lastModifiedAt,
      userData(u),
      ...aliasKeys(u),
      passwordColumn(u),
    ],
    /**
     * UPDATE users SET username, status, enabled, generation, last_modified_at, data, email_key, phone_key,
     * preferred_username_key, password WHERE pool_id AND sub
     */
    userUpdateParams: (u: UserRecord) => [
      u.username,
      u.status,
      flags.write(u.enabled),
      u.generation,
      u.lastModifiedAt,
      userData(u),
      ...aliasKeys(u),
      passwordColumn(u),
      u.poolId,
      u.sub,
    ],
    /** A grant row with its user's `user_generation`, `user_enabled`, `user_status` (null when the user is gone). */
    toGrantState(r: Row): GrantState {
      const s: GrantState = { grant: toGrant(r) };
      if (r.user_generation !== null && r.user_generation !== undefined) {
        s.userGeneration = r.user_generation as number;
        s.userEnabled = flags.read(r.user_enabled);
        s.userStatus = r.user_status as string;
      }
      return s;
    },
  };
}

export const toCode = (r: Row): CodeRecord => ({
  poolId: r.pool_id as string,
  purpose: r.purpose as CodeRecord['purpose'],
  subject: r.subject as string,
  codeHash: r.code_hash as string,
  expiresAt: r.expires_at as number,
  attempts: r.attempts as number,
});

/** codes (pool_id, purpose, subject, code_hash, expires_at, attempts) */
export const codeParams = (c: CodeRecord) => [c.poolId, c.purpose, c.subject, c.codeHash, c.expiresAt, c.attempts];

export const toAuthSession = (r: Row): AuthSessionRecord => ({
  id: r.id as string,
  expiresAt: r.expires_at as number,
  data: JSON.parse(r.data as string),
});

/** auth_sessions (id, expires_at, data) */
export const authSessionParams = (s: AuthSessionRecord) => [s.id, s.expiresAt, JSON.stringify(s.data)];

export const toAccessKey = (r: Row): AccessKeyRecord => ({
  accessKeyId: r.access_key_id as string,
  secretSealed: r.secret_sealed as string,
  sessionTokenHash: r.session_token_hash as string,
  expiresAt: r.expires_at as number,
  createdAt: r.created_at as number,
  principal: JSON.parse(r.principal as string),
});

/** access_keys (access_key_id, secret_sealed, session_token_hash, expires_at, created_at, principal) */
export const accessKeyParams = (k: AccessKeyRecord) => [
  k.accessKeyId,
  k.secretSealed,
  k.sessionTokenHash,
  k.expiresAt,
  k.createdAt,
  JSON.stringify(k.principal),
];
