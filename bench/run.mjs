#!/usr/bin/env node
// `npm run bench`: Cognate side by side with moto and cognito-local (and a bare node:http echo server as
// the ceiling), on loopback, on this machine, in one run. Prints the table and writes
// bench/results/<date>-<host>.{md,json} and bench/results/latest.svg. Not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { cliWallTime } from './lib/cli-time.mjs';
import { createWorld, pool, signIn, signInBody } from './lib/idp.mjs';
import { memoryAtScale } from './lib/memory.mjs';
import { measureOAuth } from './lib/oauth.mjs';
import { startPopulator } from './lib/populate-client.mjs';
import { stopAll } from './lib/procs.mjs';
import { buildRows, markdownReport, svgChart, terminalTable } from './lib/report.mjs';
import { postgresBench } from './lib/postgres-bench.mjs';
import { postgresMarkdown, postgresSvg, postgresTerminal } from './lib/postgres-report.mjs';
import { cognateSignOutLatency, peerSignOutLatency } from './lib/sign-out.mjs';
import { measureOnce, measureRounds } from './lib/throughput.mjs';
import { measureTriggers } from './lib/triggers.mjs';
import { ROOT, SCRATCH, buildSnapshot, ensureCognitoLocal, startCognate, startCognitoLocal, startEcho, startMoto } from './lib/targets.mjs';
import { crossWorkerRevocation, perWorkerCpu } from './lib/workers.mjs';

const HELP = `usage: npm run bench [-- options]

  --duration S        seconds per throughput run (default 4)
  --rounds N          interleaved rounds per throughput workload, median kept (default 3)
  --connections N     keep-alive connections of the load generator (default 32)
  --quick             a fast pass: 2 s runs, 1 round, 10 000 users / 100 000 sessions, fewer CLI runs
  --only LIST         comma-separated: getuser,initiate,revoke,oauth,triggers,signout,cli,workers,memory
  --no-peers          Cognate (and the echo ceiling) only
  --cli-inherit-env   the CLI row runs every command with this shell's environment (plus a scratch HOME,
                      test credentials and region) instead of only PATH: what a user's shell adds to
                      Node's start (e.g. NODE_EXTRA_CA_CERTS) then weighs on every command alike
  --profile           run the single-process Cognate with --cpu-prof (profiles in bench/.scratch/profiles)
  --out DIR           where results go (default bench/results)
  --render FILE.json  only re-draw the table, .md and latest.svg from an earlier run's JSON
  --postgres          instead: Cognate on PostgreSQL, 1 node and 2 nodes on one database, next to SQLite;
                      database CPU share; revocation across nodes under load (a private PostgreSQL is
                      started from the installed binaries unless --postgres-url names a server)
  --postgres-url URL  the PostgreSQL server for --postgres (a schema is made and dropped in it)
  --shared-note TEXT  a note for the results (e.g. that the machine was busy with other work)
`;

function parseArgs(argv) {
  const o = {
    durationSec: 4,
    rounds: 3,
    connections: 32,
    only: null,
    peers: true,
    profile: false,
    out: join(ROOT, 'bench', 'results'),
    scaleUsers: 100_000,
    scaleSessions: 1_000_000,
    cliRuns: 10,
    gsoReps: 4,
    gsoSizes: [1, 100, 10_000],
    staleRounds: 4,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      process.stdout.write(HELP);
      process.exit(0);
    } else if (a === '--duration') o.durationSec = Number(argv[++i]);
    else if (a === '--rounds') o.rounds = Number(argv[++i]);
    else if (a === '--connections') o.connections = Number(argv[++i]);
    else if (a === '--only') o.only = new Set(argv[++i].split(','));
    else if (a === '--no-peers') o.peers = false;
    else if (a === '--cli-inherit-env') o.cliInheritEnv = true;
    else if (a === '--profile') o.profile = true;
    else if (a === '--out') o.out = argv[++i];
    else if (a === '--render') o.render = argv[++i];
    else if (a === '--postgres') o.postgres = true;
    else if (a === '--postgres-url') o.postgresUrl = argv[++i];
    else if (a === '--shared-note') o.sharedNote = argv[++i];
    else if (a === '--quick')
      Object.assign(o, {
        durationSec: 2,
        rounds: 1,
        scaleUsers: 10_000,
        scaleSessions: 100_000,
        cliRuns: 4,
        gsoReps: 2,
        gsoSizes: [1, 100, 1000],
        staleRounds: 1,
      });
    else {
      process.stderr.write(`unknown option ${a}\n${HELP}`);
      process.exit(2);
    }
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const wants = (w) => !opts.only || opts.only.has(w);
const log = (l) => process.stderr.write(`${l}\n`);
const section = (t) => log(`\n== ${t}`);

function versionOf(cmd, args, re) {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return re.exec(out)?.[1] ?? out.trim();
  } catch (e) {
    return re.exec(String(e.stderr ?? ''))?.[1] ?? 'unknown';
  }
}

function environment() {
  const date = new Date().toISOString().slice(0, 10);
  const host = os.hostname().split('.')[0];
  let cognitoLocal = 'not installed';
  try {
    cognitoLocal = JSON.parse(readFileSync(join(SCRATCH, 'node_modules', 'cognito-local', 'package.json'), 'utf8')).version;
  } catch {}
  return {
    date,
    host,
    file: `${date}-${host}`,
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    moto: versionOf('python3', ['-c', 'import moto; print(moto.__version__)'], /([\d.]+)/),
    aws: versionOf('aws', ['--version'], /aws-cli\/(\S+)/),
    cognitoLocal,
    loadStart: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    durationSec: opts.durationSec,
    rounds: opts.rounds,
    connections: opts.connections,
  };
}

/** A pool of users signed in once each: the GetUser bodies. */
async function tokensFor(target, world) {
  return pool(world.names, 8, (n) => signIn(target.url, world.clientId, n));
}

async function main() {
  const results = { environment: environment() };
  const env = results.environment;
  rmSync(join(SCRATCH, 'tmp'), { recursive: true, force: true }); // data dirs of earlier runs
  section('build');
  buildSnapshot();
  log('  bundle built into bench/.scratch/build/dist (same build as npm run build)');

  section('start servers');
  const profileDir = join(SCRATCH, 'profiles');
  const cognate = await startCognate({ nodeArgs: opts.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [] });
  const echo = await startEcho();
  const peers = [];
  if (opts.peers) {
    try {
      peers.push(await startMoto());
    } catch (e) {
      log(`  moto unavailable: ${e.message.split('\n')[0]}`);
      results.motoError = e.message.split('\n')[0];
    }
    try {
      peers.push(await startCognitoLocal(ensureCognitoLocal(log)));
    } catch (e) {
      log(`  cognito-local unavailable: ${e.message.split('\n')[0]}`);
      results.cognitoLocalError = e.message.split('\n')[0];
    }
    env.cognitoLocal = environment().cognitoLocal;
  }
  const targets = [cognate, ...peers];
  log(`  ${targets.map((t) => `${t.name} ${t.url}`).join(', ')}, echo ${echo.url}`);

  section('set-up: a pool, an app client and 100 users on each');
  const worlds = new Map();
  for (const t of targets) worlds.set(t.name, await createWorld(t, { users: 100 }));
  const tokens = new Map();
  for (const t of targets) tokens.set(t.name, await tokensFor(t, worlds.get(t.name)));
  const load = { rounds: opts.rounds, durationSec: opts.durationSec, connections: opts.connections, log };

  if (wants('getuser')) {
    section('GetUser with a valid access token');
    const entries = [
      { key: 'echo', url: echo.url, op: 'GetUser', bodies: tokens.get('cognate').map((s) => ({ AccessToken: s.accessToken })) },
    ];
    for (const t of targets) {
      entries.push({
        key: t.name,
        url: t.url,
        op: 'GetUser',
        bodies: tokens.get(t.name).map((s) => ({ AccessToken: s.accessToken })),
        engine: t.engine,
      });
    }
    results.getUser = await measureRounds(entries, load);
    env.engine = results.getUser.cognate?.engine;
  }

  let refreshTokens = new Map();
  if (wants('initiate') || wants('revoke')) {
    section('InitiateAuth USER_PASSWORD_AUTH');
    results.initiateAuth = {};
    for (const t of targets) {
      const w = worlds.get(t.name);
      const r = await measureRounds(
        [
          {
            key: t.name,
            url: t.url,
            op: 'InitiateAuth',
            bodies: w.names.map((n) => signInBody(w.clientId, n)),
            collect: 'RefreshToken',
            engine: t.engine,
          },
        ],
        { ...load, rounds: Math.max(1, opts.rounds - 1) },
      );
      results.initiateAuth[t.name] = r[t.name];
    }
    // The refresh tokens those sign-ins produced, for RevokeToken (each revoked once).
    refreshTokens = new Map(targets.map((t) => [t.name, (results.initiateAuth[t.name].runs ?? []).flatMap((r) => r.collected ?? [])]));
    for (const rec of Object.values(results.initiateAuth)) for (const r of rec.runs ?? []) r.collected = r.collected?.length;
  }

  if (wants('revoke')) {
    section('RevokeToken, each refresh token once');
    results.revokeToken = {};
    for (const t of targets) {
      const w = worlds.get(t.name);
      const bodies = (refreshTokens.get(t.name) ?? []).slice(0, 20_000).map((tok) => ({ Token: tok, ClientId: w.clientId }));
      results.revokeToken[t.name] = await measureOnce({
        key: t.name,
        url: t.url,
        op: 'RevokeToken',
        bodies,
        connections: opts.connections,
        log,
        engine: t.engine,
      });
    }
  }

  if (wants('oauth')) {
    section('Managed login: /oauth2/token (authorization_code, client_credentials) and /oauth2/userInfo, Cognate only');
    results.oauth = {
      cognate: await measureOAuth(cognate, {
        durationSec: opts.durationSec,
        connections: opts.connections,
        codeCount: opts.durationSec >= 3 ? 20_000 : 3_000,
        log,
      }),
    };
  }

  if (wants('triggers')) {
    section('InitiateAuth with a PreTokenGeneration trigger vs without, Cognate only');
    results.triggers = { cognate: await measureTriggers(opts, log) };
  }

  if (wants('signout')) {
    section('GlobalSignOut latency as live sessions grow');
    const populator = startPopulator();
    await populator.send({ op: 'open', file: join(cognate.dataDir, 'cognate.db') });
    results.globalSignOut = {
      cognate: await cognateSignOutLatency(cognate, populator, { sizes: [1, 100, 10_000], users: 5, reps: opts.gsoReps, log }),
    };
    await populator.send({ op: 'close' });
    await populator.close();
    for (const p of peers) {
      results.globalSignOut[p.name] = await peerSignOutLatency(p, {
        sizes: opts.durationSec >= 3 ? [1, 100, 10_000] : [1, 100],
        usersFor: (n) => (n >= 10_000 ? 1 : 3),
        budgetSec: 45,
        log,
      });
    }
  }

  if (wants('cli')) {
    section('CLI: one global-sign-out, cognate vs aws v1');
    results.cli = await cliWallTime(cognate, worlds.get('cognate'), { runs: opts.cliRuns, log, inheritEnv: opts.cliInheritEnv });
  }

  for (const p of peers) await p.stop();

  if (wants('workers')) {
    section('cognate serve --workers 2');
    const w2 = await startCognate({ workers: 2, label: 'cognate-workers' });
    const world = await createWorld(w2, { users: 100 });
    const toks = await tokensFor(w2, world);
    const bodies = toks.map((s) => ({ AccessToken: s.accessToken }));
    const measured = await perWorkerCpu(w2, () => measureRounds([{ key: 'workers 2', url: w2.url, op: 'GetUser', bodies }], load));
    const revocation = await crossWorkerRevocation(w2, world, log);
    results.workers = { getUser: measured.result['workers 2'], cores: measured.cores, revocation };
    log(`  worker CPU during GetUser load: ${measured.cores.join(' + ')} cores`);
    await w2.stop();
  }

  await cognate.stop();
  await echo.stop();

  if (wants('memory')) {
    section(
      `resident memory with ${opts.scaleUsers.toLocaleString('en-US')} users and ${opts.scaleSessions.toLocaleString('en-US')} sessions`,
    );
    results.memory = await memoryAtScale({
      users: opts.scaleUsers,
      sessions: opts.scaleSessions,
      durationSec: opts.durationSec,
      connections: opts.connections,
      log,
    });
  }

  env.loadEnd = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  env.engine ??= 'autocannon';
  write(results);
}

/** The table, the .md/.json record and the chart. */
function write(results) {
  const env = results.environment;
  const rows = buildRows(results);
  results.table = rows;
  mkdirSync(opts.out, { recursive: true });
  writeFileSync(join(opts.out, `${env.file}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(opts.out, `${env.file}.md`), markdownReport(results, rows));
  writeFileSync(join(opts.out, 'latest.svg'), svgChart(results));
  section('results');
  process.stdout.write(`${terminalTable(rows)}\n`);
  log(`\nwrote ${join(opts.out, `${env.file}.md`)}, .json and latest.svg`);
}

/** The --postgres run's record, table and chart. */
function writePostgres(results) {
  const env = results.environment;
  mkdirSync(opts.out, { recursive: true });
  const file = `${env.file}-postgres`;
  writeFileSync(join(opts.out, `${file}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(opts.out, `${file}.md`), postgresMarkdown(results));
  writeFileSync(join(opts.out, 'postgres.svg'), postgresSvg(results));
  section('results');
  process.stdout.write(`${postgresTerminal(results)}\n`);
  log(`\nwrote ${join(opts.out, `${file}.md`)}, .json and postgres.svg`);
}

/** `--postgres`: the multi-node run, written to <date>-<host>-postgres.{md,json} and postgres.svg. */
async function postgresMain() {
  const env = environment();
  rmSync(join(SCRATCH, 'tmp'), { recursive: true, force: true });
  section('build');
  buildSnapshot();
  env.command = `npm run bench -- ${process.argv.slice(2).join(' ')}`;
  if (opts.sharedNote) env.shared = opts.sharedNote;
  const results = { environment: env, ...(await postgresBench(opts, log, section)) };
  env.loadEnd = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  writePostgres(results);
}

const t0 = Date.now();
try {
  if (opts.render) {
    const earlier = JSON.parse(readFileSync(opts.render, 'utf8'));
    if (earlier.postgres) writePostgres(earlier);
    else write(earlier);
  } else if (opts.postgres) await postgresMain();
  else await main();
  log(`bench finished in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
} catch (e) {
  log(`\nbench failed: ${e?.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
