/**
 * Row ↔ record mapping of the IAM Identity Center tables, shared by both adapters. Each `…Params` function
 * lists a record's values in the column order of the adapters' INSERT statement named in its comment.
 */
import type {
  AuthorizationCode,
  DeviceAuthorization,
  OidcClient,
  PermissionSet,
  SignInSession,
  SsoAccount,
  SsoToken,
} from '../domain/sso/types.ts';
import type { SsoTokenState } from './port-sso.ts';
import type { Flags, Row } from './rows.ts';

/** The tables whose rows carry `expires_at` and go when it has passed. */
export const SSO_EXPIRING_TABLES = ['sso_device_auths', 'sso_auth_codes', 'sso_tokens', 'sso_sessions', 'sso_clients'] as const;

export const toAccount = (r: Row): SsoAccount => ({
  accountId: r.account_id as string,
  accountName: r.account_name as string,
  emailAddress: r.email as string,
});

/** sso_accounts (account_id, account_name, email) */
export const accountParams = (a: SsoAccount) => [a.accountId, a.accountName, a.emailAddress];

/** Permission sets have a boolean column: their mapping for one database's `Flags`. */
export function permissionSetRows(flags: Flags) {
  return {
    toPermissionSet: (r: Row): PermissionSet => ({
      name: r.name as string,
      sessionDuration: r.session_duration as number,
      adminAccess: flags.read(r.admin_access),
    }),
    /** sso_permission_sets (name, session_duration, admin_access) */
    permissionSetParams: (p: PermissionSet) => [p.name, p.sessionDuration, flags.write(p.adminAccess)],
  };
}

/** sso_clients (id, secret_hash, expires_at, data) */
export const oidcClientParams = (c: OidcClient) => [c.id, c.secretHash, c.expiresAt, JSON.stringify(c)];

export function toDevice(r: Row): DeviceAuthorization {
  const d: DeviceAuthorization = {
    deviceCodeHash: r.device_code_hash as string,
    userCode: r.user_code as string,
    clientId: r.client_id as string,
    status: r.status as DeviceAuthorization['status'],
    interval: r.interval as number,
    createdAt: r.created_at as number,
    expiresAt: r.expires_at as number,
  };
  if (r.session_id) d.sessionId = r.session_id as string;
  if (r.last_polled_at !== null && r.last_polled_at !== undefined) d.lastPolledAt = r.last_polled_at as number;
  return d;
}

/** sso_device_auths (device_code_hash, user_code, client_id, interval, created_at, expires_at): the caller's columns */
export const deviceParams = (d: DeviceAuthorization) => [d.deviceCodeHash, d.userCode, d.clientId, d.interval, d.createdAt, d.expiresAt];

/** sso_auth_codes (code_hash, expires_at, data) */
export const authCodeParams = (c: AuthorizationCode) => [c.codeHash, c.expiresAt, JSON.stringify(c)];

export function toSession(r: Row): SignInSession {
  const s: SignInSession = {
    id: r.id as string,
    userId: r.user_id as string,
    browserHash: r.browser_hash as string,
    createdAt: r.created_at as number,
    expiresAt: r.expires_at as number,
  };
  if (r.ended_at !== null && r.ended_at !== undefined) s.endedAt = r.ended_at as number;
  return s;
}

/** sso_sessions (id, user_id, browser_hash, created_at, expires_at) */
export const sessionParams = (s: SignInSession) => [s.id, s.userId, s.browserHash, s.createdAt, s.expiresAt];

export const toToken = (r: Row): SsoToken => ({
  hash: r.hash as string,
  kind: r.kind as SsoToken['kind'],
  sessionId: r.session_id as string,
  clientId: r.client_id as string,
  scopes: JSON.parse(r.scopes as string),
  createdAt: r.created_at as number,
  expiresAt: r.expires_at as number,
});

/** sso_tokens (hash, kind, session_id, client_id, scopes, created_at, expires_at) */
export const tokenParams = (t: SsoToken) => [t.hash, t.kind, t.sessionId, t.clientId, JSON.stringify(t.scopes), t.createdAt, t.expiresAt];

/** A token row joined with its session (columns prefixed `s_`) and the session's user (`u_id`). */
export function toTokenState(r: Row): SsoTokenState {
  const st: SsoTokenState = { token: toToken(r), userExists: r.u_id !== null && r.u_id !== undefined };
  if (r.s_id) {
    st.session = toSession({
      id: r.s_id,
      user_id: r.s_user_id,
      browser_hash: r.s_browser_hash,
      created_at: r.s_created_at,
      expires_at: r.s_expires_at,
      ended_at: r.s_ended_at,
    });
  }
  return st;
}
