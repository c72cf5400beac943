/** PostgreSQL implementation of the attempt-limit counters: one INSERT … ON CONFLICT … RETURNING per hit. */
import type { LimitHit, LimitRepo } from '../port-limits.ts';
import type { Db } from './db.ts';

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
    async clear(key) {
      await db.run('DELETE FROM attempt_limits WHERE key = $1', [key]);
    },
    async purge(now) {
      return db.run('DELETE FROM attempt_limits WHERE reset_at <= $1', [now]);
    },
  };
}
