/**
 * Sign-in by alias through the real server and the SDK: which attribute kinds sign in (UsernameAttributes
 * whatever their verification; AliasAttributes email/phone only when verified; preferred_username always),
 * case-insensitive values, and which user wins when several share a value (the first eligible one in user
 * name order).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, PASSWORD, signIn } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

async function user(idp: CognitoIdentityProviderClient, poolId: string, username: string, attrs: Record<string, string>) {
  const UserAttributes: AttributeType[] = Object.entries(attrs).map(([Name, Value]) => ({ Name, Value }));
  await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS', UserAttributes }));
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

describe('sign-in by alias', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
  });
  after(() => server.stop());

  /** The user name the ID token of a sign-in as `name` belongs to, or the error's name. */
  async function who(clientId: string, name: string): Promise<string> {
    try {
      return claims((await signIn(idp, clientId, name)).idToken)['cognito:username'] as string;
    } catch (e) {
      return (e as Error).name;
    }
  }

  it('AliasAttributes: verified e-mail/phone and any preferred_username sign in; the first eligible user wins', async () => {
    const poolId = await createPool(idp, 'aliases', { AliasAttributes: ['email', 'phone_number', 'preferred_username'] });
    const { ClientId } = await createClient(idp, poolId);
    await user(idp, poolId, 'carol', { email: 'shared@example.com', email_verified: 'false' });
    await user(idp, poolId, 'bob', { email: 'Shared@Example.com', email_verified: 'true' });
    await user(idp, poolId, 'alice', { email: 'shared@example.com', email_verified: 'false' });
    await user(idp, poolId, 'dan', { preferred_username: 'Danny', phone_number: '+15550100', phone_number_verified: 'false' });
    await user(idp, poolId, 'erin', { phone_number: '+15550199', phone_number_verified: 'true', email: 'erin@example.com' });

    assert.equal(await who(ClientId, 'SHARED@example.COM'), 'bob', 'the verified one of three');
    assert.equal(await who(ClientId, 'danny'), 'dan', 'preferred_username needs no verification');
    assert.equal(await who(ClientId, '+15550100'), 'UserNotFoundException', 'unverified phone');
    assert.equal(await who(ClientId, '+15550199'), 'erin');
    assert.equal(await who(ClientId, 'erin@example.com'), 'UserNotFoundException', 'e-mail never verified');
    assert.equal(await who(ClientId, 'nobody@example.com'), 'UserNotFoundException');
    await user(idp, poolId, 'zed', { preferred_username: 'twin' });
    await user(idp, poolId, 'yan', { preferred_username: 'Twin' });
    assert.equal(await who(ClientId, 'TWIN'), 'yan', 'user name order, not creation order');
  });

  it('UsernameAttributes: the e-mail signs in unverified; of users sharing it, the first in user name order', async () => {
    const poolId = await createPool(idp, 'by-email', { UsernameAttributes: ['email'] });
    const { ClientId } = await createClient(idp, poolId);
    await user(idp, poolId, 'Ann@Example.com', {});
    const sub = await who(ClientId, 'ann@example.COM');
    assert.match(sub, /^[0-9a-f-]{36}$/, 'named by its sub');
    // A second user with the same e-mail cannot be created through the API; the rule still picks one.
    await assert.rejects(() => user(idp, poolId, 'ann@example.com', {}), { name: 'UsernameExistsException' });
    assert.equal(await who(ClientId, 'ann@example.com'), sub);
  });
});
