/**
 * The OAuth endpoints' answers: JSON bodies `{"error":"…"}` with HTTP 400 as Cognito's token and
 * revocation endpoints send them, and userInfo's 401 with a WWW-Authenticate header. Never cached.
 */
import type { ServerResponse } from 'node:http';

/** An OAuth error response; `error` is one of RFC 6749's codes. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly status = 400,
    readonly description?: string,
  ) {
    super(error);
  }
}

/** Writes a JSON body with OAuth's no-store headers. */
export function sendOAuthJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    ...headers,
  });
  res.end(text);
}

export function sendOAuthError(res: ServerResponse, e: OAuthError): void {
  sendOAuthJson(res, e.status, { error: e.error, ...(e.description ? { error_description: e.description } : {}) });
}
