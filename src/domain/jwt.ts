/**
 * Minimal, strict JWS (RS256) for Cognate's own tokens. Verification pins the algorithm and the key:
 * `alg` must be RS256, `kid` must name a key the caller supplies — so `alg=none`, HS256-with-the-public-
 * key, unknown kids and tampered payloads all fail before any claim is read.
 */
import { type KeyObject, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';

export interface JwtHeader {
  alg: string;
  kid?: string;
  typ?: string;
}

export interface DecodedJwt {
  header: JwtHeader;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export class JwtError extends Error {
  constructor(
    message: string,
    readonly expected?: unknown,
    readonly actual?: unknown,
  ) {
    super(message);
  }
}

/**
 * Decodes a base64url segment that must be in its one canonical form (no padding, zero spare bits). Node's
 * decoder ignores the spare bits of the last character, so without the round-trip check several strings
 * would decode to the same bytes and a signed token would have variants that verify too.
 */
function canonicalBase64url(part: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new JwtError('not base64url');
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw new JwtError('not canonical base64url');
  return bytes;
}

function b64json(part: string): unknown {
  return JSON.parse(canonicalBase64url(part).toString('utf8'));
}

export function signJwt(payload: Record<string, unknown>, kid: string, key: KeyObject): string {
  const header = Buffer.from(JSON.stringify({ kid, alg: 'RS256' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const input = `${header}.${body}`;
  return `${input}.${cryptoSign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

/** Splits and parses a compact JWS without trusting it. Throws JwtError when it is not one. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('a JWT has three parts', 3, parts.length);
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = b64json(h);
    payload = b64json(p);
  } catch {
    throw new JwtError('the header or payload is not base64url JSON');
  }
  if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new JwtError('the header and payload must be JSON objects');
  }
  if (s.length === 0) throw new JwtError('the signature is empty');
  let signature: Buffer;
  try {
    signature = canonicalBase64url(s);
  } catch {
    throw new JwtError('the signature is not canonical base64url');
  }
  return { header: header as JwtHeader, payload: payload as Record<string, unknown>, signingInput: `${h}.${p}`, signature };
}

/** Verifies an RS256 signature with the given public key. */
export function verifyRs256(jwt: DecodedJwt, key: KeyObject): boolean {
  if (jwt.header.alg !== 'RS256') throw new JwtError('unsupported alg', 'RS256', jwt.header.alg);
  return cryptoVerify('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature);
}
