/**
 * Records of the IAM Identity Center side: the directory (users, accounts, permission sets,
 * assignments), OIDC clients, pending device and code authorizations, sign-in sessions and their tokens.
 * Times are epoch milliseconds. No record holds a plaintext secret: secrets, codes and tokens are hashed.
 */
import type { PasswordVerifier } from '../types.ts';

/** Instance settings, written by the seed file and read per request (so every worker agrees). */
export interface SsoSettings {
  /** The access portal URL clients name in StartDeviceAuthorization; absent means `{publicUrl}/start`. */
  startUrl?: string;
  /** Other start URLs accepted as naming this instance (e.g. `https://d-1234567890.awsapps.com/start`). */
  startUrlAliases: string[];
  /** Seconds a client must wait between device-code polls. */
  deviceCodeInterval: number;
  /** Seconds a device code stays valid. */
  deviceCodeExpiresIn: number;
  /** Seconds a sign-in session lasts (Identity Center's default is 8 hours). */
  sessionDuration: number;
  /** Seconds an access token lasts (capped by its session's end). */
  accessTokenExpiresIn: number;
  /**
   * Redirect URIs other than loopback ones that public clients may register (seed file
   * `identityCenter.redirectUris`); absent or empty means loopback only, as the AWS CLI uses.
   */
  redirectUris?: string[];
}

export interface SsoUser {
  id: string;
  userName: string;
  displayName: string;
  email?: string;
  password: PasswordVerifier;
}

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
}

export interface PermissionSet {
  name: string;
  /** Seconds role credentials issued for this permission set last. */
  sessionDuration: number;
  /** Whether its role credentials may call Cognate's signed (admin) operations. */
  adminAccess: boolean;
}

/** Which user may use which permission set in which account (users named, not by id). */
export interface Assignment {
  userName: string;
  accountId: string;
  permissionSet: string;
}

/** The directory as the seed file declares it. Users without an id get one; known names keep theirs. */
export interface SsoDirectory {
  users: (Omit<SsoUser, 'id'> & { id?: string })[];
  accounts: SsoAccount[];
  permissionSets: PermissionSet[];
  assignments: Assignment[];
}

/** A client registered through RegisterClient. */
export interface OidcClient {
  id: string;
  name: string;
  /** SHA-256 (hex) of the client secret. */
  secretHash: string;
  scopes: string[];
  redirectUris: string[];
  grantTypes: string[];
  issuedAt: number;
  expiresAt: number;
}

/** A pending device authorization (StartDeviceAuthorization). */
export interface DeviceAuthorization {
  /** SHA-256 (hex) of the device code. */
  deviceCodeHash: string;
  /** `ABCD-EFGH`, stored as typed so the page can find it. */
  userCode: string;
  clientId: string;
  status: 'pending' | 'approved' | 'denied';
  /** The sign-in session that approved it. */
  sessionId?: string;
  interval: number;
  lastPolledAt?: number;
  createdAt: number;
  expiresAt: number;
}

/** A single-use authorization code (PKCE flow). */
export interface AuthorizationCode {
  codeHash: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  sessionId: string;
  scopes: string[];
  expiresAt: number;
}

/** One IAM Identity Center sign-in session: the unit of revocation (Logout ends it). */
export interface SignInSession {
  id: string;
  userId: string;
  /** SHA-256 (hex) of the browser cookie's secret part. */
  browserHash: string;
  createdAt: number;
  expiresAt: number;
  endedAt?: number;
}

/** An access or refresh token, kept as a hash and tied to its sign-in session. */
export interface SsoToken {
  hash: string;
  kind: 'access' | 'refresh';
  sessionId: string;
  clientId: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number;
}
