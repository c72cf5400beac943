// The CLI's wall time for one `cognito-idp global-sign-out`: `cognate` vs the installed AWS CLI v1,
// each on a fresh token every run (so every run does the real work), `cognate --version` (the CLI's
// start-up alone, no request), a bare `node -e 0` (Node's own start) and the same sign-out by a bare
// script (one-request.cjs: Node's start plus one request, the floor for any Node.js CLI), interleaved,
// median kept.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { call, signIn } from './idp.mjs';
import { cognateEntry, tempDir } from './targets.mjs';
import { median } from './throughput.mjs';

const ONE_REQUEST = join(import.meta.dirname, 'one-request.cjs');

/** Only PATH from the caller (or, with `inherit`, its whole environment), a scratch HOME, test credentials. */
function cliEnv(inherit) {
  const home = tempDir('home');
  return {
    ...(inherit ? process.env : {}),
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    NODE_NO_WARNINGS: '1',
  };
}

const COMMANDS = {
  cognate: (token, url) => [
    process.execPath,
    cognateEntry,
    'cognito-idp',
    'global-sign-out',
    '--access-token',
    token,
    '--endpoint-url',
    url,
  ],
  'aws v1': (token, url) => ['aws', 'cognito-idp', 'global-sign-out', '--access-token', token, '--endpoint-url', url],
  'cognate --version': () => [process.execPath, cognateEntry, '--version'],
  'node -e 0': () => [process.execPath, '-e', '0'],
  // The same sign-out by a bare Node.js script: what any Node.js CLI pays for starting and one request.
  'node + one request': (token, url) => [process.execPath, ONE_REQUEST, url, token],
};
/** Commands that do not sign anything out: they only have to exit 0. */
const BASELINES = new Set(['cognate --version', 'node -e 0']);

/** One timed run; ok when the CLI exited 0 and the token is refused afterwards. */
async function once(which, target, world, env, i) {
  const s = await signIn(target.url, world.clientId, world.names[i % world.names.length]);
  const [cmd, ...args] = COMMANDS[which](s.accessToken, target.url);
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 60_000 });
  const ms = performance.now() - t0;
  const after = BASELINES.has(which) ? { status: 400 } : await call(target.url, 'GetUser', { AccessToken: s.accessToken });
  const ok = r.status === 0 && after.status === 400;
  return { ms, ok, why: ok ? '' : `exit ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-1)[0]?.slice(0, 160)}` };
}

export async function cliWallTime(target, world, { runs, log, inheritEnv = false }) {
  const env = cliEnv(inheritEnv);
  const out = { env: inheritEnv ? 'inherited' : 'clean' };
  // A first run of each decides whether it works at all (the cognate CLI may not be built yet).
  const live = [];
  for (const which of Object.keys(COMMANDS)) {
    const first = await once(which, target, world, env, 0);
    if (first.ok) live.push(which);
    else {
      out[which] = { pending: first.why };
      log(`  ${which} global-sign-out does not work yet → ${first.why}`);
    }
  }
  const samples = Object.fromEntries(live.map((w) => [w, []]));
  for (let i = 1; i <= runs; i++) {
    for (const which of live) {
      const r = await once(which, target, world, env, i);
      if (!r.ok) throw new Error(`${which} global-sign-out failed on run ${i}: ${r.why}`);
      samples[which].push(r.ms);
    }
  }
  for (const which of live) {
    out[which] = { medianMs: median(samples[which]), runs: samples[which].length, minMs: Math.min(...samples[which]) };
    log(`  ${which}${BASELINES.has(which) ? '' : ' global-sign-out'}: median ${out[which].medianMs.toFixed(0)} ms over ${runs} runs`);
  }
  return out;
}
