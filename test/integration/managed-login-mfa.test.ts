/**
 * The second factor on the managed-login pages: a user with an authenticator app gets the code form
 * after the password, a wrong code is refused with Cognito's words and counted, the right one signs in
 * and approves the authorization request. The same challenge sessions as RespondToAuthChallenge.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AssociateSoftwareTokenCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createUser, PASSWORD, signIn } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { totp } from '../helpers/totp.ts';
import { Browser, CALLBACK, hiddenInputs, oauthWorld, signInThroughPages } from './managed-login-helpers.ts';

describe('managed login: second factor on the pages', () => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof oauthWorld>>;
  let secret: string;

  before(async () => {
    server = await startTestServer();
    const idp = idpClient(server);
    w = await oauthWorld(idp, 'mfa-pages');
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: w.poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    await createUser(idp, w.poolId, 'tina');
    const { accessToken: AccessToken } = await signIn(idp, w.web.ClientId, 'tina');
    secret = (await idp.send(new AssociateSoftwareTokenCommand({ AccessToken }))).SecretCode as string;
    await idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(secret, server.clock.now()) }));
    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  });
  after(() => server.stop());

  const url = () =>
    `/oauth2/authorize?${new URLSearchParams({ client_id: w.web.ClientId, response_type: 'code', redirect_uri: CALLBACK, state: 'm1' })}`;

  it('asks for the authenticator code after the password; a wrong code is refused, the right one signs in', async () => {
    const b = new Browser(server.url);
    const prompt = await signInThroughPages(b, url(), 'tina', PASSWORD);
    assert.equal(prompt.status, 200);
    const html = await prompt.text();
    assert.match(html, /<label for="in-code">Code from your authenticator app<\/label>/);
    const fields = hiddenInputs(html);
    assert.equal(fields.challenge, 'SOFTWARE_TOKEN_MFA');
    assert.equal(b.jar.has('cognito'), false, 'no session before the second factor');

    const wrong = await b.post('/mfa', { ...fields, code: '000000' === totp(secret, server.clock.now() + 30_000) ? '111111' : '000000' });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /Invalid code received for user/);

    // The step after the one used at enrolment (a TOTP code is accepted once).
    const ok = await b.post('/mfa', { ...fields, code: totp(secret, server.clock.now() + 30_000) });
    assert.equal(ok.status, 302);
    assert.match(ok.headers.get('location') ?? '', /^http:\/\/localhost:3000\/cb\?code=.*state=m1/);
    assert.ok(b.jar.has('cognito'));
  });

  it('a user without MFA in the same pool signs in with the password alone', async () => {
    const b = new Browser(server.url);
    const res = await signInThroughPages(b, url(), 'alice', PASSWORD);
    assert.equal(res.status, 302);
  });
});
