/**
 * AWS JSON 1.1 codec (cognito-idp, cognito-identity): `POST /` routed by `X-Amz-Target`, PascalCase
 * bodies, errors as `{"__type","message"}` with `x-amzn-ErrorType`.
 */
import type { ServerResponse } from 'node:http';
import { ServiceError } from './errors.ts';

export const JSON11_CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * Writes a JSON response. `requestId`, when given, goes out as x-amzn-RequestId in the same writeHead
 * (one header object, no setHeader round trips on the hot path).
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = JSON11_CONTENT_TYPE, requestId?: string): void {
  writeJsonPayload(res, status, JSON.stringify(body ?? {}), contentType, requestId);
}

/** `sendJson` for a body already serialised (so that serialisation errors surface where it was made). */
export function writeJsonPayload(
  res: ServerResponse,
  status: number,
  payload: string,
  contentType = JSON11_CONTENT_TYPE,
  requestId?: string,
): void {
  const length = Buffer.byteLength(payload);
  res.writeHead(
    status,
    requestId === undefined
      ? { 'Content-Type': contentType, 'Content-Length': length }
      : { 'x-amzn-RequestId': requestId, 'Content-Type': contentType, 'Content-Length': length },
  );
  res.end(payload);
}

/** Writes an AWS JSON 1.1 error. Unexpected errors become InternalErrorException (no stack leaked). */
export function sendJson11Error(res: ServerResponse, err: unknown, internalCode = 'InternalErrorException'): void {
  const e = err instanceof ServiceError ? err : new ServiceError(internalCode, 'An internal error occurred.', 500);
  res.setHeader('x-amzn-ErrorType', e.code);
  sendJson(res, e.status, { __type: e.code, message: e.message, ...(e.extra ?? {}) });
}
