/** The Identity Center sign-in pages slow password guessing: five wrong passwords close the door for a while. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from '../helpers/server.ts';
import { ALICE, BOB, FormBrowser, startSsoServer } from './sso-fixtures.ts';

describe('sign-in page throttling', () => {
  let server: TestServer;
  before(async () => {
    server = await startSsoServer();
  });
  after(() => server.stop());

  it('refuses a user name after five wrong passwords, even with the right one, until the window passes', async () => {
    const b = new FormBrowser(server.url);
    for (let i = 0; i < 5; i++) {
      await b.get('/start');
      const r = await b.post('/start', { username: ALICE.user, password: `Wrong-${i}` });
      assert.equal(r.status, 401);
      assert.match(r.html, /Incorrect username or password\./);
    }
    await b.get('/start');
    let r = await b.post('/start', { username: ALICE.user, password: ALICE.password });
    assert.equal(r.status, 429);
    assert.match(r.html, /Too many failed sign-in attempts/);
    assert.equal(b.cookies.size > 0 && [...b.cookies.keys()].some((k) => /session/i.test(k)), false);

    // Another user is not affected.
    const other = new FormBrowser(server.url);
    await other.get('/start');
    r = await other.post('/start', { username: BOB.user, password: BOB.password });
    assert.equal(r.status, 303);

    server.clock.advance(15 * 60_000 + 1000);
    try {
      await b.get('/start');
      r = await b.post('/start', { username: ALICE.user, password: ALICE.password });
      assert.equal(r.status, 303);
    } finally {
      server.clock.advance(-(15 * 60_000 + 1000));
    }
  });
});
