// `npm run bench -- --postgres`: Cognate on PostgreSQL with one node and with two nodes on the same
// database (the load split over both), next to Cognate on SQLite in the same run; CPU of the nodes and
// of the database server per workload; GlobalSignOut latency by live sessions; and revocation under
// load across nodes (stale acceptances after an acknowledged sign-out). The database is a private
// PostgreSQL started for the run (nobody else's work in its CPU figures), or --postgres-url's.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { startPrivatePostgres } from '../../scripts/private-postgres.mjs';
import { cpuMeter } from './cpu.mjs';
import { createWorld, pool, signIn, signInBody } from './idp.mjs';
import { runLoad } from './load.mjs';
import { startPopulator } from './populate-client.mjs';
import { cognateSignOutLatency } from './sign-out.mjs';
import { staleAcceptances } from './stale.mjs';
import { median } from './throughput.mjs';
import { startCognate } from './targets.mjs';

const PUBLIC_URL = 'http://cognate-bench.invalid';
const SCOPE = 'aws.cognito.signin.user.admin';

/** Writes N-1 live sessions for a user straight into PostgreSQL (as the SQLite populator does through the store). */
function pgPopulator(db) {
  return {
    async send(cmd) {
      if (cmd.op !== 'grants') throw new Error(`pgPopulator: unknown op ${cmd.op}`);
      const now = Date.now();
      const r = await db.query(
        `INSERT INTO grants (id, pool_id, client_id, sub, generation, refresh_hash, scope, auth_time, created_at, expires_at)
         SELECT gen_random_uuid()::text, u.pool_id, $3, u.sub, u.generation, md5(random()::text || g::text), $5, $4, $4, $4 + 2592000000
         FROM users u, generate_series(1, $6) g WHERE u.pool_id = $1 AND u.username_key = $2`,
        [cmd.poolId, cmd.username.toLowerCase(), cmd.clientId, now, SCOPE, cmd.count],
      );
      return { inserted: r.rowCount };
    },
  };
}

/**
 * One measurement of a configuration: a load generator per node, run together, connections split
 * evenly; CPU of the nodes and of the database over the run. Returns summed rps and the worse p50/p99.
 */
async function measure(cfg, { op, bodiesFor, durationSec, connections, unique = false, collect }) {
  const share = Math.max(1, Math.floor(connections / cfg.nodes.length));
  const nodesCpu = cpuMeter(cfg.nodes.map((n) => n.pid));
  const dbCpu = cfg.dbPid ? cpuMeter([cfg.dbPid]) : undefined;
  const t0 = performance.now();
  const runs = await Promise.all(
    cfg.nodes.map((n, i) =>
      runLoad({ url: n.url, op, bodies: bodiesFor(i, cfg.nodes.length), connections: share, durationSec, unique, collect }),
    ),
  );
  const wall = (performance.now() - t0) / 1000;
  const nodeSec = nodesCpu.stop();
  const dbSec = dbCpu?.stop() ?? 0;
  return {
    rps: runs.reduce((a, r) => a + r.rps, 0),
    p50: Math.max(...runs.map((r) => r.latencyMs.p50)),
    p99: Math.max(...runs.map((r) => r.latencyMs.p99)),
    requests: runs.reduce((a, r) => a + r.requests, 0),
    non2xx: runs.reduce((a, r) => a + r.non2xx + r.errors, 0),
    nodeCores: nodeSec / wall,
    dbCores: dbSec / wall,
    dbShare: dbSec / (dbSec + nodeSec || 1),
    collected: collect ? runs.flatMap((r) => r.collected ?? []) : undefined,
  };
}

function summarise(runs) {
  const m = (k) => median(runs.map((r) => r[k]));
  return {
    rps: m('rps'),
    p50: m('p50'),
    p99: m('p99'),
    nodeCores: m('nodeCores'),
    dbCores: m('dbCores'),
    dbShare: m('dbShare'),
    requests: runs.reduce((a, r) => a + r.requests, 0),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    rounds: runs.length,
  };
}

/** Interleaved rounds over the configurations (drift on a busy machine hits them alike), medians kept. */
async function rounds(configs, spec, n, log) {
  const runs = new Map(configs.map((c) => [c.key, []]));
  for (let round = 0; round < n; round++) {
    for (const c of configs) {
      const r = await measure(c, { ...spec, bodiesFor: (i, k) => spec.bodies(c, i, k) });
      runs.get(c.key).push(r);
      log(
        `  ${c.key} ${spec.op} round ${round + 1}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, nodes ${r.nodeCores.toFixed(2)} cores, database ${r.dbCores.toFixed(2)} cores (${(r.dbShare * 100).toFixed(0)}% of the CPU), non-2xx ${r.non2xx}`,
      );
    }
  }
  const out = {};
  for (const c of configs) out[c.key] = { ...summarise(runs.get(c.key)), collected: runs.get(c.key).flatMap((r) => r.collected ?? []) };
  return out;
}

/** Every `k`-th body starting at `i`: each node gets its own share of the users (or tokens). */
const slice = (xs, i, k) => xs.filter((_, j) => j % k === i);

export async function postgresBench(opts, log, section) {
  const results = {};
  section('PostgreSQL');
  const owned = opts.postgresUrl ? undefined : await startPrivatePostgres();
  const base = opts.postgresUrl ?? owned.url;
  const schema = `cognate_bench_${process.pid}`;
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const version = (await admin.query('SHOW server_version')).rows[0].server_version;
    results.postgres = {
      version,
      private: Boolean(owned),
      synchronousCommit: (await admin.query('SHOW synchronous_commit')).rows[0].synchronous_commit,
    };
    log(`  PostgreSQL ${version} ${owned ? `(private, port ${owned.port})` : base}; schema ${schema}`);
    const env = { COGNATE_MASTER_KEY: randomBytes(32).toString('base64') };
    const pgArgs = ['--database', url.toString(), '--public-url', PUBLIC_URL];
    const sqlite = await startCognate({ label: 'sqlite' });
    const a = await startCognate({ label: 'pg-a', args: pgArgs, env });
    const b = await startCognate({ label: 'pg-b', args: pgArgs, env });
    const dbPid = owned?.pid();
    const configs = [
      { key: 'sqlite', nodes: [sqlite] },
      { key: 'postgres 1 node', nodes: [a], dbPid },
      { key: 'postgres 2 nodes', nodes: [a, b], dbPid },
    ];

    section('set-up: a pool, an app client and 100 users on each store');
    const worlds = { sqlite: await createWorld(sqlite, { users: 100 }), postgres: await createWorld(a, { users: 100 }) };
    const worldOf = (c) => (c.key === 'sqlite' ? worlds.sqlite : worlds.postgres);
    const tokens = {
      sqlite: await pool(worlds.sqlite.names, 8, (n) => signIn(sqlite.url, worlds.sqlite.clientId, n)),
      postgres: await pool(worlds.postgres.names, 8, (n) => signIn(a.url, worlds.postgres.clientId, n)),
    };
    const load = { durationSec: opts.durationSec, connections: opts.connections };

    section('GetUser with a valid access token');
    results.getUser = await rounds(
      configs,
      {
        ...load,
        op: 'GetUser',
        bodies: (c, i, k) => slice(tokens[c.key === 'sqlite' ? 'sqlite' : 'postgres'], i, k).map((s) => ({ AccessToken: s.accessToken })),
      },
      opts.rounds,
      log,
    );

    section('InitiateAuth USER_PASSWORD_AUTH');
    results.initiateAuth = await rounds(
      configs,
      {
        ...load,
        op: 'InitiateAuth',
        collect: 'RefreshToken',
        bodies: (c, i, k) => slice(worldOf(c).names, i, k).map((n) => signInBody(worldOf(c).clientId, n)),
      },
      Math.max(1, opts.rounds - 1),
      log,
    );

    section('RevokeToken, each refresh token once');
    results.revokeToken = {};
    for (const c of configs) {
      const toks = results.initiateAuth[c.key].collected.slice(0, 20_000);
      const w = worldOf(c);
      const r = await measure(c, {
        op: 'RevokeToken',
        unique: true,
        connections: opts.connections,
        bodiesFor: (i, k) => slice(toks, i, k).map((t) => ({ Token: t, ClientId: w.clientId })),
      });
      results.revokeToken[c.key] = { ...r, collected: undefined };
      log(
        `  ${c.key} RevokeToken: ${Math.round(r.rps)} req/s over ${r.requests} distinct tokens, p50 ${r.p50} ms, database ${(r.dbShare * 100).toFixed(0)}% of the CPU, non-2xx ${r.non2xx}`,
      );
    }
    for (const rec of Object.values(results.initiateAuth)) rec.collected = undefined;

    section('GlobalSignOut latency by live sessions');
    const gso = { sizes: opts.gsoSizes, users: 5, reps: opts.gsoReps, log };
    const populator = startPopulator();
    await populator.send({ op: 'open', file: join(sqlite.dataDir, 'cognate.db') });
    results.globalSignOut = { sqlite: await cognateSignOutLatency(sqlite, populator, gso) };
    await populator.send({ op: 'close' });
    await populator.close();
    const db = new pg.Client({ connectionString: base, options: `-c search_path=${schema}` });
    await db.connect();
    try {
      results.globalSignOut['postgres 1 node'] = await cognateSignOutLatency({ ...a, name: 'postgres 1 node' }, pgPopulator(db), gso);
      results.globalSignOut['postgres 2 nodes'] = await cognateSignOutLatency({ ...a, name: 'postgres 2 nodes' }, pgPopulator(db), {
        ...gso,
        otherUrl: b.url,
      });
    } finally {
      await db.end();
    }

    section('revocation under load: sign-outs on node A while node B serves the same tokens');
    const staleWorld = await createWorld(a, { users: 100, prefix: 'stale' });
    results.revocationUnderLoad = await staleAcceptances({ a, b, world: staleWorld, rounds: opts.staleRounds, log });
    const s = results.revocationUnderLoad;
    log(
      `  ${s.signOuts} sign-outs on A; B answered ${s.getUserOnB} GetUser; ${s.staleAcceptances} accepted after the acknowledged sign-out`,
    );

    for (const n of [sqlite, a, b]) await n.stop();
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await admin.end();
    owned?.destroy();
  }
  return results;
}
