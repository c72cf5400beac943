/** SQLite implementation of the attempt-limit counters: one UPSERT … RETURNING per hit. */
import type { LimitHit, LimitRepo } from '../port-limits.ts';
import type { SqliteDb } from './index.ts';

export function createLimitRepo(db: SqliteDb): LimitRepo {
  const hit = db.prepare(
    `INSERT INTO attempt_limits (key, count, reset_at) VALUES (@key, 1, @resetAt)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN attempt_limits.reset_at <= @now THEN 1 ELSE attempt_limits.count + 1 END,
       reset_at = CASE WHEN attempt_limits.reset_at <= @now THEN @resetAt ELSE attempt_limits.reset_at END
     RETURNING count, reset_at`,
  );
  const peek = db.prepare('SELECT count FROM attempt_limits WHERE key = ? AND reset_at > ?');
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
    async clear(key) {
      clear.run(key);
    },
    async purge(now) {
      return purge.run(now).changes;
    },
  };
}
