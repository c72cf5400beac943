/**
 * The server side of Cognito's SRP-6a (USER_SRP_AUTH / PASSWORD_VERIFIER), derived exactly as
 * amazon-cognito-identity-js and Amplify compute the client side:
 *
 *   B = k·v + g^b            u = H(pad(A) | pad(B))          S = (A · v^u)^b mod N
 *   key = HKDF-SHA256(ikm = pad(S), salt = pad(u), info = "Caldera Derived Key", 16 bytes)
 *   PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolName | userId | secretBlock | TIMESTAMP))
 *
 * Every exponentiation runs in OpenSSL (modPowN / gPowN), which is constant-time and does not block the
 * event loop the way a BigInt square-and-multiply loop does. No HTTP, no store here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { N, gPowN, hexHash, k, modPowN, padHex, randomBigInt } from './srp-math.ts';

/** Why an SRP step was refused; the service layer maps every kind to Cognito's wire error. */
export class SrpRefused extends Error {
  constructor(readonly reason: 'bad-A' | 'degenerate' | 'bad-timestamp' | 'skew' | 'bad-signature') {
    super(`SRP refused: ${reason}`);
  }
}

/** How far TIMESTAMP may be from the server clock, either way (clients sign with their own clock). */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

const HEX = /^[0-9a-fA-F]+$/;

/**
 * Parses SRP_A as the clients send it (unpadded hex). Returns undefined when it is not hex at all or
 * longer than any residue mod N could be; a value that is hex but unusable (A mod N = 0, A >= N) parses,
 * and is refused when the proof arrives, as Cognito does.
 */
export function parseSrpA(hex: string): bigint | undefined {
  if (!HEX.test(hex) || hex.length > 800) return undefined;
  return BigInt(`0x${hex}`);
}

/** Whether A is a usable client public value: 0 < A < N and A mod N ≠ 0. */
export function acceptableA(A: bigint): boolean {
  return A > 0n && A < N && A % N !== 0n;
}

export interface ServerEphemeral {
  /** The server's secret exponent (1024 random bits, as the Cognito clients use for a). */
  b: bigint;
  /** B = (k·v + g^b) mod N. */
  B: bigint;
}

/** Draws b and computes B for a verifier (hex). */
export function serverEphemeral(verifierHex: string): ServerEphemeral {
  const v = BigInt(`0x${verifierHex}`);
  for (;;) {
    const b = randomBigInt(128);
    const B = (k * v + gPowN(b)) % N;
    // B mod N = 0 would make the client abort; redraw (probability ~2^-3072).
    if (B !== 0n) return { b, B };
  }
}

/** HKDF as the Cognito clients do it: one HMAC block of extract-then-expand, first 16 bytes. */
function hkdf16(ikm: Buffer, salt: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

/** The 16-byte key both sides derive from the shared secret S. Throws SrpRefused for a degenerate A. */
export function sessionKey(A: bigint, B: bigint, b: bigint, verifierHex: string): Buffer {
  if (!acceptableA(A)) throw new SrpRefused('bad-A');
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  if (u === 0n) throw new SrpRefused('degenerate');
  const v = BigInt(`0x${verifierHex}`);
  let S: bigint;
  try {
    const base = (A * modPowN(v, u)) % N;
    // OpenSSL refuses peer values outside [2, N-2]; those only arise from a hostile A.
    if (base < 2n || base > N - 2n) throw new SrpRefused('degenerate');
    S = modPowN(base, b);
  } catch (e) {
    if (e instanceof SrpRefused) throw e;
    throw new SrpRefused('degenerate');
  }
  return hkdf16(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'));
}

/** HMAC-SHA256(key, poolName | userId | secretBlock | timestamp), the value clients send base64-encoded. */
export function claimSignature(key: Buffer, poolName: string, userId: string, secretBlock: Buffer, timestamp: string): Buffer {
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName, 'utf8'), Buffer.from(userId, 'utf8'), secretBlock, Buffer.from(timestamp, 'utf8')]))
    .digest();
}

/** Compares a presented base64 signature with the expected one in constant time. */
export function signatureMatches(expected: Buffer, presentedBase64: string): boolean {
  const got = Buffer.from(presentedBase64, 'base64');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Formats epoch ms as Cognito's SRP TIMESTAMP: `ddd MMM D HH:mm:ss UTC YYYY` (day not padded). */
export function formatSrpTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

const TS = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) ([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$/;

/** Parses a TIMESTAMP strictly (a padded day or a wrong weekday is refused); epoch ms or undefined. */
export function parseSrpTimestamp(ts: string): number | undefined {
  const m = TS.exec(ts);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2] as string);
  if (month < 0) return undefined;
  const ms = Date.UTC(Number(m[7]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return formatSrpTimestamp(ms) === ts ? ms : undefined;
}

/** Refuses a TIMESTAMP that is malformed or further than the tolerance from `now`. */
export function assertFreshTimestamp(ts: string, now: number): void {
  const t = parseSrpTimestamp(ts);
  if (t === undefined) throw new SrpRefused('bad-timestamp');
  if (Math.abs(now - t) > TIMESTAMP_TOLERANCE_MS) throw new SrpRefused('skew');
}
