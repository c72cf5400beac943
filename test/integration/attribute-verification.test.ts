/**
 * Verification and recovery (SDK v3, AWS CLI v1): GetUserAttributeVerificationCode and VerifyUserAttribute
 * with codes from the outbox, AttributesRequireVerificationBeforeUpdate keeping the old value until the new
 * one is verified, and AdminResetUserPassword (RESET_REQUIRED → PasswordResetRequiredException → reset code
 * → ConfirmForgotPassword → sign-in).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import {
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  CreateUserPoolCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, PASSWORD, signIn } from '../helpers/fixtures.ts';
import { awsCli, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

type AwsError = Error & { $metadata?: { httpStatusCode?: number } };

async function rejects(p: Promise<unknown>, name: string, message: string) {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

describe('attribute verification and admin password reset', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  const lastCode = (username: string, kind: string) => {
    const m = server.app.outbox
      .recent()
      .filter((x) => x.username === username && x.kind === kind)
      .pop();
    assert.ok(m, `no ${kind} for ${username}`);
    return m;
  };
  const attrOf = (attrs: { Name?: string; Value?: string }[] | undefined, name: string) => attrs?.find((a) => a.Name === name)?.Value;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
  });
  after(() => server.stop());

  let annToken = '';
  let resetPoolId = '';
  it('GetUserAttributeVerificationCode sends a code; VerifyUserAttribute marks the attribute verified', async () => {
    const poolId = await createPool(idp, 'verify');
    const { ClientId } = await createClient(idp, poolId);
    await createUser(idp, poolId, 'ann');
    await idp.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'ann',
        UserAttributes: [{ Name: 'phone_number', Value: '+15555550100' }],
      }),
    );
    const { accessToken } = await signIn(idp, ClientId, 'ann');
    const sent = await idp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: 'phone_number' }));
    assert.deepEqual(sent.CodeDeliveryDetails, { Destination: '+*******0100', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const msg = lastCode('ann', 'verify-attribute-code');
    assert.equal(msg.destination, '+15555550100');
    await rejects(
      idp.send(
        new VerifyUserAttributeCommand({
          AccessToken: accessToken,
          AttributeName: 'phone_number',
          Code: '000000' === msg.code ? '111111' : '000000',
        }),
      ),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
    await idp.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'phone_number', Code: msg.code }));
    const me = await idp.send(new GetUserCommand({ AccessToken: accessToken }));
    assert.equal(attrOf(me.UserAttributes, 'phone_number_verified'), 'true');
    // Single use.
    await rejects(
      idp.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'phone_number', Code: msg.code })),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
    await rejects(
      idp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: 'name' })),
      'InvalidParameterException',
      'Invalid attribute name. Only phone_number and email can be verified',
    );
    await rejects(
      idp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: 'not-a-token', AttributeName: 'email' })),
      'NotAuthorizedException',
      'Invalid Access Token',
    );

    annToken = accessToken;
  });

  it('the AWS CLI v1 drives GetUserAttributeVerificationCode and VerifyUserAttribute', { needs: ['aws-v1'] }, async () => {
    const accessToken = annToken;
    const cli = await awsCli(server, [
      'cognito-idp',
      'get-user-attribute-verification-code',
      '--access-token',
      accessToken,
      '--attribute-name',
      'email',
    ]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(JSON.parse(cli.stdout).CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    const code = lastCode('ann', 'verify-attribute-code').code;
    const ok = await awsCli(server, [
      'cognito-idp',
      'verify-user-attribute',
      '--access-token',
      accessToken,
      '--attribute-name',
      'email',
      '--code',
      code,
    ]);
    assert.equal(ok.status, 0, ok.stderr);
  });

  it('AttributesRequireVerificationBeforeUpdate keeps the old e-mail until the new one is verified', async () => {
    await assert.rejects(
      idp.send(
        new CreateUserPoolCommand({ PoolName: 'x', UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } }),
      ),
      (e: AwsError) => e.name === 'InvalidParameterException' && /AutoVerifiedAttributes/.test(e.message),
    );
    const poolId = await createPool(idp, 'held', {
      AutoVerifiedAttributes: ['email'],
      UsernameAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
    const { ClientId } = await createClient(idp, poolId);
    await createUser(idp, poolId, 'old@example.com', PASSWORD, 'old@example.com');
    const { accessToken } = await signIn(idp, ClientId, 'old@example.com');
    const r = await idp.send(
      new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'email', Value: 'new@example.com' }] }),
    );
    assert.equal(r.CodeDeliveryDetailsList?.[0]?.AttributeName, 'email');
    const msg = lastCode(lastCodeUser(server), 'verify-attribute-code');
    assert.equal(msg.destination, 'new@example.com');
    let me = await idp.send(new GetUserCommand({ AccessToken: accessToken }));
    assert.equal(attrOf(me.UserAttributes, 'email'), 'old@example.com', 'the old value stays');
    assert.equal(attrOf(me.UserAttributes, 'email_verified'), 'true', 'and stays verified');
    await signIn(idp, ClientId, 'old@example.com');

    await idp.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'email', Code: msg.code }));
    me = await idp.send(new GetUserCommand({ AccessToken: accessToken }));
    assert.equal(attrOf(me.UserAttributes, 'email'), 'new@example.com');
    assert.equal(attrOf(me.UserAttributes, 'email_verified'), 'true');
    await signIn(idp, ClientId, 'new@example.com');
  });

  it('AdminResetUserPassword: RESET_REQUIRED, PasswordResetRequiredException at sign-in, then a reset with the code', async () => {
    const poolId = await createPool(idp, 'reset');
    const { ClientId } = await createClient(idp, poolId);
    await createUser(idp, poolId, 'rex');
    await idp.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'rex' }));
    assert.equal((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'rex' }))).UserStatus, 'RESET_REQUIRED');
    await rejects(
      idp.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'rex', PASSWORD } })),
      'PasswordResetRequiredException',
      'Password reset required for the user',
    );
    const code = lastCode('rex', 'forgot-password-code').code;
    await idp.send(new ConfirmForgotPasswordCommand({ ClientId, Username: 'rex', ConfirmationCode: code, Password: 'Brand-New-Pass-1' }));
    assert.equal((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'rex' }))).UserStatus, 'CONFIRMED');
    await signIn(idp, ClientId, 'rex', 'Brand-New-Pass-1');

    await rejects(
      idp.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'nobody' })),
      'UserNotFoundException',
      'User does not exist.',
    );
    // No verified e-mail or phone: refused, and the user is unchanged.
    await createUser(idp, poolId, 'una');
    await idp.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'una',
        UserAttributes: [{ Name: 'email_verified', Value: 'false' }],
      }),
    );
    await rejects(
      idp.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'una' })),
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
    assert.equal((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'una' }))).UserStatus, 'CONFIRMED');
    resetPoolId = poolId;
  });

  it('the AWS CLI v1 prints AdminResetUserPassword refusal', { needs: ['aws-v1'] }, async () => {
    const poolId = resetPoolId;
    const cli = await awsCli(server, ['cognito-idp', 'admin-reset-user-password', '--user-pool-id', poolId, '--username', 'una']);
    assert.equal(cli.status, 255);
    assert.equal(
      cli.stderr,
      '\nAn error occurred (InvalidParameterException) when calling the AdminResetUserPassword operation: Cannot reset password for the user as there is no registered/verified email or phone_number\n',
    );
    assert.equal((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'una' }))).UserStatus, 'CONFIRMED');
  });
});

/** The user name of the newest outbox message (pools with UsernameAttributes name users by sub). */
function lastCodeUser(server: TestServer): string {
  const m = server.app.outbox.recent().pop();
  assert.ok(m);
  return m.username;
}
