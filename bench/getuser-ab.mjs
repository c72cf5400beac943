#!/usr/bin/env node
// GetUser alone, A/B: the echo ceiling and one or more Cognate bundles (e.g. a saved baseline and the
// current tree) measured in interleaved rounds on the same machine, medians reported.
//   node bench/getuser-ab.mjs [--rounds N] [--duration S] [--profile] [--bundle NAME=path/to/dist/cognate.js ...]
// Without --bundle, the current tree is built (bench/.scratch/build) and measured as "current".
import { join } from 'node:path';
import { createWorld, pool, signIn } from './lib/idp.mjs';
import { cpuSecondsOf, freePort, startProcess, stopAll, waitReady } from './lib/procs.mjs';
import { measureRounds } from './lib/throughput.mjs';
import { ROOT_KEYS, SCRATCH, buildSnapshot, startEcho, tempDir } from './lib/targets.mjs';

const args = process.argv.slice(2);
const opt = { rounds: 3, durationSec: 4, connections: 32, profile: false, bundles: [] };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--rounds') opt.rounds = Number(args[++i]);
  else if (a === '--duration') opt.durationSec = Number(args[++i]);
  else if (a === '--profile') opt.profile = true;
  else if (a === '--bundle') {
    const [name, path] = args[++i].split('=');
    opt.bundles.push({ name, path });
  } else throw new Error(`unknown option ${a}`);
}
const log = (l) => process.stderr.write(`${l}\n`);
if (opt.bundles.length === 0) opt.bundles.push({ name: 'current', path: buildSnapshot() });

async function startBundle({ name, path }) {
  const port = await freePort();
  const dataDir = tempDir(name);
  const nodeArgs = opt.profile ? ['--cpu-prof', '--cpu-prof-dir', join(SCRATCH, 'profiles', name)] : [];
  const proc = startProcess(name, process.execPath, [...nodeArgs, path, 'serve', '--port', String(port), '--data-dir', dataDir], {
    env: {
      ...process.env,
      COGNATE_ROOT_ACCESS_KEY_ID: ROOT_KEYS.accessKeyId,
      COGNATE_ROOT_SECRET_ACCESS_KEY: ROOT_KEYS.secretAccessKey,
      NODE_NO_WARNINGS: '1',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, async () => (await fetch(`${url}/health`)).status < 500);
  return { name, url, credentials: ROOT_KEYS, proc };
}

try {
  const echo = await startEcho();
  const targets = [];
  for (const b of opt.bundles) targets.push(await startBundle(b));
  const entries = [];
  for (const t of targets) {
    const world = await createWorld(t, { users: 100 });
    const toks = await pool(world.names, 8, (n) => signIn(t.url, world.clientId, n));
    entries.push({ key: t.name, url: t.url, op: 'GetUser', bodies: toks.map((s) => ({ AccessToken: s.accessToken })) });
  }
  entries.unshift({ key: 'echo', url: echo.url, op: 'GetUser', bodies: entries[0].bodies });
  // Server CPU per request is steadier than req/s on a shared machine: it is read from /proc around the runs.
  const pids = { echo: echo.pid, ...Object.fromEntries(targets.map((t) => [t.name, t.proc.pid])) };
  const cpu0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSecondsOf(pid)]));
  const out = await measureRounds(entries, { ...opt, log });
  const echoRps = out.echo.rps;
  for (const e of entries) {
    const r = out[e.key];
    const cpuUs = ((cpuSecondsOf(pids[e.key]) - cpu0[e.key]) * 1e6) / r.requests;
    log(
      `${e.key.padEnd(10)} median ${Math.round(r.rps)} req/s  (${Math.round((100 * r.rps) / echoRps)}% of echo)  p50 ${r.p50} ms  non-2xx ${r.non2xx}  server CPU ${cpuUs.toFixed(1)} µs/request`,
    );
  }
  for (const t of targets) await t.proc.stop();
  await echo.stop();
} finally {
  await stopAll();
}
