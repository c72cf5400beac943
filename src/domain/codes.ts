/**
 * Single-use verification codes (sign-up confirmation, forgotten password, attribute verification).
 * A code is six digits, so a bare SHA-256 of it would fall to a million guesses offline: codes are kept
 * as HMAC-SHA256 under a per-instance pepper that is itself sealed with the master key, bound to the
 * pool, purpose and subject. Online guessing is capped by an attempt limit.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CodeMismatchException, ExpiredCodeException, LimitExceededException } from '../protocol/errors.ts';
import type { App } from './app.ts';
import { newNumericCode } from './ids.ts';
import { ATTEMPTS_EXCEEDED, LIMITS, clearAttempts, limitKeys, requireAttempt } from './limits.ts';

import type { CodeRecord } from './types.ts';

/** Wrong guesses allowed on one code before it stops being accepted. */
export const MAX_CODE_ATTEMPTS = 5;
export const CODE_MISMATCH = 'Invalid verification code provided, please try again.';
export const CODE_EXPIRED = 'Invalid code provided, please request a code again.';

const peppers = new WeakMap<App, Promise<Buffer>>();

function pepper(app: App): Promise<Buffer> {
  let p = peppers.get(app);
  if (!p) {
    p = (async () => {
      const sealed = await app.store.meta.setIfAbsent('code-pepper', app.sealer.seal(randomBytes(32).toString('base64')));
      return Buffer.from(app.sealer.open(sealed), 'base64');
    })();
    peppers.set(app, p);
  }
  return p;
}

async function hashCode(app: App, poolId: string, purpose: CodeRecord['purpose'], subject: string, code: string): Promise<string> {
  return createHmac('sha256', await pepper(app))
    .update(`${poolId}\n${purpose}\n${subject}\n${code}`)
    .digest('hex');
}

/** Makes a new code for (pool, purpose, subject), replacing any earlier one; returns the plaintext once. */
export async function issueCode(app: App, poolId: string, purpose: CodeRecord['purpose'], subject: string, ttlMs: number): Promise<string> {
  const code = newNumericCode(6);
  await app.store.codes.put({
    poolId,
    purpose,
    subject,
    codeHash: await hashCode(app, poolId, purpose, subject, code),
    expiresAt: app.now() + ttlMs,
    attempts: 0,
  });
  return code;
}

/**
 * Checks a presented code and consumes it when it matches. Every guess first takes one of the user's
 * attempts for this purpose (LIMITS.wrongCodes, across all codes issued in the window, in the store), so
 * asking for fresh codes buys no fresh guesses. A wrong code also counts against the code itself
 * (CodeMismatchException); a right but stale one is ExpiredCodeException; past either limit every guess is
 * LimitExceededException.
 */
export async function consumeCode(
  app: App,
  poolId: string,
  purpose: CodeRecord['purpose'],
  subject: string,
  presented: string,
): Promise<void> {
  const guessKey = limitKeys.wrongCode(poolId, purpose, subject);
  await requireAttempt(app, guessKey, LIMITS.wrongCodes);
  const rec = await app.store.codes.get(poolId, purpose, subject);
  if (!rec) throw new CodeMismatchException(CODE_MISMATCH);
  if (rec.attempts >= MAX_CODE_ATTEMPTS) throw new LimitExceededException(ATTEMPTS_EXCEEDED);
  const want = Buffer.from(rec.codeHash, 'hex');
  const got = Buffer.from(await hashCode(app, poolId, purpose, subject, presented), 'hex');
  if (want.length !== got.length || !timingSafeEqual(want, got)) {
    await app.store.codes.recordFailure(poolId, purpose, subject);
    throw new CodeMismatchException(CODE_MISMATCH);
  }
  if (rec.expiresAt <= app.now()) throw new ExpiredCodeException(CODE_EXPIRED);
  // Single use: only the request that removes the row wins.
  if (!(await app.store.codes.consume(poolId, purpose, subject))) throw new CodeMismatchException(CODE_MISMATCH);
  await clearAttempts(app, guessKey);
}
