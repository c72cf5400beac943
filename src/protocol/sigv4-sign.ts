/**
 * SigV4 request signing on node:crypto, for Cognate's own outgoing calls: the CLI's signed API calls and
 * the Lambda Invoke API. Signs every header given plus host, x-amz-date and x-amz-security-token (as
 * botocore does for these JSON services: no x-amz-content-sha256 header), with the payload hash taken
 * from the body bytes. The signing key is derived once per day, region, service and secret.
 */
import { createHash, createHmac } from 'node:crypto';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** RFC 3986 encoding as SigV4 wants it: everything but A–Z a–z 0–9 - _ . ~ is percent-encoded. */
export function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

const keyCache = new Map<string, Buffer>();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${date}\n${region}\n${service}\n${secret}`;
  let key = keyCache.get(id);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    if (keyCache.size > 16) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}

export interface RequestToSign {
  method: string;
  /** The request path as sent (already percent-encoded once). */
  path: string;
  /** Decoded query parameters, in any order. */
  query?: ReadonlyArray<readonly [string, string]>;
  host: string;
  headers: Record<string, string>;
  body: Buffer;
  region: string;
  service: string;
  credentials: SigningCredentials;
  now: Date;
}

/** Returns the headers to send: the given ones (lower-cased) plus host, x-amz-date, [x-amz-security-token], authorization. */
export function signRequest(req: RequestToSign): Record<string, string> {
  const amzDate = req.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
    host: req.host,
    'x-amz-date': amzDate,
    ...(req.credentials.sessionToken ? { 'x-amz-security-token': req.credentials.sessionToken } : {}),
  };
  const names = Object.keys(headers).sort();
  // Services other than S3 sign each path segment encoded a second time.
  const canonicalPath = req.path
    .split('/')
    .map((seg) => uriEncode(seg))
    .join('/');
  const canonicalQuery = (req.query ?? [])
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    req.method,
    canonicalPath,
    canonicalQuery,
    ...names.map((n) => `${n}:${String(headers[n]).trim().replace(/\s+/g, ' ')}`),
    '',
    names.join(';'),
    sha256(req.body),
  ].join('\n');
  const scope = `${date}/${req.region}/${req.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const signature = createHmac('sha256', signingKey(req.credentials.secretAccessKey, date, req.region, req.service))
    .update(toSign)
    .digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${req.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}
