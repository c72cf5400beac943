// `cognate serve --workers 2`: per-worker CPU use under GetUser load, and revocation exact across
// workers — a token signed out through one worker is refused by the other. Which worker serves a
// connection is read from /proc (the socket's inode in the worker's file descriptors), not guessed.
import http from 'node:http';
import { TARGET_PREFIX, signIn } from './idp.mjs';
import { childPids, cpuSecondsOf, ownerOfConnection } from './procs.mjs';

/** A single keep-alive connection, so consecutive calls stay on the same server process. */
function connection(url) {
  const u = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let localPort;
  return {
    get localPort() {
      return localPort;
    },
    call(op, input) {
      const payload = JSON.stringify(input);
      return new Promise((resolve, reject) => {
        const req = http.request(
          {
            agent,
            host: u.hostname,
            port: u.port,
            path: '/',
            method: 'POST',
            headers: {
              'content-type': 'application/x-amz-json-1.1',
              'x-amz-target': `${TARGET_PREFIX}.${op}`,
              'content-length': Buffer.byteLength(payload),
            },
          },
          (res) => {
            localPort = res.socket.localPort;
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : {} }));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** Opens connections until two are served by different workers; returns them with their pids. */
async function twoWorkers(target, workerPids, token) {
  const byPid = new Map();
  const spare = [];
  for (let i = 0; i < 40 && byPid.size < 2; i++) {
    const c = connection(target.url);
    await c.call('GetUser', { AccessToken: token });
    const pid = ownerOfConnection(workerPids, c.localPort);
    if (pid !== undefined && !byPid.has(pid)) byPid.set(pid, c);
    else spare.push(c);
  }
  for (const c of spare) c.close();
  if (byPid.size < 2) throw new Error('could not reach two different workers');
  return [...byPid.entries()].map(([pid, c]) => ({ pid, c }));
}

/** Revocation across workers: GlobalSignOut and RevokeToken through A, then GetUser/refresh through B. */
export async function crossWorkerRevocation(target, world, log) {
  const workerPids = childPids(target.pid);
  const checks = [];
  {
    const s = await signIn(target.url, world.clientId, world.names[0]);
    const [a, b] = await twoWorkers(target, workerPids, s.accessToken);
    const before = await b.c.call('GetUser', { AccessToken: s.accessToken });
    const out = await a.c.call('GlobalSignOut', { AccessToken: s.accessToken });
    const after = await b.c.call('GetUser', { AccessToken: s.accessToken });
    checks.push({
      what: `GlobalSignOut via worker ${a.pid}, GetUser via worker ${b.pid}`,
      ok: before.status === 200 && out.status === 200 && after.status === 400 && after.body.message === 'Access Token has been revoked',
      detail: `${before.status} → sign-out ${out.status} → ${after.status} ${after.body.message ?? ''}`,
    });
    a.c.close();
    b.c.close();
  }
  {
    const s = await signIn(target.url, world.clientId, world.names[1]);
    const [a, b] = await twoWorkers(target, workerPids, s.accessToken);
    const out = await a.c.call('RevokeToken', { Token: s.refreshToken, ClientId: world.clientId });
    const after = await b.c.call('GetUser', { AccessToken: s.accessToken });
    const refresh = await b.c.call('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: world.clientId,
      AuthParameters: { REFRESH_TOKEN: s.refreshToken },
    });
    checks.push({
      what: `RevokeToken via worker ${a.pid}, GetUser and refresh via worker ${b.pid}`,
      ok: out.status === 200 && after.status === 400 && refresh.status === 400 && refresh.body.message === 'Refresh Token has been revoked',
      detail: `revoke ${out.status} → GetUser ${after.status} ${after.body.message ?? ''}; refresh ${refresh.status} ${refresh.body.message ?? ''}`,
    });
    a.c.close();
    b.c.close();
  }
  for (const c of checks) log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.what}: ${c.detail}`);
  return { workers: workerPids.length, exact: checks.every((c) => c.ok), checks };
}

/** CPU each worker used while `work` ran, as a share of one core. */
export async function perWorkerCpu(target, work) {
  const pids = childPids(target.pid);
  const before = pids.map(cpuSecondsOf);
  const t0 = performance.now();
  const result = await work();
  const wall = (performance.now() - t0) / 1000;
  const used = pids.map((p, i) => (cpuSecondsOf(p) - (before[i] ?? 0)) / wall);
  return { result, cores: used.map((u) => Math.round(u * 100) / 100), pids };
}
