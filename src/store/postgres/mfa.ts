/** PostgreSQL implementation of the sign-in factor repository. */
import type { MfaRepo } from '../port-mfa.ts';
import type { Db } from './db.ts';

export function createPostgresMfaRepo(db: Db): MfaRepo {
  return {
    async claimTotpStep(poolId, sub, step) {
      // One statement: the row lock taken by ON CONFLICT makes racing claims of one step serialise.
      const n = await db.run(
        `INSERT INTO totp_steps (pool_id, sub, last_step) VALUES ($1, $2, $3)
         ON CONFLICT (pool_id, sub) DO UPDATE SET last_step = excluded.last_step WHERE totp_steps.last_step < excluded.last_step`,
        [poolId, sub, step],
      );
      return n === 1;
    },
  };
}
