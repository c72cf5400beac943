/**
 * Writes bench data through Cognate's own store code (run with tsx, in its own process, beside a running
 * server: SQLite WAL lets both open the file). Speaks JSON lines on stdin/stdout:
 *   {"op":"open","file":…}                                            → {"ok":true}
 *   {"op":"grants","poolId","clientId","username","count"}            → {"inserted":n}  (live sessions at
 *                                                                        the user's current generation)
 *   {"op":"bulk","poolId","clientId","template","users","grantsPerUser"} → {"users":n,"grants":m}
 *   {"op":"close"}
 */
import { createInterface } from 'node:readline';
import { uuid } from '../../src/domain/ids.ts';
import { ADMIN_SCOPE, makeRefreshToken } from '../../src/domain/tokens.ts';
import type { GrantRecord, UserRecord } from '../../src/domain/types.ts';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';

type Store = ReturnType<typeof openSqliteStore>;
type Command = Record<string, unknown> & { op: string };

const DAY_MS = 86_400_000;
const BATCH = 20_000;
let store: Store | undefined;

function opened(): Store {
  if (!store) throw new Error('open a store first');
  return store;
}

function grantFor(user: UserRecord, clientId: string, now: number): GrantRecord {
  const id = uuid();
  return {
    id,
    poolId: user.poolId,
    clientId,
    sub: user.sub,
    generation: user.generation,
    refreshHash: makeRefreshToken(id).hash,
    scope: ADMIN_SCOPE,
    authTime: now,
    createdAt: now,
    expiresAt: now + 30 * DAY_MS,
  };
}

/** Runs `fill` inside explicit transactions of BATCH writes each (one commit per batch, not per row). */
async function batched(count: number, write: (i: number) => Promise<unknown>): Promise<void> {
  const s = opened();
  for (let start = 0; start < count; start += BATCH) {
    s.db.exec('BEGIN IMMEDIATE');
    try {
      for (let i = start; i < Math.min(count, start + BATCH); i++) await write(i);
      s.db.exec('COMMIT');
    } catch (e) {
      s.db.exec('ROLLBACK');
      throw e;
    }
  }
}

async function user(poolId: string, username: string): Promise<UserRecord> {
  const u = await opened().users.getByKey(poolId, username.toLowerCase());
  if (!u) throw new Error(`no user ${username} in ${poolId}`);
  return u;
}

async function handle(cmd: Command): Promise<unknown> {
  switch (cmd.op) {
    case 'open':
      store = openSqliteStore({ file: String(cmd.file), synchronous: 'NORMAL' });
      // A large page cache for this connection only: bulk inserts into random-keyed B-trees.
      store.db.pragma('cache_size = -1000000');
      return { ok: true };
    case 'grants': {
      const u = await user(String(cmd.poolId), String(cmd.username));
      const now = Date.now();
      const count = Number(cmd.count);
      await batched(count, (_i) => opened().grants.insert(grantFor(u, String(cmd.clientId), now)));
      // Fold the bulk write into the database now, so that the server's next commit is not the one that
      // checkpoints it (sessions made by real sign-ins over time would not arrive as one burst).
      opened().db.pragma('wal_checkpoint(TRUNCATE)');
      return { inserted: count };
    }
    case 'bulk': {
      // Users cloned from a real one (same attribute set and a verifier of the real size), each with
      // its own name and sub; then grantsPerUser live sessions each.
      const template = await user(String(cmd.poolId), String(cmd.template));
      const users = Number(cmd.users);
      const per = Number(cmd.grantsPerUser);
      const now = Date.now();
      const subs: UserRecord[] = [];
      await batched(users, async (i) => {
        const name = `bulk-${String(i).padStart(7, '0')}`;
        const sub = uuid();
        const u: UserRecord = {
          ...template,
          username: name,
          usernameKey: name,
          sub,
          attributes: template.attributes.map((a) =>
            a.Name === 'sub' ? { Name: 'sub', Value: sub } : a.Name === 'email' ? { Name: 'email', Value: `${name}@example.com` } : a,
          ),
          createdAt: now,
          lastModifiedAt: now,
        };
        await opened().users.insert(u);
        subs.push(u);
      });
      // Each batch is written in key order, which keeps the B-tree inserts local.
      let batch: GrantRecord[] = [];
      await batched(users * per, (i) => {
        if (i % BATCH === 0) {
          batch = [];
          for (let j = i; j < Math.min(users * per, i + BATCH); j++)
            batch.push(grantFor(subs[Math.floor(j / per)] as UserRecord, String(cmd.clientId), now));
          batch.sort((a, b) => (a.id < b.id ? -1 : 1));
        }
        return opened().grants.insert(batch[i % BATCH] as GrantRecord);
      });
      return { users, grants: users * per };
    }
    case 'close':
      await store?.close();
      store = undefined;
      return { ok: true };
    default:
      throw new Error(`unknown op ${cmd.op}`);
  }
}

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.trim()) continue;
  try {
    const out = await handle(JSON.parse(line) as Command);
    process.stdout.write(`${JSON.stringify({ ok: true, ...(out as object) })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String((e as Error)?.stack ?? e) })}\n`);
  }
}
await store?.close();
