/**
 * A user's whole life with the AWS SDK v3: sign-up → code from the outbox → confirm → sign in → attributes
 * → change password → forgot/confirm → disable (tokens and sign-in refused) → enable → delete (tokens
 * refused); with Cognito's errors for bad input, and nothing written when a request fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { secretHashFor } from '../../src/domain/auth.ts';
import { sha256hex } from '../../src/domain/ids.ts';
import { PASSWORD, createClient, createPool, signIn } from '../helpers/fixtures.ts';
import { followServerClock } from '../helpers/sdk-clock.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

type AwsError = Error & { $metadata?: { httpStatusCode?: number } };

async function rejects(p: Promise<unknown>, name: string, message: string | RegExp) {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.name, name);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

const NEW_PASSWORD = 'Battery-Staple-7';
const RESET_PASSWORD = 'Tr0ub4dor&3-again';

describe('user lifecycle (SDK v3)', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let poolId: string;
  let clientId: string;

  /** The newest code the outbox holds for `username`. */
  function lastCode(username: string, kind: string): string {
    const m = server.app.outbox
      .recent()
      .filter((x) => x.username === username && x.kind === kind)
      .pop();
    assert.ok(m, `no ${kind} for ${username} in the outbox`);
    return m.code;
  }
  let advance: (ms: number) => void;
  const userCount = async () => (await idp.send(new ListUsersCommand({ UserPoolId: poolId }))).Users?.length ?? 0;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    advance = followServerClock(server, idp);
    poolId = await createPool(idp, 'life', { AutoVerifiedAttributes: ['email'] });
    clientId = (await createClient(idp, poolId)).ClientId;
  });
  after(() => server.stop());

  it('signs up, confirms with the outbox code, and signs in', async () => {
    const r = await idp.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'bob',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }],
      }),
    );
    assert.equal(r.UserConfirmed, false);
    assert.match(r.UserSub ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(r.CodeDeliveryDetails, { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const code = lastCode('bob', 'signup-code');
    assert.match(code, /^\d{6}$/);
    // At rest the code is neither plaintext nor a bare hash of it.
    const stored = await server.app.store.codes.get(poolId, 'signup', r.UserSub as string);
    assert.ok(stored);
    assert.notEqual(stored.codeHash, code);
    assert.notEqual(stored.codeHash, sha256hex(code));
    assert.ok(stored.expiresAt - server.app.now() > 23.9 * 3_600_000);

    await rejects(signIn(idp, clientId, 'bob'), 'UserNotConfirmedException', 'User is not confirmed.');
    const wrong = code === '000000' ? '111111' : '000000';
    await rejects(
      idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: wrong })),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
    await idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: code }));
    await rejects(
      idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: code })),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );
    const u = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bob' }));
    assert.equal(u.UserStatus, 'CONFIRMED');
    assert.equal(u.Enabled, true);
    assert.deepEqual(
      u.UserAttributes?.find((a) => a.Name === 'email_verified'),
      { Name: 'email_verified', Value: 'true' },
    );
    const s = await signIn(idp, clientId, 'bob');
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: s.accessToken }))).Username, 'bob');
  });

  it('refuses bad sign-ups with Cognito errors and writes nothing', async () => {
    const before = await userCount();
    const outboxBefore = server.app.outbox.recent().length;
    await rejects(
      idp.send(new SignUpCommand({ ClientId: clientId, Username: 'bob', Password: PASSWORD })),
      'UsernameExistsException',
      'User already exists',
    );
    await rejects(
      idp.send(new SignUpCommand({ ClientId: clientId, Username: 'x'.repeat(129), Password: PASSWORD })),
      'InvalidParameterException',
      // UsernameType is sensitive, so Cognito leaves the value out of the message.
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
    await rejects(
      idp.send(new SignUpCommand({ ClientId: clientId, Username: 'weak', Password: 'password' })),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have numeric characters',
    );
    await rejects(
      idp.send(new SignUpCommand({ ClientId: 'nosuchclient', Username: 'carol', Password: PASSWORD })),
      'ResourceNotFoundException',
      'User pool client nosuchclient does not exist.',
    );
    await rejects(
      idp.send(new SignUpCommand({ ClientId: clientId, Password: PASSWORD } as never)),
      'InvalidParameterException',
      "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null",
    );
    await rejects(
      idp.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: 'carol',
          Password: PASSWORD,
          UserAttributes: [{ Name: 'shoe_size', Value: '9' }],
        }),
      ),
      'InvalidParameterException',
      'Attributes did not conform to the schema: Type for attribute {shoe_size} could not be determined',
    );
    await rejects(
      idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'nobody', ConfirmationCode: '123456' })),
      'UserNotFoundException',
      'Username/client id combination not found.',
    );
    assert.equal(await userCount(), before);
    assert.equal(server.app.outbox.recent().length, outboxBefore);
  });

  it('expires sign-up codes after 24 hours; ResendConfirmationCode issues a new one', async () => {
    await idp.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'dora',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'dora@example.com' }],
      }),
    );
    const stale = lastCode('dora', 'signup-code');
    advance(24 * 3_600_000 + 1000);
    await rejects(
      idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'dora', ConfirmationCode: stale })),
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    );
    const r = await idp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'dora' }));
    assert.deepEqual(r.CodeDeliveryDetails, { Destination: 'd***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const fresh = lastCode('dora', 'signup-code');
    if (fresh !== stale) {
      await rejects(
        idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'dora', ConfirmationCode: stale })),
        'CodeMismatchException',
        'Invalid verification code provided, please try again.',
      );
    }
    await idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'dora', ConfirmationCode: fresh }));
    await rejects(
      idp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'dora' })),
      'InvalidParameterException',
      'User is already confirmed.',
    );
  });

  it('stops accepting guesses after five wrong codes', async () => {
    await idp.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'gus',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'gus@example.com' }],
      }),
    );
    const code = lastCode('gus', 'signup-code');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await rejects(
        idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'gus', ConfirmationCode: wrong })),
        'CodeMismatchException',
        'Invalid verification code provided, please try again.',
      );
    }
    await rejects(
      idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'gus', ConfirmationCode: code })),
      'LimitExceededException',
      'Attempt limit exceeded, please try after some time.',
    );
    await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'gus' }));
    await rejects(
      idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'gus' })),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );
    const u = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'gus' }));
    assert.equal(u.UserStatus, 'CONFIRMED');
    // AdminConfirmSignUp confirms the account, not the address.
    assert.equal(
      u.UserAttributes?.find((a) => a.Name === 'email_verified'),
      undefined,
    );
  });

  it('updates and deletes attributes with an access token, honouring the schema', async () => {
    const s = await signIn(idp, clientId, 'bob');
    const r = await idp.send(
      new UpdateUserAttributesCommand({ AccessToken: s.accessToken, UserAttributes: [{ Name: 'given_name', Value: 'Robert' }] }),
    );
    assert.equal(r.CodeDeliveryDetailsList, undefined);
    let me = await idp.send(new GetUserCommand({ AccessToken: s.accessToken }));
    assert.equal(me.UserAttributes?.find((a) => a.Name === 'given_name')?.Value, 'Robert');
    await rejects(
      idp.send(new UpdateUserAttributesCommand({ AccessToken: s.accessToken, UserAttributes: [{ Name: 'sub', Value: 'x' }] })),
      'InvalidParameterException',
      'Attributes did not conform to the schema: sub: Attribute cannot be updated. (changing an immutable attribute)',
    );
    await idp.send(new DeleteUserAttributesCommand({ AccessToken: s.accessToken, UserAttributeNames: ['given_name'] }));
    me = await idp.send(new GetUserCommand({ AccessToken: s.accessToken }));
    assert.equal(
      me.UserAttributes?.find((a) => a.Name === 'given_name'),
      undefined,
    );
    await rejects(
      idp.send(new UpdateUserAttributesCommand({ AccessToken: 'not-a-token', UserAttributes: [{ Name: 'name', Value: 'x' }] })),
      'NotAuthorizedException',
      'Invalid Access Token',
    );
    await idp.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'bob',
        UserAttributes: [{ Name: 'family_name', Value: 'Tables' }],
      }),
    );
    await idp.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'bob', UserAttributeNames: ['family_name'] }));
    me = await idp.send(new GetUserCommand({ AccessToken: s.accessToken }));
    assert.equal(
      me.UserAttributes?.find((a) => a.Name === 'family_name'),
      undefined,
    );
  });

  it('changes the password: the previous one is checked and the policy applies', async () => {
    const s = await signIn(idp, clientId, 'bob');
    await rejects(
      idp.send(
        new ChangePasswordCommand({ AccessToken: s.accessToken, PreviousPassword: 'Wrong-Passw0rd', ProposedPassword: NEW_PASSWORD }),
      ),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    await rejects(
      idp.send(new ChangePasswordCommand({ AccessToken: s.accessToken, PreviousPassword: PASSWORD, ProposedPassword: 'short' })),
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    );
    await signIn(idp, clientId, 'bob', PASSWORD); // nothing changed so far
    await idp.send(new ChangePasswordCommand({ AccessToken: s.accessToken, PreviousPassword: PASSWORD, ProposedPassword: NEW_PASSWORD }));
    await rejects(signIn(idp, clientId, 'bob', PASSWORD), 'NotAuthorizedException', 'Incorrect username or password.');
    await signIn(idp, clientId, 'bob', NEW_PASSWORD);
  });

  it('resets a forgotten password with a one-hour code', async () => {
    const r = await idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'bob' }));
    assert.deepEqual(r.CodeDeliveryDetails, { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const stale = lastCode('bob', 'forgot-password-code');
    advance(3_600_000 + 1000);
    await rejects(
      idp.send(
        new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: stale, Password: RESET_PASSWORD }),
      ),
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    );
    const before = await signIn(idp, clientId, 'bob', NEW_PASSWORD);
    await idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'bob' }));
    const code = lastCode('bob', 'forgot-password-code');
    await rejects(
      idp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: code, Password: 'weak' })),
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    );
    await idp.send(
      new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: code, Password: RESET_PASSWORD }),
    );
    await rejects(
      idp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: code, Password: RESET_PASSWORD })),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
    await rejects(signIn(idp, clientId, 'bob', NEW_PASSWORD), 'NotAuthorizedException', 'Incorrect username or password.');
    await signIn(idp, clientId, 'bob', RESET_PASSWORD);
    // As in Cognito, a reset does not end existing sessions (GlobalSignOut does).
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: before.accessToken }))).Username, 'bob');
    await rejects(
      idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody' })),
      'UserNotFoundException',
      'Username/client id combination not found.',
    );
  });

  it('a changed e-mail becomes unverified and is sent a code', async () => {
    const s = await signIn(idp, clientId, 'dora');
    const r = await idp.send(
      new UpdateUserAttributesCommand({ AccessToken: s.accessToken, UserAttributes: [{ Name: 'email', Value: 'dora@new.example' }] }),
    );
    assert.deepEqual(r.CodeDeliveryDetailsList, [{ Destination: 'd***@n***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    assert.match(lastCode('dora', 'verify-attribute-code'), /^\d{6}$/);
    const me = await idp.send(new GetUserCommand({ AccessToken: s.accessToken }));
    assert.equal(me.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'false');
    await rejects(
      idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'dora' })),
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  });

  it('disabling revokes every token and refuses sign-in; enabling lets the user sign in again', async () => {
    const s = await signIn(idp, clientId, 'bob', RESET_PASSWORD);
    await idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'bob' }));
    await rejects(idp.send(new GetUserCommand({ AccessToken: s.accessToken })), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejects(
      idp.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: s.refreshToken } }),
      ),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    await rejects(
      idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: s.refreshToken })),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    await rejects(signIn(idp, clientId, 'bob', RESET_PASSWORD), 'NotAuthorizedException', 'User is disabled.');
    const disabled = await idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'status = "Disabled"' }));
    assert.deepEqual(
      disabled.Users?.map((u) => u.Username),
      ['bob'],
    );
    assert.equal((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bob' }))).Enabled, false);

    await idp.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'bob' }));
    await rejects(idp.send(new GetUserCommand({ AccessToken: s.accessToken })), 'NotAuthorizedException', 'Access Token has been revoked');
    const again = await signIn(idp, clientId, 'bob', RESET_PASSWORD);
    const refreshed = await idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: again.refreshToken }));
    const t = refreshed.AuthenticationResult?.AccessToken as string;
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: t }))).Username, 'bob');
  });

  it('DeleteUser and AdminDeleteUser end the user and refuse its tokens', async () => {
    const s = await signIn(idp, clientId, 'bob', RESET_PASSWORD);
    await idp.send(new DeleteUserCommand({ AccessToken: s.accessToken }));
    await rejects(idp.send(new GetUserCommand({ AccessToken: s.accessToken })), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejects(
      idp.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: s.refreshToken } }),
      ),
      'NotAuthorizedException',
      'Invalid Refresh Token',
    );
    await rejects(
      idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bob' })),
      'UserNotFoundException',
      'User does not exist.',
    );

    const d = await signIn(idp, clientId, 'dora');
    await idp.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'dora' }));
    await rejects(idp.send(new GetUserCommand({ AccessToken: d.accessToken })), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejects(signIn(idp, clientId, 'dora'), 'UserNotFoundException', 'User does not exist.');
    await rejects(
      idp.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'dora' })),
      'UserNotFoundException',
      'User does not exist.',
    );
  });

  it('a client with a secret needs SECRET_HASH for SignUp and ClientSecret for GetTokensFromRefreshToken', async () => {
    const c = await createClient(idp, poolId, { GenerateSecret: true });
    const secret = c.ClientSecret as string;
    await rejects(
      idp.send(new SignUpCommand({ ClientId: c.ClientId, Username: 'erin', Password: PASSWORD })),
      'NotAuthorizedException',
      `Client ${c.ClientId} is configured for secret but secret was not received`,
    );
    await rejects(
      idp.send(
        new SignUpCommand({
          ClientId: c.ClientId,
          Username: 'erin',
          Password: PASSWORD,
          SecretHash: secretHashFor('wrong', 'erin', c.ClientId),
        }),
      ),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${c.ClientId}`,
    );
    const r = await idp.send(
      new SignUpCommand({
        ClientId: c.ClientId,
        Username: 'erin',
        Password: PASSWORD,
        SecretHash: secretHashFor(secret, 'erin', c.ClientId),
      }),
    );
    assert.equal(r.CodeDeliveryDetails, undefined); // no e-mail given, nothing to send to
    await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'erin' }));
    const a = await idp.send(
      new InitiateAuthCommand({
        ClientId: c.ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'erin', PASSWORD, SECRET_HASH: secretHashFor(secret, 'erin', c.ClientId) },
      }),
    );
    const rt = a.AuthenticationResult?.RefreshToken as string;
    await rejects(
      idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: rt })),
      'NotAuthorizedException',
      `Client ${c.ClientId} is configured for secret but secret was not received`,
    );
    const ok = await idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: rt, ClientSecret: secret }));
    assert.ok(ok.AuthenticationResult?.AccessToken);
    await rejects(
      idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: rt })),
      'NotAuthorizedException',
      'Invalid Refresh Token',
    );
  });
});
