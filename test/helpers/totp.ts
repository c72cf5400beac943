/**
 * An RFC 6238 code generator written for the tests, independent of the server's (src/domain/mfa/totp.ts),
 * checked against the RFC's own test vector so that the server is measured against the standard.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function fromBase32(s: string): Buffer {
  const bits = [...s.replace(/=+$/, '').toUpperCase()].map((c) => ALPHABET.indexOf(c).toString(2).padStart(5, '0')).join('');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(Number.parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code for `atMs` (RFC 6238: HMAC-SHA-1, 30 s steps), `digits` long, from a raw key. */
export function totpFromKey(key: Buffer, atMs: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = (h[19] ?? 0) & 0xf;
  const n = (((h[o] ?? 0) & 0x7f) << 24) | ((h[o + 1] ?? 0) << 16) | ((h[o + 2] ?? 0) << 8) | (h[o + 3] ?? 0);
  return String(n % 10 ** digits).padStart(digits, '0');
}

/** The 6-digit code an authenticator app shows for a base32 secret at `atMs`. */
export function totp(secretBase32: string, atMs: number): string {
  return totpFromKey(fromBase32(secretBase32), atMs);
}

// RFC 6238 appendix B, SHA-1, T = 59 s: 94287082.
if (totpFromKey(Buffer.from('12345678901234567890'), 59_000, 8) !== '94287082') throw new Error('test TOTP generator is wrong');
