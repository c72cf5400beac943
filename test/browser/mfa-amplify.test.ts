/**
 * TOTP MFA in a real browser: Amplify v6 in Chromium (playwright-core) on another origin sets up a
 * software token (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference), then signs in with
 * USER_SRP_AUTH answered by SOFTWARE_TOKEN_MFA — the test computes the codes — and signs out globally,
 * after which Cognate refuses the tokens. The pool tracks devices: Amplify confirms its device, the user
 * remembers it, and after a page reload the next sign-in passes DEVICE_SRP_AUTH instead of TOTP.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  AdminListDevicesCommand,
  GetUserCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PASSWORD, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { after, before, describe, it } from '../helpers/tools.ts';
import { totp } from '../helpers/totp.ts';
import { buildApp, CHROMIUM_ARGS, serveStatic } from './harness.ts';

interface MfaActions {
  signIn(username: string, password: string): Promise<{ isSignedIn: boolean; step: string }>;
  confirm(code: string): Promise<{ isSignedIn: boolean; step: string }>;
  setUpTotp(): Promise<string>;
  verifyTotp(code: string): Promise<{ enabled?: string[]; preferred?: string }>;
  rememberDevice(): Promise<{ id: string; name?: string }[]>;
  session(forceRefresh?: boolean): Promise<{ accessToken?: string; idToken?: string }>;
  signOut(global?: boolean): Promise<{ accessToken?: string }>;
}
type AppWindow = { cognate: MfaActions };

describe('TOTP MFA with Amplify v6 in Chromium', { needs: ['chromium'] }, () => {
  let cognate: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let w: Awaited<ReturnType<typeof world>>;
  let appDir: string;
  let web: Server;
  let browser: Browser;
  let page: Page;
  const targets: string[] = [];
  const app = <T>(fn: (a: MfaActions, arg: string) => Promise<T>, arg = '') =>
    page.evaluate(([f, x]) => new Function('a', 'x', `return (${f})(a, x)`)((window as unknown as AppWindow).cognate, x), [
      fn.toString(),
      arg,
    ] as const) as Promise<T>;

  before(async () => {
    cognate = await startTestServer();
    idp = idpClient(cognate);
    w = await world(idp);
    await idp.send(
      new UpdateUserPoolCommand({
        UserPoolId: w.poolId,
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      }),
    );
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: w.poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    appDir = await buildApp(fileURLToPath(new URL('./mfa-app.ts', import.meta.url)));
    web = await serveStatic(appDir);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('request', (r) => {
      if (r.url().startsWith(cognate.url)) targets.push(r.headers()['x-amz-target']?.split('.')[1] ?? '');
    });
    const { port } = web.address() as AddressInfo;
    const q = new URLSearchParams({ pool: w.poolId, client: w.clientId, endpoint: `${cognate.url}/` });
    await page.goto(`http://localhost:${port}/?${q}`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => web?.close(r));
    if (appDir) rmSync(appDir, { recursive: true, force: true });
    await cognate?.stop();
  });

  it('sets up TOTP, signs in with a computed code, and a global sign-out ends the session', async (t) => {
    assert.deepEqual(await app((a, p) => a.signIn('alice', p), PASSWORD), { isSignedIn: true, step: 'DONE' });
    const secret = await app((a) => a.setUpTotp());
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const pref = await app((a, code) => a.verifyTotp(code), totp(secret, cognate.clock.now()));
    assert.deepEqual(pref, { enabled: ['TOTP'], preferred: 'TOTP' });
    assert.ok(
      targets.includes('AssociateSoftwareToken') && targets.includes('VerifySoftwareToken') && targets.includes('SetUserMFAPreference'),
    );
    await app((a) => a.signOut(false));

    cognate.clock.advance(30_000); // a new step: the set-up code is spent
    const started = performance.now();
    const step = await app((a, p) => a.signIn('alice', p), PASSWORD);
    assert.deepEqual(step, { isSignedIn: false, step: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    const wrong = await page.evaluate(async () => {
      try {
        await (window as unknown as AppWindow).cognate.confirm('000000');
        return 'accepted?';
      } catch (e) {
        return (e as Error).name;
      }
    });
    const good = totp(secret, cognate.clock.now());
    if (good !== '000000') assert.equal(wrong, 'CodeMismatchException');
    const done = await app((a, code) => a.confirm(code), good);
    t.diagnostic(`Amplify signIn (SRP + TOTP) in Chromium: ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(done, { isSignedIn: true, step: 'DONE' });
    const s = await app((a) => a.session());
    assert.ok(s.accessToken);
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: s.accessToken }))).Username, 'alice');

    // Amplify confirmed the device it was given (ConfirmDevice); the user now remembers it.
    assert.ok(targets.includes('ConfirmDevice'));
    const devices = await app((a) => a.rememberDevice());
    assert.equal(devices.length, 1);
    const listed = await idp.send(new AdminListDevicesCommand({ UserPoolId: w.poolId, Username: 'alice' }));
    assert.ok(listed.Devices?.[0]?.DeviceAttributes?.some((x) => x.Name === 'dev:device_remembered_status' && x.Value === 'remembered'));
    await app((a) => a.signOut(false));

    // A reload keeps the device (Amplify stores its keys); the next sign-in proves the device, no TOTP.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
    cognate.clock.advance(30_000);
    targets.length = 0;
    const remembered = await app((a, p) => a.signIn('alice', p), PASSWORD);
    assert.deepEqual(remembered, { isSignedIn: true, step: 'DONE' });
    assert.ok(
      targets.filter((x) => x === 'RespondToAuthChallenge').length >= 3,
      'PASSWORD_VERIFIER, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER',
    );
    const s2 = await app((a) => a.session());
    const deviceKey = JSON.parse(Buffer.from((s2.accessToken ?? '').split('.')[1] ?? '', 'base64url').toString()).device_key;
    assert.equal(deviceKey, devices[0]?.id);

    // A global sign-out ends it all: both sessions' tokens are refused.
    const out = await app((a) => a.signOut(true));
    assert.equal(out.accessToken, undefined);
    for (const token of [s.accessToken, s2.accessToken]) {
      await assert.rejects(idp.send(new GetUserCommand({ AccessToken: token })), {
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
    }
  });
});
