/**
 * REST-JSON error writers for the portal (`sso`: `{message}`) and OIDC (`sso-oidc`: `{error,
 * error_description}`) services. The shape name always goes in `x-amzn-ErrorType` (SPEC §1.2, §1.3).
 */
import type { ServerResponse } from 'node:http';
import { ServiceError } from './errors.ts';
import { sendJson } from './json11.ts';

export function sendRestJsonError(res: ServerResponse, err: unknown, internalCode = 'InternalServerException'): void {
  const e = err instanceof ServiceError ? err : new ServiceError(internalCode, 'An internal error occurred.', 500);
  res.setHeader('x-amzn-ErrorType', e.code);
  sendJson(res, e.status, { message: e.message, ...(e.extra ?? {}) }, 'application/json');
}

/** OAuth-style error as sso-oidc answers: no `message` member (botocore would prefer it). */
export class OidcError extends ServiceError {
  constructor(code: string, error: string, description: string, status = 400, reason?: string) {
    super(code, description, status, { error, error_description: description, ...(reason ? { reason } : {}) });
  }
}

export function sendOidcError(res: ServerResponse, err: unknown): void {
  if (err instanceof OidcError) {
    res.setHeader('x-amzn-ErrorType', err.code);
    sendJson(res, err.status, err.extra ?? {}, 'application/json');
    return;
  }
  if (err instanceof ServiceError) {
    res.setHeader('x-amzn-ErrorType', err.code);
    sendJson(res, err.status, { error: 'invalid_request', error_description: err.message }, 'application/json');
    return;
  }
  res.setHeader('x-amzn-ErrorType', 'InternalServerException');
  sendJson(res, 500, { error: 'server_error', error_description: 'An internal error occurred.' }, 'application/json');
}
