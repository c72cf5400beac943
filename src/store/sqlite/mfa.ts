/** SQLite implementation of the sign-in factor repository. */
import type { MfaRepo } from '../port-mfa.ts';
import type { SqliteDb } from './index.ts';

export function createMfaRepo(db: SqliteDb): MfaRepo {
  // The upsert only writes when the step moves forward; `changes` tells whether this call won.
  const claim = db.prepare(
    `INSERT INTO totp_steps (pool_id, sub, last_step) VALUES (?, ?, ?)
     ON CONFLICT (pool_id, sub) DO UPDATE SET last_step = excluded.last_step WHERE totp_steps.last_step < excluded.last_step`,
  );
  return {
    async claimTotpStep(poolId, sub, step) {
      return claim.run(poolId, sub, step).changes === 1;
    },
  };
}
