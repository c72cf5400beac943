/**
 * The portal API with @aws-sdk/client-sso: accounts, roles, real role credentials, and Logout — which
 * ends the sign-in session (access tokens 401, refresh invalid_grant, browser signed out) while role
 * credentials already issued keep working until their own expiry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand } from '@aws-sdk/client-sso';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { ALICE, BOB, FormBrowser, deviceLogin, portalClient, startSsoServer, writeSeed } from './sso-fixtures.ts';

type AwsErr = Error & { $metadata?: { httpStatusCode?: number }; error?: string };

async function unauthorized(p: Promise<unknown>) {
  await assert.rejects(p, (e: AwsErr) => {
    assert.equal(e.name, 'UnauthorizedException');
    assert.equal(e.message, 'Session token not found or invalid');
    assert.equal(e.$metadata?.httpStatusCode, 401);
    return true;
  });
}

/** `value` lies between the bounds the request's start and end put on it (1 s of rounding either side). */
function assertWithin(value: number, low: number, high: number, what: string): void {
  assert.ok(value >= low - 1000 && value <= high + 1000, `${what}: ${value} not in [${low}, ${high}]`);
}
describe('sso portal API', () => {
  let server: TestServer;
  let sso: ReturnType<typeof portalClient>;

  before(async () => {
    server = await startSsoServer();
    sso = portalClient(server);
  });
  after(() => server.stop());

  it('ListAccounts and ListAccountRoles list the assignments, paginated with nextToken', async () => {
    const { token } = await deviceLogin(server);
    const accessToken = token.accessToken as string;
    const p1 = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 2 }));
    assert.deepEqual(
      p1.accountList?.map((a) => a.accountId),
      ['111111111111', '222222222222'],
    );
    assert.deepEqual(p1.accountList?.[0], { accountId: '111111111111', accountName: 'Development', emailAddress: 'dev@example.com' });
    assert.ok(p1.nextToken);
    const p2 = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 2, nextToken: p1.nextToken }));
    assert.deepEqual(
      p2.accountList?.map((a) => a.accountId),
      ['333333333333'],
    );
    assert.equal(p2.nextToken, undefined);
    const roles = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: '111111111111' }));
    assert.deepEqual(roles.roleList, [
      { roleName: 'AdministratorAccess', accountId: '111111111111' },
      { roleName: 'ReadOnly', accountId: '111111111111' },
    ]);
    const r1 = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: '111111111111', maxResults: 1 }));
    const r2 = await sso.send(
      new ListAccountRolesCommand({ accessToken, accountId: '111111111111', maxResults: 1, nextToken: r1.nextToken }),
    );
    assert.deepEqual(
      [...(r1.roleList ?? []), ...(r2.roleList ?? [])].map((r) => r.roleName),
      ['AdministratorAccess', 'ReadOnly'],
    );
    const bob = await deviceLogin(server, BOB);
    const bobAccounts = await sso.send(new ListAccountsCommand({ accessToken: bob.token.accessToken }));
    assert.deepEqual(
      bobAccounts.accountList?.map((a) => a.accountId),
      ['111111111111'],
    );
    await assert.rejects(sso.send(new ListAccountsCommand({ accessToken, maxResults: 101 })), { name: 'InvalidRequestException' });
  });

  it('unknown or missing tokens get 401 UnauthorizedException with the portal’s message and header', async () => {
    await unauthorized(sso.send(new ListAccountsCommand({ accessToken: 'aoa-not-a-token-at-all' })));
    const res = await fetch(`${server.url}/assignment/accounts`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('x-amzn-errortype'), 'UnauthorizedException');
    assert.deepEqual(await res.json(), { message: 'Session token not found or invalid' });
  });

  it('role credentials are real: the admin role signs CreateUserPool, the read-only role gets AccessDenied, unassigned roles are forbidden', async () => {
    const { token } = await deviceLogin(server);
    const accessToken = token.accessToken as string;
    const adminAsked = server.clock.now();
    const admin = await sso.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'AdministratorAccess' }),
    );
    const adminAnswered = server.clock.now();
    const c = admin.roleCredentials;
    assert.match(c?.accessKeyId ?? '', /^ASIA/);
    assert.ok(c?.secretAccessKey && c.sessionToken);
    assertWithin(c?.expiration as number, adminAsked + 3600_000, adminAnswered + 3600_000, 'expiration = now + PT1H');
    const asAdmin = idpClient(server, {
      accessKeyId: c?.accessKeyId as string,
      secretAccessKey: c?.secretAccessKey as string,
      sessionToken: c?.sessionToken,
    });
    const created = await asAdmin.send(new CreateUserPoolCommand({ PoolName: 'made-by-sso-admin' }));
    assert.match(created.UserPool?.Id ?? '', /^us-east-1_/);

    const roAsked = server.clock.now();
    const ro = (await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '222222222222', roleName: 'ReadOnly' })))
      .roleCredentials;
    assertWithin(ro?.expiration as number, roAsked + 7200_000, server.clock.now() + 7200_000, 'expiration = now + 7200 s');
    const asRo = idpClient(server, {
      accessKeyId: ro?.accessKeyId as string,
      secretAccessKey: ro?.secretAccessKey as string,
      sessionToken: ro?.sessionToken,
    });
    await assert.rejects(asRo.send(new ListUserPoolsCommand({ MaxResults: 10 })), (e: AwsErr) => {
      assert.equal(e.name, 'AccessDeniedException');
      assert.match(e.message, /assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/alice is not authorized/);
      return true;
    });
    // Without the session token the key is not accepted.
    const noToken = idpClient(server, { accessKeyId: c?.accessKeyId as string, secretAccessKey: c?.secretAccessKey as string });
    await assert.rejects(noToken.send(new ListUserPoolsCommand({ MaxResults: 10 })), { name: 'UnrecognizedClientException' });
    await assert.rejects(
      sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '222222222222', roleName: 'AdministratorAccess' })),
      (e: AwsErr) => {
        assert.equal(e.name, 'ForbiddenException');
        assert.equal(e.$metadata?.httpStatusCode, 403);
        return true;
      },
    );
  });

  it('Logout ends the sign-in session: its tokens 401, its refresh invalid_grant, its browser signed out — other sessions and role credentials live on', async () => {
    const browser = new FormBrowser(server.url);
    const s1 = await deviceLogin(server, ALICE, ['sso:account:access'], browser);
    // A second device approved in the same browser belongs to the same sign-in session.
    const s1b = await deviceLogin(server, ALICE, ['sso:account:access'], browser);
    const s2 = await deviceLogin(server, ALICE); // another browser: another session
    const creds = (
      await sso.send(
        new GetRoleCredentialsCommand({ accessToken: s1.token.accessToken, accountId: '111111111111', roleName: 'AdministratorAccess' }),
      )
    ).roleCredentials;
    const asAdmin = () =>
      idpClient(server, {
        accessKeyId: creds?.accessKeyId as string,
        secretAccessKey: creds?.secretAccessKey as string,
        sessionToken: creds?.sessionToken,
      });
    assert.match((await browser.get('/start')).html, /id="accounts"/);

    await sso.send(new LogoutCommand({ accessToken: s1.token.accessToken }));

    await unauthorized(sso.send(new ListAccountsCommand({ accessToken: s1.token.accessToken })));
    await unauthorized(sso.send(new ListAccountsCommand({ accessToken: s1b.token.accessToken })));
    await unauthorized(
      sso.send(new GetRoleCredentialsCommand({ accessToken: s1.token.accessToken, accountId: '111111111111', roleName: 'ReadOnly' })),
    );
    await unauthorized(sso.send(new LogoutCommand({ accessToken: s1.token.accessToken })));
    await assert.rejects(
      s1.oidc.send(
        new CreateTokenCommand({
          clientId: s1.reg.clientId,
          clientSecret: s1.reg.clientSecret,
          grantType: 'refresh_token',
          refreshToken: s1.token.refreshToken,
        }),
      ),
      (e: AwsErr) => e.name === 'InvalidGrantException' && e.error === 'invalid_grant',
    );
    const page = await browser.get('/start');
    assert.match(page.html, /id="sign-in-prompt"/);
    assert.doesNotMatch(page.html, /id="accounts"/);

    // The other session is untouched; the role credentials still work.
    assert.equal((await sso.send(new ListAccountsCommand({ accessToken: s2.token.accessToken }))).accountList?.length, 3);
    await asAdmin().send(new ListUserPoolsCommand({ MaxResults: 10 }));

    // Both facts survive a restart.
    server = await server.restart();
    sso = portalClient(server);
    await unauthorized(sso.send(new ListAccountsCommand({ accessToken: s1.token.accessToken })));
    assert.equal((await sso.send(new ListAccountsCommand({ accessToken: s2.token.accessToken }))).accountList?.length, 3);
    await asAdmin().send(new ListUserPoolsCommand({ MaxResults: 10 }));

    // Until they expire (PT1H).
    server.clock.advance(3600_000 + 1_000);
    await assert.rejects(asAdmin().send(new ListUserPoolsCommand({ MaxResults: 10 })), (e: AwsErr) => {
      assert.equal(e.name, 'ExpiredTokenException');
      return true;
    });
    server.clock.advance(-(3600_000 + 1_000));
  });

  it('the portal page: sign in, see accounts and roles, a tampered cookie is refused, sign-out ends the session’s tokens', async () => {
    const b = new FormBrowser(server.url);
    const prompt = await b.get('/start');
    assert.match(prompt.html, /id="sign-in-prompt"/);
    const wrong = await b.post('/start', { username: ALICE.user, password: 'nope-Passw0rd' });
    assert.equal(wrong.status, 401);
    await b.get('/start');
    const ok = await b.post('/start', { username: ALICE.user, password: ALICE.password });
    assert.equal(ok.status, 303);
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('cognate_sso_session='));
    assert.match(cookie ?? '', /HttpOnly/);
    assert.match(cookie ?? '', /SameSite=Lax/);
    assert.doesNotMatch(cookie ?? '', /Secure/); // http public URL
    const portal = await b.get('/start');
    assert.match(portal.html, /Development/);
    assert.match(portal.html, /AdministratorAccess/);
    assert.match(portal.html, /Sandbox/);

    const s = await deviceLogin(server, ALICE, ['sso:account:access'], b); // approved from this signed-in browser
    const good = b.cookies.get('cognate_sso_session') as string;
    const last = good.slice(-1) === 'A' ? 'B' : 'A';
    b.cookies.set('cognate_sso_session', good.slice(0, -1) + last);
    assert.match((await b.get('/start')).html, /id="sign-in-prompt"/);
    b.cookies.set('cognate_sso_session', good);
    assert.match((await b.get('/start')).html, /id="accounts"/);

    const out = await b.post('/start/logout', {});
    assert.equal(out.status, 303);
    assert.match((await b.get('/start')).html, /id="sign-in-prompt"/);
    await unauthorized(sso.send(new ListAccountsCommand({ accessToken: s.token.accessToken })));
  });
});

describe('sso pages behind an https public URL', () => {
  it('the sign-in cookie is Secure as well as HttpOnly and SameSite=Lax', async () => {
    const server = await startTestServer({ seedFile: writeSeed(), publicUrl: 'https://sso.example.test' });
    try {
      const b = new FormBrowser(server.url);
      await b.get('/start');
      const ok = await b.post('/start', { username: ALICE.user, password: ALICE.password });
      const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('cognate_sso_session=')) ?? '';
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; SameSite=Lax/);
      assert.match(cookie, /; Secure/);
    } finally {
      await server.stop();
    }
  });
});
