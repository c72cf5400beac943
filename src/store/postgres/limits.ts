/**
 * PostgreSQL implementation of the attempt-limit counters and sign-in brakes: one INSERT … ON CONFLICT …
 * RETURNING per attempt (concurrent upserts of one key wait for each other's row lock and see its result).
 */
import type { BrakeClaim, LimitHit, LimitRepo } from '../port-limits.ts';
import type { Db } from './db.ts';

// claim's parameters: $1 key, $2 now, $3 reset time, $4 lockFrom, $5 firstLockMs, $6 maxLockMs.
/** The lock (ms) an attempt numbered `n` (an SQL expression) earns under the rule's parameters. */
const lockFor = (n: string) =>
  `CASE WHEN ${n} < $4::int THEN 0::bigint ELSE LEAST($6::bigint, $5::bigint << LEAST(${n} - $4::int, 40)) END`;
/** The locked_until an attempt numbered `n` leaves: 0 when it earns no lock (see the SQLite adapter). */
const lockUntil = (n: string) => `CASE WHEN ${n} < $4::int THEN 0::bigint ELSE $2::bigint + ${lockFor(n)} END`;
const LOCKED = 'attempt_limits.locked_until > $2::bigint';
/** The number of the next counted attempt: a key idle past its reset time starts over. */
const NEXT = 'CASE WHEN attempt_limits.reset_at <= $2::bigint THEN 1 ELSE attempt_limits.count + 1 END';

export function createPostgresLimitRepo(db: Db): LimitRepo {
  return {
    async hit(key, windowMs, now): Promise<LimitHit> {
      const r = await db.row(
        `INSERT INTO attempt_limits (key, count, reset_at) VALUES ($1, 1, $3)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN attempt_limits.reset_at <= $2 THEN 1 ELSE attempt_limits.count + 1 END,
           reset_at = CASE WHEN attempt_limits.reset_at <= $2 THEN $3 ELSE attempt_limits.reset_at END
         RETURNING count, reset_at`,
        [key, now, now + windowMs],
      );
      return { count: Number(r?.count), resetAt: Number(r?.reset_at) };
    },
    async peek(key, now) {
      const r = await db.row('SELECT count FROM attempt_limits WHERE key = $1 AND reset_at > $2', [key, now]);
      return Number(r?.count ?? 0);
    },
    async claim(key, rule, now): Promise<BrakeClaim> {
      // Every SET expression reads the row as it was before this statement.
      const r = await db.row(
        `INSERT INTO attempt_limits (key, count, reset_at, locked_until, refused)
         VALUES ($1, 1, $3::bigint, ${lockUntil('1')}, 0)
         ON CONFLICT (key) DO UPDATE SET
           refused = CASE WHEN ${LOCKED} THEN 1 ELSE 0 END,
           count = CASE WHEN ${LOCKED} THEN attempt_limits.count ELSE ${NEXT} END,
           locked_until = CASE WHEN ${LOCKED} THEN attempt_limits.locked_until ELSE ${lockUntil(NEXT)} END,
           reset_at = $3::bigint
         RETURNING count, locked_until, refused`,
        [key, now, now + rule.idleMs, rule.lockFrom, rule.firstLockMs, rule.maxLockMs],
      );
      return { allowed: Number(r?.refused) === 0, count: Number(r?.count), lockedUntil: Number(r?.locked_until) };
    },
    async lockedUntil(key, now) {
      const r = await db.row('SELECT locked_until FROM attempt_limits WHERE key = $1 AND locked_until > $2', [key, now]);
      return Number(r?.locked_until ?? 0);
    },
    async clear(key) {
      await db.run('DELETE FROM attempt_limits WHERE key = $1', [key]);
    },
    async purge(now) {
      return db.run('DELETE FROM attempt_limits WHERE reset_at <= $1', [now]);
    },
  };
}
