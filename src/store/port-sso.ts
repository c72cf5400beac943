/**
 * The IAM Identity Center part of the Store port. Single-use things (device approvals, codes, refresh
 * tokens) are consumed atomically; ending a sign-in session is one write that every token check sees.
 */
import type {
  AuthorizationCode,
  DeviceAuthorization,
  OidcClient,
  PermissionSet,
  SignInSession,
  SsoAccount,
  SsoDirectory,
  SsoSettings,
  SsoToken,
  SsoUser,
} from '../domain/sso/types.ts';
import type { Page } from './port.ts';

/** A token joined with its session and the session's user, read in one step for the revocation check. */
export interface SsoTokenState {
  token: SsoToken;
  session?: SignInSession;
  /** False when the session's user left the directory. */
  userExists: boolean;
}

export interface SsoRepo {
  getSettings(): Promise<SsoSettings | undefined>;
  putSettings(settings: SsoSettings): Promise<void>;
  /** Replaces the directory in one transaction; existing users keep their ids (matched by user name). */
  replaceDirectory(dir: SsoDirectory): Promise<void>;
  userByName(userName: string): Promise<SsoUser | undefined>;
  userById(id: string): Promise<SsoUser | undefined>;
  /** The accounts the user has at least one assignment in, ordered by account id. */
  accountsOf(userId: string, limit: number, after?: string): Promise<Page<SsoAccount>>;
  /** The permission sets the user may use in an account, ordered by name. */
  rolesOf(userId: string, accountId: string, limit: number, after?: string): Promise<Page<PermissionSet>>;
  account(accountId: string): Promise<SsoAccount | undefined>;

  insertClient(client: OidcClient): Promise<void>;
  getClient(id: string): Promise<OidcClient | undefined>;

  insertDevice(d: DeviceAuthorization): Promise<boolean>;
  deviceByHash(deviceCodeHash: string): Promise<DeviceAuthorization | undefined>;
  deviceByUserCode(userCode: string): Promise<DeviceAuthorization | undefined>;
  /** Approves or denies a pending authorization; false when it is no longer pending. */
  decideDevice(userCode: string, status: 'approved' | 'denied', sessionId: string | undefined): Promise<boolean>;
  /** Records a poll: sets lastPolledAt and interval. */
  recordPoll(deviceCodeHash: string, at: number, interval: number): Promise<void>;
  /** Removes and returns an approved authorization (single use). */
  consumeDevice(deviceCodeHash: string): Promise<DeviceAuthorization | undefined>;

  insertCode(c: AuthorizationCode): Promise<void>;
  /** Removes and returns the code (single use). */
  consumeCode(codeHash: string): Promise<AuthorizationCode | undefined>;

  insertSession(s: SignInSession): Promise<void>;
  getSession(id: string): Promise<SignInSession | undefined>;
  /** Ends a session (Logout, portal sign-out); false when it was already ended or missing. */
  endSession(id: string, at: number): Promise<boolean>;

  insertToken(t: SsoToken): Promise<void>;
  tokenState(hash: string): Promise<SsoTokenState | undefined>;
  /** Removes and returns a token (refresh rotation: a second use finds nothing). */
  consumeToken(hash: string): Promise<SsoToken | undefined>;
  /** Housekeeping: removes expired authorizations, codes, tokens and sessions. */
  purgeExpired(before: number): Promise<number>;
}
