/**
 * SigV4 for the Lambda Invoke API, on node:crypto: one POST with a JSON body, so the canonical request is
 * short and the signing key is derived once per day, region and secret (the general-purpose signer the
 * CLI uses costs ~2 ms a call, which a sign-in with a trigger would pay every time).
 */
import { createHash, createHmac } from 'node:crypto';
import type { LambdaCredentials } from './credentials.ts';

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

export interface SignedPost {
  /** The request path as sent (already percent-encoded once). */
  path: string;
  host: string;
  headers: Record<string, string>;
  body: Buffer;
  region: string;
  service: string;
  credentials: LambdaCredentials;
  now: Date;
}

/** Returns the headers to send: the given ones plus host, x-amz-date, [x-amz-security-token], authorization. */
export function signPost(req: SignedPost): Record<string, string> {
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
  // Non-S3 services sign each path segment encoded a second time.
  const canonicalPath = req.path
    .split('/')
    .map((seg) => uriEncode(seg))
    .join('/');
  const canonical = [
    'POST',
    canonicalPath,
    '',
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
