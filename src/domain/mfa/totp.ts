/**
 * RFC 6238 time-based one-time passwords as Cognito uses them: HMAC-SHA-1, six digits, 30-second steps,
 * secrets shown to users in RFC 4648 base32 (what authenticator apps read from an otpauth:// URI).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/**
 * Steps either side of the current one that are still accepted, so a code typed as its step ends (or
 * from a phone whose clock is a little off) still works: the previous, current and next 30 s step.
 */
export const TOTP_WINDOW = 1;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, without padding (as Cognito's SecretCode). */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case-insensitive, padding and spaces ignored); undefined for other characters. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[=\s]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) return undefined;
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes (the RFC 4226 recommended length), 32 base32 characters. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The time step an instant (epoch ms) falls in. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/** The code of one step (RFC 4226 HOTP over the step counter). */
export function totpCode(secretBase32: string, step: number): string {
  const key = base32Decode(secretBase32) ?? Buffer.alloc(0);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

/**
 * The step whose code `code` is, within the accepted window around `nowMs`, or undefined. The caller
 * must still claim the step (once per user) so that a code cannot be replayed inside its window.
 */
export function matchTotp(secretBase32: string, code: string, nowMs: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = totpStep(nowMs);
  const got = Buffer.from(code);
  for (let d = -TOTP_WINDOW; d <= TOTP_WINDOW; d++) {
    if (timingSafeEqual(Buffer.from(totpCode(secretBase32, now + d)), got)) return now + d;
  }
  return undefined;
}
