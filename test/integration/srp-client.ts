/**
 * A hand-driven USER_SRP_AUTH client for the negative tests, built on amazon-cognito-identity-js's own
 * AuthenticationHelper (so the math is the real client's, not the server's), with the SDK v3 for the wire.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import * as cognitoJs from 'amazon-cognito-identity-js';

const require = createRequire(import.meta.url);
type Big = { toString(radix: number): string };
const BigInteger = (require('amazon-cognito-identity-js/lib/BigInteger.js') as { default: new (s: string, radix: number) => Big }).default;

/** The library exports its SRP helper and date helper, but its type declarations do not list them. */
export const untyped = cognitoJs as unknown as {
  AuthenticationHelper: new (poolName: string) => Helper;
  DateHelper: new () => { getNowString(): string };
};

interface Helper {
  getLargeAValue(cb: (err: Error | null, A: Big) => void): void;
  getPasswordAuthenticationKey(user: string, password: string, B: Big, salt: Big, cb: (err: Error | null, key: Uint8Array) => void): void;
}

/** One client-side SRP attempt: its A, and how to answer the server's challenge. */
export class SrpAttempt {
  private readonly helper: Helper;
  constructor(readonly poolId: string) {
    this.helper = new untyped.AuthenticationHelper(this.poolName);
  }
  get poolName(): string {
    return this.poolId.split('_')[1] ?? '';
  }
  srpA(): Promise<string> {
    return new Promise((resolve, reject) => this.helper.getLargeAValue((e, A) => (e ? reject(e) : resolve(A.toString(16)))));
  }
  /** The ChallengeResponses for PASSWORD_VERIFIER, signed with `password` at `timestamp`. */
  async answer(params: Record<string, string>, password: string, timestamp: string, userId = params.USER_ID_FOR_SRP as string) {
    const key = await new Promise<Uint8Array>((resolve, reject) =>
      this.helper.getPasswordAuthenticationKey(
        userId,
        password,
        new BigInteger(params.SRP_B as string, 16),
        new BigInteger(params.SALT as string, 16),
        (e, k) => (e ? reject(e) : resolve(k)),
      ),
    );
    const signature = createHmac('sha256', Buffer.from(key))
      .update(
        Buffer.concat([
          Buffer.from(this.poolName, 'utf8'),
          Buffer.from(userId, 'utf8'),
          Buffer.from(params.SECRET_BLOCK as string, 'base64'),
          Buffer.from(timestamp, 'utf8'),
        ]),
      )
      .digest('base64');
    return {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK as string,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: signature,
    };
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The TIMESTAMP as the Cognito clients write it (DateHelper.getNowString), for any instant. */
export function srpTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
