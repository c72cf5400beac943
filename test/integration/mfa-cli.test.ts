/**
 * MFA through the installed AWS CLI v1: set-user-pool-mfa-config / get-user-pool-mfa-config,
 * associate-software-token and verify-software-token, admin-initiate-auth answered with
 * SOFTWARE_TOKEN_MFA, a wrong and a replayed code as the CLI prints them (exit 255), and an SMS_MFA
 * sign-in with initiate-auth / respond-to-auth-challenge.
 */
import assert from 'node:assert/strict';
import { createClient, createPool, createUser, PASSWORD } from '../helpers/fixtures.ts';
import { awsCli, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { after, before, describe, it } from '../helpers/tools.ts';
import { totp } from '../helpers/totp.ts';

describe('MFA with the AWS CLI v1', { needs: ['aws-v1'] }, () => {
  let server: TestServer;
  let poolId: string;
  let clientId: string;

  const ok = async (...args: string[]) => {
    const r = await awsCli(server, ['cognito-idp', ...args]);
    assert.equal(r.status, 0, `aws ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout.trim() ? JSON.parse(r.stdout) : {};
  };
  const fails = async (op: string, code: string, message: string, ...args: string[]) => {
    const r = await awsCli(server, ['cognito-idp', ...args]);
    assert.equal(r.status, 255, r.stderr);
    assert.equal(r.stderr, `\nAn error occurred (${code}) when calling the ${op} operation: ${message}\n`);
  };

  before(async () => {
    server = await startTestServer();
    const idp = idpClient(server);
    poolId = await createPool(idp, 'cli-mfa');
    clientId = (await createClient(idp, poolId)).ClientId;
    await createUser(idp, poolId, 'tina');
  });
  after(() => server.stop());

  it('aws v1: pool MFA configuration, TOTP set-up, and an admin sign-in answered with a code', async () => {
    const set = await ok(
      'set-user-pool-mfa-config',
      '--user-pool-id',
      poolId,
      '--mfa-configuration',
      'OPTIONAL',
      '--software-token-mfa-configuration',
      'Enabled=true',
    );
    assert.equal(set.MfaConfiguration, 'OPTIONAL');
    assert.deepEqual((await ok('get-user-pool-mfa-config', '--user-pool-id', poolId)).SoftwareTokenMfaConfiguration, { Enabled: true });

    const auth = ['--user-pool-id', poolId, '--client-id', clientId, '--auth-flow', 'ADMIN_USER_PASSWORD_AUTH'];
    const first = await ok('admin-initiate-auth', ...auth, '--auth-parameters', `USERNAME=tina,PASSWORD=${PASSWORD}`);
    const access = first.AuthenticationResult.AccessToken as string;
    const { SecretCode } = await ok('associate-software-token', '--access-token', access);
    assert.equal(
      (await ok('verify-software-token', '--access-token', access, '--user-code', totp(SecretCode, server.clock.now()))).Status,
      'SUCCESS',
    );
    await ok(
      'admin-set-user-mfa-preference',
      '--user-pool-id',
      poolId,
      '--username',
      'tina',
      '--software-token-mfa-settings',
      'Enabled=true,PreferredMfa=true',
    );
    const user = await ok('admin-get-user', '--user-pool-id', poolId, '--username', 'tina');
    assert.deepEqual(user.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);

    server.clock.advance(30_000);
    const challenge = await ok('admin-initiate-auth', ...auth, '--auth-parameters', `USERNAME=tina,PASSWORD=${PASSWORD}`);
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const code = totp(SecretCode, server.clock.now());
    const respond = (session: string, c: string) => [
      'admin-respond-to-auth-challenge',
      '--user-pool-id',
      poolId,
      '--client-id',
      clientId,
      '--challenge-name',
      'SOFTWARE_TOKEN_MFA',
      // One argument, so a session that starts with '-' is not read as an option.
      `--session=${session}`,
      '--challenge-responses',
      `USERNAME=tina,SOFTWARE_TOKEN_MFA_CODE=${c}`,
    ];
    await fails(
      'AdminRespondToAuthChallenge',
      'CodeMismatchException',
      'Invalid code received for user',
      ...respond(challenge.Session, code === '123456' ? '654321' : '123456'),
    );
    const done = await ok(...respond(challenge.Session, code));
    assert.ok(done.AuthenticationResult.AccessToken);
    // The code is spent: a new sign-in in the same 30 s cannot reuse it.
    const again = await ok('admin-initiate-auth', ...auth, '--auth-parameters', `USERNAME=tina,PASSWORD=${PASSWORD}`);
    await fails('AdminRespondToAuthChallenge', 'CodeMismatchException', 'Invalid code received for user', ...respond(again.Session, code));
  });

  it('aws v1: SMS_MFA with initiate-auth and respond-to-auth-challenge, the code from the outbox', async () => {
    await ok(
      'set-user-pool-mfa-config',
      '--user-pool-id',
      poolId,
      '--sms-mfa-configuration',
      'SmsAuthenticationMessage="Code {####}",SmsConfiguration={SnsCallerArn=arn:aws:iam::123456789012:role/sns}',
    );
    await ok(
      'admin-create-user',
      '--user-pool-id',
      poolId,
      '--username',
      'sid',
      '--message-action',
      'SUPPRESS',
      '--user-attributes',
      'Name=phone_number,Value=+15555550142',
    );
    await ok('admin-set-user-password', '--user-pool-id', poolId, '--username', 'sid', '--password', PASSWORD, '--permanent');
    await ok('admin-set-user-mfa-preference', '--user-pool-id', poolId, '--username', 'sid', '--sms-mfa-settings', 'Enabled=true');
    const c = await ok(
      'initiate-auth',
      '--client-id',
      clientId,
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--auth-parameters',
      `USERNAME=sid,PASSWORD=${PASSWORD}`,
    );
    assert.equal(c.ChallengeName, 'SMS_MFA');
    assert.equal(c.ChallengeParameters.CODE_DELIVERY_DESTINATION, '+*******0142');
    const sent = server.app.outbox
      .recent()
      .filter((m) => m.username === 'sid' && m.kind === 'mfa-code')
      .pop();
    assert.ok(sent);
    const done = await ok(
      'respond-to-auth-challenge',
      '--client-id',
      clientId,
      '--challenge-name',
      'SMS_MFA',
      `--session=${c.Session}`,
      '--challenge-responses',
      `USERNAME=sid,SMS_MFA_CODE=${sent.code}`,
    );
    assert.ok(done.AuthenticationResult.IdToken);
  });
});
