/**
 * Pins finding 10: a token from an sso-oidc client registered only with `openid` (no `sso:account:access`)
 * was accepted by the portal API. The account operations need `sso:account:access` (or a client registered
 * without scopes, the AWS CLI's legacy flow); Logout ends the session whatever the token's scopes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand } from '@aws-sdk/client-sso';
import type { TestServer } from '../helpers/server.ts';
import { deviceLogin, portalClient, startSsoServer } from '../integration/sso-fixtures.ts';

describe('portal API enforces token scopes', () => {
  let server: TestServer;
  before(async () => {
    server = await startSsoServer();
  });
  after(() => server.stop());

  const refused = (p: Promise<unknown>) =>
    assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, 'UnauthorizedException');
      assert.equal(e.$metadata?.httpStatusCode, 401);
      return true;
    });

  it('an openid-only token is refused by ListAccounts, ListAccountRoles and GetRoleCredentials', async () => {
    const { token } = await deviceLogin(server, undefined, ['openid']);
    const portal = portalClient(server);
    const accessToken = token.accessToken as string;
    await refused(portal.send(new ListAccountsCommand({ accessToken })));
    await refused(portal.send(new ListAccountRolesCommand({ accessToken, accountId: '111111111111' })));
    await refused(portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'ReadOnly' })));
    // Logout still ends the session.
    await portal.send(new LogoutCommand({ accessToken }));
  });

  it('sso:account:access and scope-less (legacy) registrations reach the accounts', async () => {
    for (const scopes of [['sso:account:access'], ['openid', 'sso:account:access'], null]) {
      const { token } = await deviceLogin(server, undefined, scopes);
      const r = await portalClient(server).send(new ListAccountsCommand({ accessToken: token.accessToken }));
      assert.ok((r.accountList ?? []).length > 0, JSON.stringify(scopes));
    }
  });
});
