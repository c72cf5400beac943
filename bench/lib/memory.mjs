// Resident memory at scale: a data dir with U users and S live sessions, written through Cognate's own
// store code; then a fresh `cognate serve` on it, GetUser load over real users' tokens, and VmRSS/VmHWM.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createWorld, pool, signIn } from './idp.mjs';
import { runLoad } from './load.mjs';
import { startPopulator } from './populate-client.mjs';
import { memoryOf } from './procs.mjs';
import { startCognate, tempDir } from './targets.mjs';

export async function memoryAtScale({ users, sessions, durationSec, connections, log }) {
  const dataDir = tempDir('scale');
  const real = 20;
  const perReal = 10;
  let server = await startCognate({ dataDir, label: 'cognate-scale' });
  const w = await createWorld(server, { users: real, prefix: 'real' });
  await server.stop();

  const bulkUsers = users - real;
  const bulkSessions = sessions - real * perReal;
  const perUser = Math.floor(bulkSessions / bulkUsers);
  const populator = startPopulator();
  const t0 = performance.now();
  await populator.send({ op: 'open', file: join(dataDir, 'cognate.db') });
  const bulk = await populator.send({
    op: 'bulk',
    poolId: w.poolId,
    clientId: w.clientId,
    template: w.names[0],
    users: bulkUsers,
    grantsPerUser: perUser,
  });
  // The remainder, so that the session count is exact.
  const rest = bulkSessions - bulkUsers * perUser;
  if (rest > 0) await populator.send({ op: 'grants', poolId: w.poolId, clientId: w.clientId, username: 'bulk-0000000', count: rest });
  await populator.send({ op: 'close' });
  await populator.close();
  log(`  wrote ${bulk.users} users and ${bulk.grants + rest} sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  server = await startCognate({ dataDir, label: 'cognate-scale' });
  const idle = memoryOf(server.pid);
  const tokens = (
    await pool(
      Array.from({ length: real * perReal }, (_, i) => w.names[i % real]),
      8,
      (n) => signIn(server.url, w.clientId, n),
    )
  ).map((s) => ({ AccessToken: s.accessToken }));
  const load = await runLoad({ url: server.url, op: 'GetUser', bodies: tokens, connections, durationSec });
  const loaded = memoryOf(server.pid);
  await server.stop();
  const dbBytes = statSync(join(dataDir, 'cognate.db')).size;
  rmSync(dataDir, { recursive: true, force: true });
  const out = {
    users,
    sessions,
    idleRssMiB: idle.rssMiB,
    rssMiB: loaded.rssMiB,
    peakMiB: loaded.peakMiB,
    dbMiB: dbBytes / 2 ** 20,
    getUserRps: load.rps,
    getUserNon2xx: load.non2xx,
  };
  log(
    `  ${users} users / ${sessions} sessions: RSS ${out.rssMiB.toFixed(0)} MiB under GetUser load (peak ${out.peakMiB.toFixed(0)}, idle ${out.idleRssMiB.toFixed(0)}), ` +
      `${Math.round(load.rps)} GetUser/s, db ${out.dbMiB.toFixed(0)} MiB`,
  );
  return out;
}
