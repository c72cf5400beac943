/** Records of the managed-login / OAuth 2.0 part of user pools. Times are epoch milliseconds. */

/** A user pool domain: a prefix (`{prefix}.auth.{region}.amazoncognito.com`) or a custom domain. */
export interface DomainRecord {
  /** The prefix, or the custom domain's full name. Unique across the instance, as in a Region. */
  domain: string;
  poolId: string;
  /** A custom domain (CustomDomainConfig given) rather than a prefix. */
  custom: boolean;
  certificateArn?: string;
  /** 1: classic hosted UI, 2: managed login. Cognate serves the same plain pages for both. */
  managedLoginVersion: number;
  createdAt: number;
  lastModifiedAt: number;
}

export interface ResourceServerScope {
  ScopeName: string;
  ScopeDescription: string;
}

/** A resource server: the `{Identifier}/{ScopeName}` custom scopes clients may be given. */
export interface ResourceServerRecord {
  poolId: string;
  identifier: string;
  name: string;
  scopes: ResourceServerScope[];
}

/**
 * A managed-login browser session (Cognito's `cognito` cookie): started by a sign-in on the /login page,
 * it lets /oauth2/authorize issue codes without asking for credentials again. The grants issued through
 * it are linked to it, so /logout ends them together with the cookie.
 */
export interface LoginSessionRecord {
  id: string;
  poolId: string;
  sub: string;
  /** SHA-256 (hex) of the cookie's secret part. */
  browserHash: string;
  /** The user's sign-out generation when the session started (see domain/sign-in-session.ts). */
  generation: number;
  authTime: number;
  createdAt: number;
  expiresAt: number;
  endedAt?: number;
}
