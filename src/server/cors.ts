/**
 * CORS as the Cognito endpoint answers browsers: any origin may call the JSON API; preflights are
 * answered without authentication; the error headers are exposed so SDKs can read them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const EXPOSE = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';

export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.origin === undefined) return;
  // Pages served by Cognate itself (portal, device page) do not need CORS; the JSON API does.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSE);
}

export function handlePreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(200, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers':
      typeof requested === 'string' && requested.length > 0
        ? requested
        : 'content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request,authorization,x-amz-date,x-amz-security-token,x-amz-content-sha256,cache-control',
    'Access-Control-Max-Age': '172800',
    'Access-Control-Expose-Headers': EXPOSE,
    'Content-Length': '0',
  });
  res.end();
}
