/**
 * Wire errors of the two Identity Center services. Portal (`sso`) errors carry `{message}`; OIDC
 * (`sso-oidc`) errors carry `{error, error_description}` and no `message` (SPEC §1.2, §1.3).
 */
import { OidcError } from '../../protocol/rest-json.ts';
import { ServiceError } from '../../protocol/errors.ts';

/** The one message the real portal gives for an invalid, expired or logged-out token. */
export const SESSION_TOKEN_INVALID = 'Session token not found or invalid';

export class PortalUnauthorizedException extends ServiceError {
  constructor(message = SESSION_TOKEN_INVALID) {
    super('UnauthorizedException', message, 401);
  }
}
export class PortalInvalidRequestException extends ServiceError {
  constructor(message: string) {
    super('InvalidRequestException', message, 400);
  }
}
export class PortalForbiddenException extends ServiceError {
  constructor(message = 'No access') {
    super('ForbiddenException', message, 403);
  }
}
export class PortalResourceNotFoundException extends ServiceError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, 404);
  }
}

/** Builds the OIDC error classes, one per shape, each with its `error` value and status. */
function oidc(code: string, error: string, status = 400) {
  const C = class extends OidcError {
    constructor(description: string, reason?: string) {
      super(code, error, description, status, reason);
    }
  };
  Object.defineProperty(C, 'name', { value: code });
  return C;
}

export const AuthorizationPendingException = oidc('AuthorizationPendingException', 'authorization_pending');
export const SlowDownException = oidc('SlowDownException', 'slow_down');
export const ExpiredTokenException = oidc('ExpiredTokenException', 'expired_token');
export const OidcAccessDeniedException = oidc('AccessDeniedException', 'access_denied');
export const InvalidGrantException = oidc('InvalidGrantException', 'invalid_grant');
export const InvalidClientException = oidc('InvalidClientException', 'invalid_client', 401);
export const UnauthorizedClientException = oidc('UnauthorizedClientException', 'unauthorized_client');
export const UnsupportedGrantTypeException = oidc('UnsupportedGrantTypeException', 'unsupported_grant_type');
export const InvalidScopeException = oidc('InvalidScopeException', 'invalid_scope');
export const OidcInvalidRequestException = oidc('InvalidRequestException', 'invalid_request');
export const InvalidClientMetadataException = oidc('InvalidClientMetadataException', 'invalid_client_metadata');
export const InvalidRedirectUriException = oidc('InvalidRedirectUriException', 'invalid_redirect_uri');
