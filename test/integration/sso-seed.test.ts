/** `--seed FILE`: YAML and JSON, the directory, pre-created user pools, idempotent restarts, clear errors. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InitiateAuthCommand, ListUserPoolsCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListAccountsCommand } from '@aws-sdk/client-sso';
import { idpClient, startTestServer } from '../helpers/server.ts';
import { ALICE, SEED_YAML, deviceLogin, portalClient, writeSeed } from './sso-fixtures.ts';

const POOLS = {
  userPools: [
    {
      PoolName: 'seeded-app',
      Id: 'us-east-1_Seeded01',
      Clients: [
        {
          ClientName: 'web',
          ClientId: 'seededwebclient0000000000a',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      ],
      Users: [{ Username: 'carol', Password: 'Carol-Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] }],
    },
    { PoolName: 'second-pool', Clients: [{ ClientName: 'svc' }] },
  ],
};

describe('seed file', () => {
  it('JSON seed: pools, clients and users are pre-created once; restarts change nothing; passwords are never stored in the clear', async () => {
    const file = writeSeed(
      JSON.stringify({ identityCenter: { users: [{ userName: 'dave', password: 'Dave-Passw0rd!' }] }, ...POOLS }),
      'seed.json',
    );
    let server = await startTestServer({ seedFile: file });
    try {
      const idp = idpClient(server);
      const signIn = () =>
        idp.send(
          new InitiateAuthCommand({
            ClientId: 'seededwebclient0000000000a',
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'carol', PASSWORD: 'Carol-Passw0rd!' },
          }),
        );
      assert.ok((await signIn()).AuthenticationResult?.AccessToken);
      const pools1 = (await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.map((p) => p.Name).sort();
      assert.deepEqual(pools1, ['second-pool', 'seeded-app']);

      server = await server.restart();
      server = await server.restart();
      const idp2 = idpClient(server);
      assert.deepEqual((await idp2.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.map((p) => p.Name).sort(), pools1);
      assert.equal((await idp2.send(new ListUsersCommand({ UserPoolId: 'us-east-1_Seeded01' }))).Users?.length, 1);
      const db = readFileSync(join(server.dataDir, 'cognate.db'));
      for (const secret of ['Carol-Passw0rd!', 'Dave-Passw0rd!']) assert.equal(db.includes(secret), false, `${secret} stored in the clear`);
    } finally {
      await server.stop();
    }
  });

  it('YAML seed: sessions survive a restart; a changed password applies; a removed user’s tokens stop', async () => {
    const file = writeSeed();
    let server = await startTestServer({ seedFile: file });
    try {
      const { token } = await deviceLogin(server);
      const bob = await deviceLogin(server, { user: 'bob', password: 'Bob-Passw0rd!' });
      writeFileSync(
        file,
        SEED_YAML.replace(`'${ALICE.password}'`, "'New-Alice-Passw0rd!'")
          .replace(/ {4}- userName: bob\n {6}password: '[^']+'\n/, '')
          .replace(/.*userName: bob,.*\n/, ''),
      );
      server = await server.restart();
      const sso = portalClient(server);
      assert.equal((await sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))).accountList?.length, 3);
      await assert.rejects(sso.send(new ListAccountsCommand({ accessToken: bob.token.accessToken })), { name: 'UnauthorizedException' });
      await assert.rejects(deviceLogin(server), /device approval failed: 401/);
      await deviceLogin(server, { user: 'alice', password: 'New-Alice-Passw0rd!' });
    } finally {
      await server.stop();
    }
  });

  it('a broken seed file stops the start with a message naming the problem', async () => {
    const cases: [string, RegExp][] = [
      [
        'identityCenter:\n  accounts:\n    - { accountId: 12345678901234, accountName: X, emailAddress: x@example.com }\n',
        /accountId must be 12 digits/,
      ],
      [
        'identityCenter:\n  permissionSets:\n    - { name: Admin, sessionDuration: PT1X }\n',
        /sessionDuration must be seconds or an ISO-8601 duration/,
      ],
      [
        "identityCenter:\n  users: [{ userName: a, password: 'P-assw0rd!' }]\n  assignments: [{ userName: zed, accountId: '111111111111', permissionSet: A }]\n",
        /"zed" is not one of the users/,
      ],
      ['userPool: []\n', /unknown top-level key "userPool"/],
      ['userPools:\n  - { PoolName: app, MfaConfiguration: SOMETIMES }\n', /userPools\[0\]: 1 validation error detected/],
      ['identityCenter: [\n', /cannot parse seed file/],
    ];
    for (const [text, message] of cases) {
      await assert.rejects(startTestServer({ seedFile: writeSeed(text) }), message);
    }
  });
});
