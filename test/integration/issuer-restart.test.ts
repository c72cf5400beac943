/**
 * The issuer is fixed when the data dir is created: a restart on another port (no --public-url) keeps
 * the tokens' `iss`, accepts the tokens it issued and publishes the same issuer, while the discovery
 * documents point at the port it listens on now. An explicit --public-url still sets the issuer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { signIn, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer } from '../helpers/server.ts';
import { describe, it } from '../helpers/tools.ts';

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());

describe('issuer across restarts', () => {
  it('a restart on another port keeps the issuer and accepts the tokens issued before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-issuer-'));
    try {
      const first = await startTestServer({}, undefined, dir);
      const w = await world(idpClient(first));
      const t = await signIn(idpClient(first), w.clientId as string, 'alice');
      assert.equal(claims(t.accessToken).iss, `${first.url}/${w.poolId}`);
      await first.close();

      const second = await startTestServer({}, undefined, dir);
      try {
        assert.notEqual(second.port, first.port);
        const me = await idpClient(second).send(new GetUserCommand({ AccessToken: t.accessToken }));
        assert.equal(me.Username, 'alice');
        const fresh = await signIn(idpClient(second), w.clientId as string, 'alice');
        assert.equal(claims(fresh.idToken).iss, `${first.url}/${w.poolId}`, 'new tokens keep the first issuer');
        const conf = await (await fetch(`${second.url}/${w.poolId}/.well-known/openid-configuration`)).json();
        assert.equal(conf.issuer, `${first.url}/${w.poolId}`);
        assert.equal(conf.jwks_uri, `${second.url}/${w.poolId}/.well-known/jwks.json`, 'keys are fetched where the server is');
        const keys = await (await fetch(conf.jwks_uri)).json();
        assert.ok(keys.keys.length > 0);
      } finally {
        await second.close();
      }

      const moved = await startTestServer({ publicUrl: 'https://auth.example.test' }, undefined, dir);
      try {
        const t2 = await signIn(idpClient(moved), w.clientId as string, 'alice');
        assert.equal(claims(t2.accessToken).iss, `https://auth.example.test/${w.poolId}`, '--public-url sets the issuer');
      } finally {
        await moved.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
