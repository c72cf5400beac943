// GlobalSignOut latency as a user's live sessions grow. A user is given N live sessions (N-1 written
// through Cognate's store, or N real sign-ins for a peer), then one GlobalSignOut is timed; the median
// over several users and repetitions is kept. Afterwards the last token must be refused.
import { call, createWorld, failure, pool, signIn } from './idp.mjs';
import { median } from './throughput.mjs';

/**
 * Cognate: sessions written directly (fast), so every size gets many samples. Sizes are interleaved
 * within each repetition (drift on a shared machine hits them alike), each size has its own users, and
 * a GetUser with the fresh token precedes the timed sign-out, as in an application.
 */
export async function cognateSignOutLatency(target, populator, { sizes, users, reps, log, otherUrl }) {
  // With `otherUrl` (a second node), the GetUser and the sign-out go through it and the refusal is checked on the first.
  const via = otherUrl ?? target.url;
  const worlds = new Map();
  for (const n of sizes) worlds.set(n, await createWorld(target, { users, prefix: `gso${n}` }));
  // Warm the path (JIT, statement caches) with sign-outs that are not recorded.
  const warm = worlds.get(sizes[0]);
  for (let i = 0; i < 20; i++) {
    const s = await signIn(target.url, warm.clientId, warm.names[i % users]);
    await call(target.url, 'GlobalSignOut', { AccessToken: s.accessToken });
  }
  const samples = new Map(sizes.map((n) => [n, []]));
  const last = new Map();
  for (let rep = 0; rep < reps; rep++) {
    for (const n of sizes) {
      const w = worlds.get(n);
      for (const name of w.names) {
        if (n > 1) await populator.send({ op: 'grants', poolId: w.poolId, clientId: w.clientId, username: name, count: n - 1 });
        const s = await signIn(target.url, w.clientId, name);
        const seen = await call(via, 'GetUser', { AccessToken: s.accessToken });
        if (seen.status !== 200) throw new Error(`GetUser failed: ${failure(seen)}`);
        const r = await call(via, 'GlobalSignOut', { AccessToken: s.accessToken });
        if (r.status !== 200) throw new Error(`GlobalSignOut failed: ${failure(r)}`);
        samples.get(n).push(r.ms);
        last.set(n, s.accessToken);
      }
    }
  }
  const out = {};
  for (const n of sizes) {
    const after = await call(target.url, 'GetUser', { AccessToken: last.get(n) });
    const refused = after.status === 400 && after.body?.message === 'Access Token has been revoked';
    const xs = samples.get(n);
    out[n] = { sessions: n, medianMs: median(xs), samples: xs.length, refusedAfter: refused };
    log(`  ${target.name} GlobalSignOut with ${n} live sessions: median ${median(xs).toFixed(2)} ms over ${xs.length} sign-outs`);
  }
  return out;
}

/** A peer: N real sign-ins per user (bounded in time), then one timed GlobalSignOut per user. */
export async function peerSignOutLatency(target, { sizes, usersFor, budgetSec, log }) {
  const out = {};
  for (const n of sizes) {
    const users = usersFor(n);
    const w = await createWorld(target, { users, prefix: `gso${n}` });
    const probeToken = await signIn(target.url, w.clientId, w.names[0]);
    const probe = await call(target.url, 'GlobalSignOut', { AccessToken: probeToken.accessToken });
    if (probe.status !== 200) {
      log(`  ${target.name}: GlobalSignOut not supported → ${failure(probe)}`);
      return { unsupported: failure(probe) };
    }
    const samples = [];
    let reached = n;
    for (const name of w.names) {
      const deadline = Date.now() + budgetSec * 1000;
      const tokens = [];
      await pool(
        Array.from({ length: n }, (_, i) => i),
        8,
        async () => {
          if (Date.now() > deadline) return;
          tokens.push((await signIn(target.url, w.clientId, name)).accessToken);
        },
      );
      reached = Math.min(reached, tokens.length);
      const r = await call(target.url, 'GlobalSignOut', { AccessToken: tokens.at(-1) });
      if (r.status !== 200) throw new Error(`${target.name} GlobalSignOut failed: ${failure(r)}`);
      samples.push(r.ms);
    }
    out[n] = { sessions: reached, medianMs: median(samples), samples: samples.length };
    log(
      `  ${target.name} GlobalSignOut with ${reached} live sessions: median ${median(samples).toFixed(2)} ms over ${samples.length} users`,
    );
  }
  return out;
}
