/**
 * SigV4 verification for signed operations. The signature is recomputed with @smithy/signature-v4 (the
 * signer the AWS SDK itself uses) over exactly the headers the caller listed, then compared in constant
 * time. Errors are the ones AWS front ends answer.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { KeyDirectory, Principal } from '../domain/credentials.ts';
import {
  ExpiredTokenException,
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
  UnrecognizedClientException,
} from './errors.ts';

const MAX_SKEW_MS = 5 * 60 * 1000;
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})\s*$/;

export interface SignedRequest {
  method: string;
  /** Path without the query string, as received. */
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface VerifyOptions {
  region: string;
  service: string;
  now: number;
  keys: KeyDirectory;
}

function amzDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Verifies the request's SigV4 signature; returns the principal behind the key or throws AWS's error. */
export async function verifySigV4(req: SignedRequest, opts: VerifyOptions): Promise<Principal> {
  const auth = header(req.headers, 'authorization');
  if (!auth) throw new MissingAuthenticationTokenException('Missing Authentication Token');
  const m = AUTH_RE.exec(auth.trim());
  if (!m) {
    throw new IncompleteSignatureException(
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${auth.split(' ')[0]}`,
    );
  }
  const [, accessKeyId, scopeDate, scopeRegion, scopeService, signedHeaderList, signature] = m as unknown as string[];
  const dateHeader = header(req.headers, 'x-amz-date');
  const signingDate = dateHeader ? parseAmzDate(dateHeader) : undefined;
  if (!signingDate || !dateHeader) {
    throw new IncompleteSignatureException("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const key = await opts.keys.lookup(accessKeyId!, opts.now);
  if (!key) throw new UnrecognizedClientException('The security token included in the request is invalid.');
  if (key.sessionTokenCheck) {
    const token = header(req.headers, 'x-amz-security-token');
    if (!token || !key.sessionTokenCheck(token)) {
      throw new UnrecognizedClientException('The security token included in the request is invalid.');
    }
  }
  if (key.expiresAt !== undefined && key.expiresAt <= opts.now) {
    throw new ExpiredTokenException('The security token included in the request is expired');
  }
  const now = new Date(opts.now);
  if (signingDate.getTime() < opts.now - MAX_SKEW_MS) {
    throw new InvalidSignatureException(
      `Signature expired: ${dateHeader} is now earlier than ${amzDate(new Date(opts.now - MAX_SKEW_MS))} (${amzDate(now)} - 5 min.)`,
    );
  }
  if (signingDate.getTime() > opts.now + MAX_SKEW_MS) {
    throw new InvalidSignatureException(
      `Signature not yet current: ${dateHeader} is still later than ${amzDate(new Date(opts.now + MAX_SKEW_MS))} (${amzDate(now)} + 5 min.)`,
    );
  }
  if (scopeDate !== dateHeader.slice(0, 8)) {
    throw new InvalidSignatureException(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${dateHeader.slice(0, 8)}', from '${dateHeader}'.`,
    );
  }
  if (scopeRegion !== opts.region) {
    throw new InvalidSignatureException(`Credential should be scoped to a valid region. `);
  }
  if (scopeService !== opts.service) {
    throw new InvalidSignatureException(`Credential should be scoped to correct service: '${opts.service}'. `);
  }
  const signed = signedHeaderList!.split(';');
  if (!signed.includes('host')) {
    throw new InvalidSignatureException("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const headers: Record<string, string> = {};
  for (const h of signed) {
    const v = header(req.headers, h);
    if (v !== undefined) headers[h] = v;
  }
  bindPayload(headers, req.body);
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: key.secretAccessKey },
    region: scopeRegion!,
    service: scopeService!,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: true,
    applyChecksum: false,
  });
  const hostHeader = headers.host ?? '';
  const signedReq = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: hostHeader.split(':')[0] ?? '',
      path: req.path,
      query: req.query,
      headers,
      body: req.body.length > 0 ? req.body : undefined,
    },
    { signingDate, signableHeaders: new Set(signed), signingRegion: scopeRegion, signingService: scopeService },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signedReq.headers.authorization ?? ''))?.[1] ?? '';
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(signature!, 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new InvalidSignatureException(SIGNATURE_MISMATCH);
  }
  return key.principal;
}

/**
 * The payload hash of the canonical request is always the hash of the bytes received. The signer would
 * take a signed `x-amz-content-sha256` header at its word (and `UNSIGNED-PAYLOAD` with it), which lets a
 * captured request be replayed with another body; these services compute the hash themselves, so a header
 * that names any other value can only belong to a signature over different bytes.
 */
function bindPayload(signedHeaders: Record<string, string>, body: Buffer): void {
  const claimed = signedHeaders['x-amz-content-sha256'];
  if (claimed === undefined) return;
  const actual = createHash('sha256').update(body).digest('hex');
  const a = Buffer.from(actual, 'utf8');
  const b = Buffer.from(claimed.trim().toLowerCase(), 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new InvalidSignatureException(SIGNATURE_MISMATCH);
}
