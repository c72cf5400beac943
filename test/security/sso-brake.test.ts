/**
 * Pins finding 9: the Identity Center sign-in brake counted per process, so a restart (or another worker)
 * gave a guesser a fresh budget. It lives in the store now and counts concurrent guesses exactly.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { LIMITS } from '../../src/domain/limits.ts';
import type { TestServer } from '../helpers/server.ts';
import { ALICE, BOB, FormBrowser, startSsoServer, writeSeed } from '../integration/sso-fixtures.ts';
import { kill9, restartChildServer, startChildServer } from '../helpers/child-server.ts';

async function attempt(server: { url: string }, user: string, password: string): Promise<number> {
  const b = new FormBrowser(server.url);
  await b.get('/start');
  return (await b.post('/start', { username: user, password })).status;
}

describe('Identity Center sign-in brake in the store', () => {
  let server: TestServer;
  before(async () => {
    server = await startSsoServer();
  });
  after(() => server.stop());

  it('holds across a restart of the server process', async () => {
    const seed = ['--seed', writeSeed()];
    let child = await startChildServer(undefined, seed);
    try {
      for (let i = 0; i < LIMITS.ssoSignIn.max; i++) assert.equal(await attempt(child, ALICE.user, `Wrong-${i}`), 401);
      await kill9(child);
      child = await restartChildServer(child, seed);
      assert.equal(await attempt(child, ALICE.user, ALICE.password), 429, 'the restart gave no fresh budget');
      assert.equal(await attempt(child, ALICE.user.toUpperCase(), ALICE.password), 429, 'user names are counted case-blind');
      assert.equal(await attempt(child, BOB.user, BOB.password), 303, 'another user is not affected');
    } finally {
      await kill9(child);
      rmSync(child.dataDir, { recursive: true, force: true });
    }
  });

  it('20 concurrent guesses: only the limit are checked, the rest see the brake', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(server, BOB.user, `Guess-${i}`)));
    assert.equal(statuses.filter((s) => s === 401).length, LIMITS.ssoSignIn.max);
    assert.equal(statuses.filter((s) => s === 429).length, 20 - LIMITS.ssoSignIn.max);
  });
});
