/** Records of the identity-pool domain (cognito-identity). Times are epoch milliseconds. */

/** A `CognitoIdentityProviders` entry: a user pool (and one of its app clients) the pool trusts. */
export interface CognitoProviderConfig {
  /** `cognito-idp.{region}.amazonaws.com/{userPoolId}` or Cognate's issuer without its scheme. */
  ProviderName: string;
  ClientId: string;
  /** Ask the user pool whether the token's sign-in has been ended before accepting it. */
  ServerSideTokenCheck: boolean;
}

export interface IdentityPoolRecord {
  /** `REGION:GUID` */
  id: string;
  name: string;
  allowUnauthenticated: boolean;
  allowClassicFlow: boolean;
  supportedLoginProviders?: Record<string, string>;
  developerProviderName?: string;
  openIdConnectProviderARNs?: string[];
  cognitoIdentityProviders?: CognitoProviderConfig[];
  samlProviderARNs?: string[];
  tags: Record<string, string>;
  /** `authenticated` / `unauthenticated` → role ARN (SetIdentityPoolRoles). */
  roles: Record<string, string>;
  /** RoleMappings as set: per `{ProviderName}:{ClientId}`, how an authenticated identity's role is chosen (role-mapping.ts). */
  roleMappings?: Record<string, unknown>;
  createdAt: number;
  lastModifiedAt: number;
}

/** An identity: `REGION:GUID`, unauthenticated (no logins) or linked to one or more logins. */
export interface IdentityRecord {
  id: string;
  poolId: string;
  /** The provider names of the linked logins, as DescribeIdentity lists them. */
  logins: string[];
  createdAt: number;
  lastModifiedAt: number;
}

/** One login linked to an identity: who the provider says the user is. */
export interface LoginLink {
  /** Provider name as configured on the pool. */
  providerName: string;
  /** Stable key of the user at the provider: `{userPoolId}:{sub}` for a user pool. */
  subject: string;
}
