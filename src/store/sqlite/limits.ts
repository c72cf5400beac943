/** SQLite implementation of the attempt-limit counters and sign-in brakes: one UPSERT … RETURNING per attempt. */
import type { BrakeClaim, LimitHit, LimitRepo } from '../port-limits.ts';
import type { SqliteDb } from './index.ts';

/** The lock (ms) an attempt numbered `n` (an SQL expression) earns under the rule's parameters. */
const lockFor = (n: string) => `CASE WHEN ${n} < @lockFrom THEN 0 ELSE MIN(@maxLockMs, @firstLockMs << MIN(${n} - @lockFrom, 40)) END`;
/**
 * The locked_until an attempt numbered `n` leaves: 0 when it earns no lock. (Not `now`: concurrent
 * attempts carry slightly different clocks, and one that started a moment earlier would find the key
 * "locked" until the other's now.)
 */
const lockUntil = (n: string) => `CASE WHEN ${n} < @lockFrom THEN 0 ELSE @now + ${lockFor(n)} END`;
const LOCKED = 'attempt_limits.locked_until > @now';
/** The number of the next counted attempt: a key idle past its reset time starts over. */
const NEXT = 'CASE WHEN attempt_limits.reset_at <= @now THEN 1 ELSE attempt_limits.count + 1 END';

export function createLimitRepo(db: SqliteDb): LimitRepo {
  const hit = db.prepare(
    `INSERT INTO attempt_limits (key, count, reset_at) VALUES (@key, 1, @resetAt)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN attempt_limits.reset_at <= @now THEN 1 ELSE attempt_limits.count + 1 END,
       reset_at = CASE WHEN attempt_limits.reset_at <= @now THEN @resetAt ELSE attempt_limits.reset_at END
     RETURNING count, reset_at`,
  );
  // Every SET expression reads the row as it was before this statement.
  const claim = db.prepare(
    `INSERT INTO attempt_limits (key, count, reset_at, locked_until, refused) VALUES (@key, 1, @resetAt, ${lockUntil('1')}, 0)
     ON CONFLICT (key) DO UPDATE SET
       refused = CASE WHEN ${LOCKED} THEN 1 ELSE 0 END,
       count = CASE WHEN ${LOCKED} THEN attempt_limits.count ELSE ${NEXT} END,
       locked_until = CASE WHEN ${LOCKED} THEN attempt_limits.locked_until ELSE ${lockUntil(NEXT)} END,
       reset_at = @resetAt
     RETURNING count, locked_until, refused`,
  );
  const peek = db.prepare('SELECT count FROM attempt_limits WHERE key = ? AND reset_at > ?');
  const lockedUntil = db.prepare('SELECT locked_until FROM attempt_limits WHERE key = ? AND locked_until > ?');
  const clear = db.prepare('DELETE FROM attempt_limits WHERE key = ?');
  const purge = db.prepare('DELETE FROM attempt_limits WHERE reset_at <= ?');
  return {
    async hit(key, windowMs, now): Promise<LimitHit> {
      const r = hit.get({ key, now, resetAt: now + windowMs }) as { count: number; reset_at: number };
      return { count: Number(r.count), resetAt: Number(r.reset_at) };
    },
    async peek(key, now) {
      return Number((peek.get(key, now) as { count: number } | undefined)?.count ?? 0);
    },
    async claim(key, rule, now): Promise<BrakeClaim> {
      const r = claim.get({
        key,
        now,
        resetAt: now + rule.idleMs,
        lockFrom: rule.lockFrom,
        firstLockMs: rule.firstLockMs,
        maxLockMs: rule.maxLockMs,
      }) as { count: number; locked_until: number; refused: number };
      return { allowed: Number(r.refused) === 0, count: Number(r.count), lockedUntil: Number(r.locked_until) };
    },
    async lockedUntil(key, now) {
      return Number((lockedUntil.get(key, now) as { locked_until: number } | undefined)?.locked_until ?? 0);
    },
    async clear(key) {
      clear.run(key);
    },
    async purge(now) {
      return purge.run(now).changes;
    },
  };
}
