/**
 * cognito-identity's own wire errors (the shared ones — NotAuthorizedException, ResourceNotFoundException,
 * InvalidParameterException — live in protocol/errors.ts) and the messages the service uses.
 */
import { ServiceError } from '../../protocol/errors.ts';

export class ResourceConflictException extends ServiceError {
  constructor(message: string) {
    super('ResourceConflictException', message, 400);
  }
}

export class InvalidIdentityPoolConfigurationException extends ServiceError {
  constructor(message: string) {
    super('InvalidIdentityPoolConfigurationException', message, 400);
  }
}

/** Messages seen from the real service (quoted in public issue threads). */
export const MSG = {
  poolNotFound: (id: string) => `IdentityPool '${id}' not found.`,
  identityNotFound: (id: string) => `Identity '${id}' not found.`,
  unauthNotSupported: 'Unauthenticated access is not supported for this identity pool.',
  loginsDontMatch: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
  issuerMismatch: "Invalid login token. Issuer doesn't match providerName",
  notSupportedProvider: 'Token is not from a supported provider of this identity pool.',
  missingAud: 'Invalid login token. Missing a required claim: aud',
  notOidcToken: 'Invalid login token. Not a valid OpenId Connect identity token.',
  badSignature: "Invalid login token. Couldn't verify signed token.",
  expired: (now: number, exp: number) => `Invalid login token. Token expired: ${now} >= ${exp}`,
  // Not documented by AWS (SPEC §1.5): Cognate's wording for a token whose sign-in was ended.
  revoked: 'Invalid login token. Token has been revoked.',
  badRoles: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
} as const;
