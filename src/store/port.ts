/**
 * The Store port: a narrow, revocation-centred interface the domain talks to. Handlers never hold SQL.
 * Every method is atomic on its own. Adapters: `sqlite/` (default, embedded) and, later, `postgres/`.
 * Methods are async so that a networked adapter fits without touching the domain.
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
import type { SsoRepo } from './port-sso.ts';
import type { IdentityRepo } from './port-identity.ts';
import type { OAuthRepo } from './port-oauth.ts';
import type { GroupRepo } from './port-groups.ts';
import type { MfaRepo } from './port-mfa.ts';
import type { LimitRepo } from './port-limits.ts';

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, if any. */
  next?: string;
}

export interface PoolRepo {
  insert(pool: PoolRecord): Promise<void>;
  get(id: string): Promise<PoolRecord | undefined>;
  list(limit: number, after?: string): Promise<Page<PoolRecord>>;
  update(pool: PoolRecord): Promise<void>;
  /** Deletes the pool and everything in it (clients, users, grants, keys, codes). */
  delete(id: string): Promise<boolean>;
}

export interface SigningKeyRepo {
  insert(key: SigningKeyRecord): Promise<void>;
  listByPool(poolId: string): Promise<SigningKeyRecord[]>;
}

export interface ClientRepo {
  insert(client: ClientRecord): Promise<void>;
  get(poolId: string, clientId: string): Promise<ClientRecord | undefined>;
  /** Looks a client up by id alone (unsigned operations carry only ClientId). */
  find(clientId: string): Promise<ClientRecord | undefined>;
  list(poolId: string, limit: number, after?: string): Promise<Page<ClientRecord>>;
  update(client: ClientRecord): Promise<void>;
  delete(poolId: string, clientId: string): Promise<boolean>;
}

/** The attributes a user can sign in with besides the user name (AliasAttributes, UsernameAttributes). */
export type AliasAttribute = 'email' | 'phone_number' | 'preferred_username';

export interface UserRepo {
  /** Inserts a user; false when the user name (key) is taken. */
  insert(user: UserRecord): Promise<boolean>;
  getByKey(poolId: string, usernameKey: string): Promise<UserRecord | undefined>;
  getBySub(poolId: string, sub: string): Promise<UserRecord | undefined>;
  list(poolId: string, limit: number, after?: string): Promise<Page<UserRecord>>;
  /**
   * The pool's users whose first `attribute` attribute, lower-cased, equals `valueLowerCased`, in
   * user-name-key (byte) order, as `list` pages them. Indexed: O(log n + matches), for sign-in by alias.
   */
  findByAlias(poolId: string, attribute: AliasAttribute, valueLowerCased: string): Promise<UserRecord[]>;
  update(user: UserRecord): Promise<void>;
  delete(poolId: string, sub: string): Promise<boolean>;
  /** How many users the pool has (DescribeUserPool's EstimatedNumberOfUsers). An index count: O(users). */
  count(poolId: string): Promise<number>;
  /** Ends every grant of the user at once (global sign-out) by bumping its generation. O(1). */
  bumpGeneration(poolId: string, sub: string, at: number): Promise<boolean>;
}

/** What a revocation check needs, read in one step. */
export interface GrantState {
  grant: GrantRecord;
  /** The user's current generation, or undefined when the user no longer exists. */
  userGeneration?: number;
  userEnabled?: boolean;
  userStatus?: string;
}

/**
 * A user's record without its password verifier: what GetUser's hot path reads (the verifier is most of
 * a stored user and GetUser never needs it). Every other read returns the whole `UserRecord`.
 */
export type UserWithoutPassword = Omit<UserRecord, 'password'>;

/** A grant's state with its user's record, verifier excepted (absent when the user no longer exists). */
export interface GrantStateWithUser extends GrantState {
  user?: UserWithoutPassword;
}

export interface GrantRepo {
  insert(grant: GrantRecord): Promise<void>;
  /** The grant joined with its user's sign-out state. */
  state(grantId: string): Promise<GrantState | undefined>;
  /**
   * `state` plus the user's record without its password verifier, read together in one step (GetUser's
   * hot path: one read instead of two, and the verifier neither read nor parsed). `user` is present
   * exactly when the user fields of `state` are, and equals `users.getBySub` minus `password`.
   */
  stateWithUser(grantId: string): Promise<GrantStateWithUser | undefined>;
  /** Revokes one grant (RevokeToken); false when it does not exist. */
  revoke(grantId: string, at: number): Promise<boolean>;
  /** Revokes every live grant of one app client (DeleteUserPoolClient); returns how many. O(grants of the client). */
  revokeByClient(poolId: string, clientId: string, at: number): Promise<number>;
  /** Replaces the refresh secret (rotation); false when the old hash no longer matches. */
  rotate(grantId: string, oldHash: string, newHash: string): Promise<boolean>;
  /** Housekeeping: removes grants that expired before `before`. */
  purgeExpired(before: number): Promise<number>;
}

export interface CodeRepo {
  /** Stores a code, replacing an earlier one for the same pool/purpose/subject. */
  put(code: CodeRecord): Promise<void>;
  get(poolId: string, purpose: CodeRecord['purpose'], subject: string): Promise<CodeRecord | undefined>;
  /** Atomically removes and returns the code (single use). */
  consume(poolId: string, purpose: CodeRecord['purpose'], subject: string): Promise<CodeRecord | undefined>;
  recordFailure(poolId: string, purpose: CodeRecord['purpose'], subject: string): Promise<void>;
}

export interface AuthSessionRepo {
  put(session: AuthSessionRecord): Promise<void>;
  /** Atomically removes and returns the session (single use). */
  consume(id: string): Promise<AuthSessionRecord | undefined>;
}

export interface AccessKeyRepo {
  insert(key: AccessKeyRecord): Promise<void>;
  get(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
}

/** Small named values: the instance's generated secrets, counters. */
export interface MetaRepo {
  get(key: string): Promise<string | undefined>;
  /** Sets the value only if absent; returns the value now stored. */
  setIfAbsent(key: string, value: string): Promise<string>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  pools: PoolRepo;
  signingKeys: SigningKeyRepo;
  clients: ClientRepo;
  users: UserRepo;
  grants: GrantRepo;
  codes: CodeRepo;
  authSessions: AuthSessionRepo;
  accessKeys: AccessKeyRepo;
  meta: MetaRepo;
  /** IAM Identity Center: directory, OIDC clients, authorizations, sign-in sessions, tokens. */
  sso: SsoRepo;
  /** Cognito identity pools: pools, identities and their linked logins. */
  identity: IdentityRepo;
  /** User-pool managed login: domains, resource servers, browser sessions. */
  oauth: OAuthRepo;
  /** User-pool groups and their members. */
  groups: GroupRepo;
  /** Sign-in factors: TOTP replay protection. */
  mfa: MfaRepo;
  /** Attempt limits (code requests, wrong codes, sign-in brakes), shared by every process. */
  limits: LimitRepo;
  /** Deletes all data (the emulator's reset endpoint). */
  reset(): Promise<void>;
  close(): Promise<void>;
}
