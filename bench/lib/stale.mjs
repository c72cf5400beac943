// Revocation under load across nodes: node B serves GetUser for a set of users' access tokens as fast as
// it can while, one by one, each user signs out globally through node A. A GetUser sent to B after A
// acknowledged that user's sign-out must be refused: every acceptance counted here is a stale one.
import { call, pool, signIn } from './idp.mjs';

/**
 * Runs `rounds` rounds; each signs every user in afresh on A, then signs them out one at a time through
 * A under B's load. Returns sign-outs, GetUser calls on B, and acceptances after an acknowledged sign-out.
 */
export async function staleAcceptances({ a, b, world, rounds, lanes = 16, log }) {
  let signOuts = 0;
  let calls = 0;
  let stale = 0;
  let refused = 0;
  let unexpected = 0;
  for (let round = 0; round < rounds; round++) {
    const sessions = await pool(world.names, 8, (n) => signIn(a.url, world.clientId, n));
    const ackedAt = new Array(sessions.length).fill(Number.POSITIVE_INFINITY);
    let done = false;
    let next = 0;
    const lane = async () => {
      while (!done) {
        const i = next++ % sessions.length;
        const sentAt = performance.now();
        const r = await call(b.url, 'GetUser', { AccessToken: sessions[i].accessToken });
        calls++;
        if (r.status === 200) {
          if (sentAt > ackedAt[i]) stale++;
        } else if (r.status === 400 && r.body?.message === 'Access Token has been revoked') refused++;
        else unexpected++;
      }
    };
    const load = Promise.all(Array.from({ length: lanes }, lane));
    for (let i = 0; i < sessions.length; i++) {
      const r = await call(a.url, 'GlobalSignOut', { AccessToken: sessions[i].accessToken });
      if (r.status !== 200) throw new Error(`GlobalSignOut on A failed: HTTP ${r.status}`);
      ackedAt[i] = performance.now();
      signOuts++;
    }
    // Keep B's load going a moment after the last acknowledgement, so late requests are counted too.
    await new Promise((r) => setTimeout(r, 200));
    done = true;
    await load;
    log(`  round ${round + 1}: ${sessions.length} sign-outs on A; B served ${calls} GetUser so far, ${stale} stale acceptances`);
  }
  return { signOuts, getUserOnB: calls, refusedAsRevoked: refused, staleAcceptances: stale, unexpected };
}
