/**
 * A passkey registered and used in a real browser: Chromium (playwright-core) with a virtual
 * authenticator added over the DevTools protocol (WebAuthn.addVirtualAuthenticator), on an origin that
 * matches the pool's relying party (http://localhost:port, RP ID `localhost`). The page calls Cognate
 * directly: StartWebAuthnRegistration → navigator.credentials.create → CompleteWebAuthnRegistration, then
 * InitiateAuth USER_AUTH with PREFERRED_CHALLENGE=WEB_AUTHN → navigator.credentials.get →
 * RespondToAuthChallenge WEB_AUTHN. A global sign-out then ends every session.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminGetUserCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  ListWebAuthnCredentialsCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createClient, createUser, PASSWORD, signIn } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { after, before, describe, it } from '../helpers/tools.ts';
import { CHROMIUM_ARGS, serveStatic } from './harness.ts';

/** What the page does: calls Cognate's JSON API and the browser's WebAuthn API. */
async function inPage(
  page: Page,
  step: 'register' | 'signIn',
  args: { endpoint: string; token?: string; clientId?: string; username?: string },
) {
  return page.evaluate(
    async ({ step, a }) => {
      const call = async (target: string, body: unknown) => {
        const r = await fetch(a.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}` },
          body: JSON.stringify(body),
        });
        const json = await r.json();
        if (!r.ok) throw new Error(`${json.__type}: ${json.message}`);
        return json;
      };
      const PKC = PublicKeyCredential as unknown as {
        parseCreationOptionsFromJSON(o: unknown): PublicKeyCredentialCreationOptions;
        parseRequestOptionsFromJSON(o: unknown): PublicKeyCredentialRequestOptions;
      };
      if (step === 'register') {
        const { CredentialCreationOptions } = await call('StartWebAuthnRegistration', { AccessToken: a.token });
        const cred = (await navigator.credentials.create({
          publicKey: PKC.parseCreationOptionsFromJSON(CredentialCreationOptions),
        })) as PublicKeyCredential;
        await call('CompleteWebAuthnRegistration', { AccessToken: a.token, Credential: cred.toJSON() });
        return { id: cred.id };
      }
      const c = await call('InitiateAuth', {
        ClientId: a.clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: a.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
      });
      if (c.ChallengeName !== 'WEB_AUTHN') throw new Error(`expected WEB_AUTHN, got ${c.ChallengeName}`);
      const options = JSON.parse(c.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
      const assertion = (await navigator.credentials.get({ publicKey: PKC.parseRequestOptionsFromJSON(options) })) as PublicKeyCredential;
      const done = await call('RespondToAuthChallenge', {
        ClientId: a.clientId,
        ChallengeName: 'WEB_AUTHN',
        Session: c.Session,
        ChallengeResponses: { USERNAME: a.username, CREDENTIAL: JSON.stringify(assertion.toJSON()) },
      });
      return { accessToken: done.AuthenticationResult.AccessToken as string, id: assertion.id };
    },
    { step, a: args },
  );
}

describe('passkeys in Chromium with a virtual authenticator', { needs: ['chromium'] }, () => {
  let cognate: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let poolId: string;
  let clientId: string;
  let dir: string;
  let web: Server;
  let browser: Browser;
  let page: Page;

  before(async () => {
    cognate = await startTestServer();
    idp = idpClient(cognate);
    poolId = (
      await idp.send(
        new CreateUserPoolCommand({
          PoolName: 'passkeys',
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
        }),
      )
    ).UserPool?.Id as string;
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        WebAuthnConfiguration: { RelyingPartyId: 'localhost', UserVerification: 'required' },
      }),
    );
    clientId = (
      await createClient(idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })
    ).ClientId;
    await createUser(idp, poolId, 'alice');
    dir = mkdtempSync(join(tmpdir(), 'cognate-passkey-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>passkeys</title></head><body>passkeys</body></html>');
    web = await serveStatic(dir);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    // The test runs under tsx, whose esbuild keeps function names with a `__name` helper that the
    // functions passed to page.evaluate would call in the page: give the page that helper.
    await page.addInitScript('window.__name = (f) => f;');
    await page.goto(`http://localhost:${(web.address() as AddressInfo).port}/`);
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => web?.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
    await cognate?.stop();
  });

  it('registers a passkey, signs in with it (USER_AUTH WEB_AUTHN), and a global sign-out ends it all', async (t) => {
    const endpoint = `${cognate.url}/`;
    const password = await signIn(idp, clientId, 'alice', PASSWORD);
    const registered = await inPage(page, 'register', { endpoint, token: password.accessToken });
    const listed = await idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: password.accessToken }));
    assert.equal(listed.Credentials?.length, 1);
    assert.equal(listed.Credentials?.[0]?.CredentialId, registered.id);
    assert.equal(listed.Credentials?.[0]?.RelyingPartyId, 'localhost');

    const started = performance.now();
    const passkey = await inPage(page, 'signIn', { endpoint, clientId, username: 'alice' });
    t.diagnostic(
      `USER_AUTH WEB_AUTHN sign-in in Chromium (two round trips + authenticator): ${(performance.now() - started).toFixed(0)} ms`,
    );
    assert.equal(passkey.id, registered.id);
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: passkey.accessToken }))).Username, 'alice');
    // The signature counter moved on: a second sign-in works too (a replayed assertion would not).
    const second = await inPage(page, 'signIn', { endpoint, clientId, username: 'alice' });
    assert.ok(second.accessToken);
    assert.ok((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).Enabled);

    await idp.send(new GlobalSignOutCommand({ AccessToken: passkey.accessToken }));
    for (const token of [password.accessToken, passkey.accessToken, second.accessToken]) {
      await assert.rejects(idp.send(new GetUserCommand({ AccessToken: token })), {
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
    }
  });
});
