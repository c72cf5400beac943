/**
 * CORS as the AWS JSON endpoints (cognito-idp among them) answer browsers, so a page on any origin can
 * call Cognate. A captured preflight to cognito-idp.us-east-1.amazonaws.com answers 200 with an empty
 * body, `access-control-allow-origin: *`, the requested headers and method echoed back,
 * `access-control-expose-headers: x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date` and
 * `access-control-max-age: 172800`; the actual responses carry the origin and expose headers.
 * No credentials are involved (tokens travel in the JSON body), so the wildcard is safe.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The response headers browsers may read: the SDKs take the error code from x-amzn-ErrorType. */
export const EXPOSE_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
/** How long browsers may cache a preflight (two days, as AWS answers). */
export const PREFLIGHT_MAX_AGE = '172800';

/** Adds the CORS headers of an actual (non-preflight) response to a cross-origin request. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.origin === undefined) return;
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
}

/** Answers a preflight (OPTIONS) without authentication, echoing what the browser asks to send. */
export function handlePreflight(req: IncomingMessage, res: ServerResponse): void {
  const method = req.headers['access-control-request-method'];
  const headers = req.headers['access-control-request-headers'];
  const out: Record<string, string> = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': typeof method === 'string' && method.length > 0 ? method : 'POST',
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
    'Content-Length': '0',
  };
  if (typeof headers === 'string' && headers.length > 0) out['Access-Control-Allow-Headers'] = headers;
  res.writeHead(200, out);
  res.end();
}
