/**
 * What an unknown user looks like when an app client sets PreventUserExistenceErrors=ENABLED: answers
 * shaped like a real user's and computed with the same work, so neither the response nor its timing says
 * whether the user exists. Cognito documents the shape: a stable salt and a UUID user id per user name and
 * pool for SRP, a code "sent" to a simulated destination for account confirmation and password recovery,
 * and the generic errors (wrong password, CodeMismatchException) for the steps after.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { App } from './app.ts';
import type { CodeDeliveryDetails } from './code-delivery.ts';
import { brakeKeys, claimPasswordCheck, wrongPasswordError } from './password-brake.ts';
import { checkPassword, makeVerifier } from './passwords.ts';
import type { PasswordVerifier, PoolRecord } from './types.ts';

const decoyKeys = new WeakMap<App, Promise<Buffer>>();

/** A per-instance secret, sealed at rest, from which every simulated value is derived. */
export function decoyKey(app: App): Promise<Buffer> {
  let k = decoyKeys.get(app);
  if (!k) {
    k = (async () => {
      const sealed = await app.store.meta.setIfAbsent('srp-decoy-key', app.sealer.seal(randomBytes(32).toString('hex')));
      return Buffer.from(app.sealer.open(sealed), 'hex');
    })();
    decoyKeys.set(app, k);
  }
  return k;
}

/** Stable pseudo-random bytes for (purpose, pool, user name). */
export async function decoyBytes(app: App, purpose: string, poolId: string, username: string): Promise<Buffer> {
  return createHmac('sha256', await decoyKey(app))
    .update(`${purpose}\0${poolId}\0${username}`)
    .digest();
}

/** A stable UUID (v4 layout) for an unknown user name in a pool: the "internal user id" Cognito simulates. */
export async function decoyUuid(app: App, poolId: string, username: string): Promise<string> {
  const b = await decoyBytes(app, 'uuid', poolId, username);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/**
 * A simulated CodeDeliveryDetails for an unknown user: the medium a real user of this pool would get,
 * and a masked destination in the real format, stable for the user name.
 */
export async function simulatedDelivery(
  app: App,
  pool: PoolRecord,
  username: string,
  medium: 'EMAIL' | 'SMS',
): Promise<CodeDeliveryDetails> {
  const b = await decoyBytes(app, 'destination', pool.id, username);
  if (medium === 'EMAIL') {
    const c = (i: number) => LETTERS[(b[i] ?? 0) % LETTERS.length];
    return { Destination: `${c(0)}***@${c(1)}***`, DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  }
  const tail = Array.from({ length: 4 }, (_, i) => DIGITS[(b[i] ?? 0) % 10]).join('');
  return { Destination: `+*******${tail}`, DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
}

const dummyVerifiers = new WeakMap<App, PasswordVerifier>();

/** A throwaway verifier (for a password nobody knows), made once per instance: what decoys compute against. */
export function dummyVerifier(app: App): PasswordVerifier {
  let v = dummyVerifiers.get(app);
  if (!v) {
    v = makeVerifier('us-east-1_decoy', 'decoy', randomBytes(16).toString('hex'));
    dummyVerifiers.set(app, v);
  }
  return v;
}

/**
 * Checks a password against the throwaway verifier: the same SRP exponentiation a real user's check costs,
 * so a wrong password for an unknown user takes as long as one for a real user. Always false.
 */
export function dummyPasswordCheck(app: App, poolId: string, password: string): false {
  checkPassword(poolId, dummyVerifier(app), password);
  return false;
}

/**
 * A wrong password for a user name nobody has, answered as a real user's: the same brake (a count of its
 * own per name, so it locks out after as many guesses), the same password check (against a throwaway
 * verifier), the same error — and the same work, one store statement and one check.
 */
export async function unknownUserWrongPassword(app: App, poolId: string, username: string, password: string): Promise<Error> {
  const check = await claimPasswordCheck(app, brakeKeys.unknown(poolId, username));
  dummyPasswordCheck(app, poolId, password);
  return wrongPasswordError(check);
}
