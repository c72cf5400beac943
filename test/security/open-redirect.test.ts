/**
 * Pins finding 5: anyone could register a public sso-oidc client with any https redirect URI, and
 * `/authorize?…&response_type=bogus` then sent the browser there with no user action. Only loopback
 * redirect URIs (what the AWS CLI uses) are accepted unless the seed file lists others, and every refusal
 * before client and redirect URI are validated is an error page, never a redirect.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import type { TestServer } from '../helpers/server.ts';
import { SEED_YAML, START_URL, oidcClient, startSsoServer } from '../integration/sso-fixtures.ts';

const EVIL = 'https://evil.example/cb';
const LISTED = 'https://app.example.com/callback';

function authorizeQuery(clientId: string, redirectUri: string, responseType = 'bogus'): string {
  const challenge = createHash('sha256').update(randomBytes(32)).digest('base64url');
  return new URLSearchParams({
    response_type: responseType,
    client_id: clientId,
    redirect_uri: redirectUri,
    state: 's',
    code_challenge_method: 'S256',
    scopes: 'sso:account:access',
    code_challenge: challenge,
  }).toString();
}

async function getNoFollow(server: TestServer, path: string) {
  const r = await fetch(`${server.url}${path}`, { redirect: 'manual' });
  return { status: r.status, location: r.headers.get('location'), html: await r.text() };
}

describe('sso-oidc redirect URIs', () => {
  let server: TestServer;
  let seeded: TestServer;
  before(async () => {
    server = await startSsoServer();
    seeded = await startSsoServer(
      SEED_YAML.replace(`  startUrl: ${START_URL}\n`, `  startUrl: ${START_URL}\n  redirectUris: ['${LISTED}']\n`),
    );
  });
  after(async () => {
    await server.stop();
    await seeded.stop();
  });

  const register = (s: TestServer, redirectUris: string[]) =>
    oidcClient(s).send(
      new RegisterClientCommand({
        clientName: 'attacker',
        clientType: 'public',
        grantTypes: ['authorization_code'],
        redirectUris,
        scopes: ['sso:account:access'],
        issuerUrl: START_URL,
      }),
    );

  it('RegisterClient refuses a non-loopback redirect URI the seed does not list', async () => {
    await assert.rejects(register(server, [EVIL]), (e: Error) => {
      assert.equal(e.name, 'InvalidRedirectUriException');
      return true;
    });
    await assert.rejects(register(server, ['http://127.0.0.1.evil.example/cb']), { name: 'InvalidRedirectUriException' });
    await assert.rejects(register(server, ['http://127.0.0.1/cb#frag']), { name: 'InvalidRedirectUriException' });
    const ok = await register(server, ['http://127.0.0.1/oauth/callback', 'http://localhost:8400/cb', 'http://[::1]/cb']);
    assert.ok(ok.clientId);
  });

  it('/authorize shows an error page (no Location) until client and redirect URI are both valid', async () => {
    const reg = await register(server, ['http://127.0.0.1/oauth/callback']);
    for (const path of [
      `/authorize?${authorizeQuery(reg.clientId as string, EVIL)}`,
      `/authorize?${authorizeQuery('no-such-client', EVIL)}`,
      `/authorize?${authorizeQuery('', EVIL)}`,
      `/authorize?${authorizeQuery(reg.clientId as string, 'http://127.0.0.1.evil.example/oauth/callback')}`,
    ]) {
      const r = await getNoFollow(server, path);
      assert.equal(r.status, 400, path);
      assert.equal(r.location, null, path);
    }
    // Once both are valid, protocol errors go back to the (loopback) client, as OAuth prescribes.
    const r = await getNoFollow(server, `/authorize?${authorizeQuery(reg.clientId as string, 'http://127.0.0.1:5555/oauth/callback')}`);
    assert.equal(r.status, 302);
    assert.match(r.location ?? '', /^http:\/\/127\.0\.0\.1:5555\/oauth\/callback\?error=unsupported_response_type/);
  });

  it('a redirect URI listed in the seed file may be registered and used', async () => {
    await assert.rejects(register(seeded, [EVIL]), { name: 'InvalidRedirectUriException' });
    const reg = await register(seeded, [LISTED]);
    const r = await getNoFollow(seeded, `/authorize?${authorizeQuery(reg.clientId as string, LISTED)}`);
    assert.equal(r.status, 302);
    assert.ok(r.location?.startsWith(`${LISTED}?error=unsupported_response_type`));
  });
});
