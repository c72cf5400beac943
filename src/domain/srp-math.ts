/**
 * Cognito's SRP-6a arithmetic: the 3072-bit group of RFC 5054 with g = 2, and the key derivation
 * amazon-cognito-identity-js uses. Modular exponentiation runs in OpenSSL through node:crypto's
 * Diffie-Hellman (constant-time, off the slow BigInt path).
 */
import { createDiffieHellman, createHash, randomBytes } from 'node:crypto';

export const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
export const N = BigInt(`0x${N_HEX}`);
export const g = 2n;
const N_BUF = Buffer.from(N_HEX, 'hex');
const G_BUF = Buffer.from([2]);

export function toHex(n: bigint): string {
  return n.toString(16);
}

/** amazon-cognito-identity-js `padHex`: even length, and a leading 00 when the high bit is set. */
export function padHex(n: bigint | string): string {
  let hex = typeof n === 'string' ? BigInt(`0x${n}`).toString(16) : n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if ('89abcdefABCDEF'.includes(hex[0] ?? '')) hex = `00${hex}`;
  return hex;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 over the bytes a hex string denotes, as hex (zero-padded to 64 characters). */
export function hexHash(hex: string): string {
  return sha256Hex(Buffer.from(hex, 'hex'));
}

function bigToBuf(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

function bufToBig(b: Buffer): bigint {
  return b.length === 0 ? 0n : BigInt(`0x${b.toString('hex')}`);
}

/** base^exp mod N, computed by OpenSSL. `base` must be in [2, N-2]. */
export function modPowN(base: bigint, exp: bigint): bigint {
  const dh = createDiffieHellman(N_BUF, G_BUF);
  dh.setPrivateKey(bigToBuf(exp));
  return bufToBig(dh.computeSecret(bigToBuf(base)));
}

/** g^exp mod N, computed by OpenSSL. */
export function gPowN(exp: bigint): bigint {
  const dh = createDiffieHellman(N_BUF, G_BUF);
  dh.setPrivateKey(bigToBuf(exp));
  return bufToBig(dh.generateKeys());
}

/** k = H(N | g), as the Cognito clients compute it. */
export const k = BigInt(`0x${hexHash(`${padHex(N)}${padHex(g)}`)}`);

/** x = H(salt | H(poolName | userId | ":" | password)). */
export function computeX(poolName: string, userId: string, password: string, saltHex: string): bigint {
  const inner = sha256Hex(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  return BigInt(`0x${hexHash(padHex(saltHex) + inner)}`);
}

export function randomSaltHex(): string {
  // 16 random bytes with the top bit clear, so the hex form is stable under padHex.
  const b = randomBytes(16);
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x10;
  return b.toString('hex');
}

export function randomBigInt(bytes = 128): bigint {
  return bufToBig(randomBytes(bytes));
}
