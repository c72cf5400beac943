/**
 * Where the sign-in triggers fire beyond the password flows, run in both modes like the rest
 * (test/helpers/lambda-trigger-suite.ts): PreAuthentication at a CUSTOM_AUTH InitiateAuth (before
 * DefineAuthChallenge, which a refusal keeps from running), and TokenGeneration_AuthenticateDevice when
 * tokens are issued in answer to DEVICE_PASSWORD_VERIFIER (device maths from amazon-cognito-identity-js),
 * TokenGeneration_Authentication when an MFA answer issues them after the device's proof.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type ClientDevice, deviceSignIns } from './device-sign-in.ts';
import { createClient, createPool, createUser } from './fixtures.ts';
import { arnOf, type Functions } from './lambda-functions.ts';
import { fixtures } from './lambda/fixtures.ts';
import { claimsOf, liveGrants, refusedWith, type SuiteEnv, triggerEnvHooks } from './lambda-trigger-suite.ts';
import { totp } from './totp.ts';

const CUSTOM_FLOWS = ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** One CUSTOM_CHALLENGE whose answer is "42". */
function oneQuestion(fns: Functions): void {
  fns.on('define', (e) => {
    const last = (e.request.session as { challengeResult: boolean }[]).at(-1);
    if (!last) return { ...e, response: { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false } };
    return { ...e, response: { challengeName: null, issueTokens: last.challengeResult, failAuthentication: !last.challengeResult } };
  });
  fns.on('create', (e) => ({
    ...e,
    response: { publicChallengeParameters: { question: 'answer?' }, privateChallengeParameters: { answer: '42' }, challengeMetadata: null },
  }));
  fns.on('verify', (e) => ({ ...e, response: { answerCorrect: e.request.challengeAnswer === '42' } }));
}

export function triggerSuiteSources(mode: 'http' | 'local'): void {
  describe(`Lambda triggers, CUSTOM_AUTH and device sign-in (${mode === 'http' ? 'Lambda Invoke API' : 'local modules'})`, () => {
    let env: SuiteEnv;
    let idp: CognitoIdentityProviderClient;
    let fns: Functions;
    const lastEvent = triggerEnvHooks(mode, (started) => {
      env = started;
      idp = env.idp;
      fns = env.fns;
    });
    const sources = () => fns.calls.map((c) => c.event.triggerSource);
    const attrsOf = async (poolId: string, Username: string) => {
      const u = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username }));
      const sub = u.UserAttributes?.find((a) => a.Name === 'sub')?.Value as string;
      return { sub, email: `${Username}@example.com`, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' };
    };

    async function customPool(name: string, client: Record<string, unknown> = {}) {
      const poolId = await createPool(idp, name, {
        LambdaConfig: {
          PreAuthentication: arnOf('pre-auth'),
          DefineAuthChallenge: arnOf('define'),
          CreateAuthChallenge: arnOf('create'),
          VerifyAuthChallengeResponse: arnOf('verify'),
          PreTokenGeneration: arnOf('pre-token'),
        },
      });
      const { ClientId: clientId } = await createClient(idp, poolId, { ExplicitAuthFlows: CUSTOM_FLOWS, ...client });
      return { poolId, clientId };
    }

    it('CUSTOM_AUTH: PreAuthentication_Authentication at InitiateAuth, before DefineAuthChallenge, and not again at the answers', async () => {
      const { poolId, clientId } = await customPool('custom-pre-auth');
      await createUser(idp, poolId, 'nina');
      oneQuestion(fns);
      const start = await idp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: 'nina' },
          ClientMetadata: { tenant: 't1' },
        }),
      );
      assert.equal(start.ChallengeName, 'CUSTOM_CHALLENGE');
      assert.deepEqual(sources(), [
        'PreAuthentication_Authentication',
        'DefineAuthChallenge_Authentication',
        'CreateAuthChallenge_Authentication',
      ]);
      const ids = { poolId, clientId, userName: 'nina' };
      const attrs = await attrsOf(poolId, 'nina');
      // The same event as a password sign-in's: ClientMetadata arrives as validationData.
      assert.deepEqual(lastEvent('pre-auth'), fixtures.PreAuthentication_Authentication(ids, attrs, { tenant: 't1' }));

      fns.calls.length = 0;
      const done = await idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session: start.Session,
          ChallengeResponses: { USERNAME: 'nina', ANSWER: '42' },
        }),
      );
      assert.ok(done.AuthenticationResult?.AccessToken);
      assert.deepEqual(sources(), [
        'VerifyAuthChallengeResponse_Authentication',
        'DefineAuthChallenge_Authentication',
        'TokenGeneration_Authentication',
      ]);
      assert.deepEqual(lastEvent('pre-token'), fixtures.TokenGeneration('Authentication', ids, attrs, '1'));

      // AdminInitiateAuth with CUSTOM_AUTH too.
      fns.calls.length = 0;
      await idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: 'nina' },
        }),
      );
      assert.deepEqual(sources(), [
        'PreAuthentication_Authentication',
        'DefineAuthChallenge_Authentication',
        'CreateAuthChallenge_Authentication',
      ]);
    });

    it('CUSTOM_AUTH: a failing PreAuthentication refuses the sign-in; DefineAuthChallenge is not invoked and nothing is issued', async () => {
      const { poolId, clientId } = await customPool('custom-pre-auth-refused');
      await createUser(idp, poolId, 'omar');
      oneQuestion(fns);
      fns.on('pre-auth', () => {
        throw new Error('no custom sign-in today');
      });
      const message = 'PreAuthentication failed with error no custom sign-in today.';
      await refusedWith(
        idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'omar' } })),
        'UserLambdaValidationException',
        message,
      );
      await refusedWith(
        idp.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: 'CUSTOM_AUTH',
            AuthParameters: { USERNAME: 'omar' },
          }),
        ),
        'UserLambdaValidationException',
        message,
      );
      assert.deepEqual(sources(), ['PreAuthentication_Authentication', 'PreAuthentication_Authentication']);
      assert.equal(fns.events('define').length, 0);
      assert.equal(fns.events('create').length, 0);
      assert.equal(await liveGrants(env, poolId, clientId), 0);
      const user = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'omar' }));
      assert.equal(user.UserStatus, 'CONFIRMED');
      assert.equal(user.Enabled, true);
      // Once the function agrees, the same user goes on to the challenge.
      fns.on('pre-auth', (e) => e);
      const start = await idp.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'omar' } }),
      );
      assert.equal(start.ChallengeName, 'CUSTOM_CHALLENGE');
    });

    it('CUSTOM_AUTH for an unknown user: PreAuthentication only when the client hides user existence (userNotFound: true)', async () => {
      const { poolId, clientId } = await customPool('custom-unknown', { PreventUserExistenceErrors: 'ENABLED' });
      oneQuestion(fns);
      await refusedWith(
        idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'ghost' } })),
        'NotAuthorizedException',
        'Incorrect username or password.',
      );
      assert.deepEqual(
        lastEvent('pre-auth'),
        fixtures.PreAuthentication_Authentication({ poolId, clientId, userName: 'ghost' }, {}, undefined, true),
      );
      assert.equal(fns.events('define').length, 0);

      fns.reset();
      const legacy = (await createClient(idp, poolId, { ExplicitAuthFlows: CUSTOM_FLOWS, PreventUserExistenceErrors: 'LEGACY' })).ClientId;
      await refusedWith(
        idp.send(new InitiateAuthCommand({ ClientId: legacy, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'ghost' } })),
        'UserNotFoundException',
        'User does not exist.',
      );
      assert.deepEqual(sources(), [], 'an unknown user reported as such invokes nothing');
    });

    const { passwordSignIn, confirmDevice, deviceSignIn } = deviceSignIns(
      () => idp,
      () => env.server.clock.now(),
    );

    describe('device authentication, remembered device', () => {
      let poolId: string;
      let clientId: string;
      let device: ClientDevice;

      before(async () => {
        poolId = await createPool(idp, 'device-tokens', {
          DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
          LambdaConfig: {
            PreAuthentication: arnOf('pre-auth'),
            PostAuthentication: arnOf('post-auth'),
            PreTokenGeneration: arnOf('pre-token'),
          },
        });
        clientId = (await createClient(idp, poolId)).ClientId;
        await createUser(idp, poolId, 'pia');
        // The first sign-in makes the device; confirmed, it is remembered at once (no user prompt).
        device = await confirmDevice(poolId, (await passwordSignIn(clientId, 'pia')).AuthenticationResult as AuthenticationResultType);
      });

      it('tokens issued after DEVICE_PASSWORD_VERIFIER: TokenGeneration_AuthenticateDevice, with its effect; refresh stays RefreshTokens', async () => {
        fns.on('pre-token', (e) => ({
          ...e,
          response: { claimsOverrideDetails: { claimsToAddOrOverride: { signed_in_with: e.triggerSource } } },
        }));
        const r = await deviceSignIn(clientId, 'pia', device);
        const tokens = r.AuthenticationResult as AuthenticationResultType;
        assert.ok(tokens.IdToken, 'a remembered device skips MFA and gets tokens');
        assert.deepEqual(sources(), [
          'PreAuthentication_Authentication',
          'PostAuthentication_Authentication',
          'TokenGeneration_AuthenticateDevice',
        ]);
        const ids = { poolId, clientId, userName: 'pia' };
        const attrs = await attrsOf(poolId, 'pia');
        assert.deepEqual(lastEvent('pre-token'), fixtures.TokenGeneration('AuthenticateDevice', ids, attrs, '1'));
        assert.equal(claimsOf(tokens.IdToken).signed_in_with, 'TokenGeneration_AuthenticateDevice');
        assert.equal(claimsOf(tokens.AccessToken).device_key, device.key);

        // A password sign-in without the device is still TokenGeneration_Authentication.
        fns.calls.length = 0;
        const plain = (await passwordSignIn(clientId, 'pia')).AuthenticationResult as AuthenticationResultType;
        assert.equal(claimsOf(plain.IdToken).signed_in_with, 'TokenGeneration_Authentication');

        fns.calls.length = 0;
        const refreshed = await idp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken as string, DEVICE_KEY: device.key },
          }),
        );
        assert.deepEqual(sources(), ['TokenGeneration_RefreshTokens']);
        assert.equal(claimsOf(refreshed.AuthenticationResult?.IdToken).signed_in_with, 'TokenGeneration_RefreshTokens');
      });

      it('a failing PreTokenGeneration at device authentication issues nothing; the device signs in once it agrees', async () => {
        await liveGrants(env, poolId, clientId); // start from no live grants
        fns.on('pre-token', () => {
          throw new Error('device blocked');
        });
        await refusedWith(
          deviceSignIn(clientId, 'pia', device),
          'UserLambdaValidationException',
          'PreTokenGeneration failed with error device blocked.',
        );
        assert.equal(lastEvent('pre-token').triggerSource, 'TokenGeneration_AuthenticateDevice');
        assert.equal(await liveGrants(env, poolId, clientId), 0);
        fns.reset();
        assert.ok((await deviceSignIn(clientId, 'pia', device)).AuthenticationResult?.AccessToken);
      });
    });

    it('a device that does not skip MFA: AuthenticateDevice when no MFA follows its proof, Authentication after an MFA answer', async () => {
      // ChallengeRequiredOnNewDevice false: the device proves itself, and MFA is then asked as usual.
      const poolId = await createPool(idp, 'device-then-mfa', {
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
        LambdaConfig: { PreTokenGeneration: arnOf('pre-token') },
      });
      await idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: 'OPTIONAL',
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
      const { ClientId: clientId } = await createClient(idp, poolId);
      await createUser(idp, poolId, 'quin');
      const first = (await passwordSignIn(clientId, 'quin')).AuthenticationResult as AuthenticationResultType;
      const device = await confirmDevice(poolId, first);

      // No MFA for this user yet: the tokens come in the answer to DEVICE_PASSWORD_VERIFIER.
      fns.calls.length = 0;
      const noMfa = await deviceSignIn(clientId, 'quin', device);
      assert.ok(noMfa.AuthenticationResult?.AccessToken);
      assert.deepEqual(sources(), ['TokenGeneration_AuthenticateDevice']);

      // With TOTP on, the device's proof leads to SOFTWARE_TOKEN_MFA, whose answer issues the tokens.
      const token = first.AccessToken as string;
      const secret = (await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: token }))).SecretCode as string;
      await idp.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: totp(secret, env.server.clock.now()) }));
      await idp.send(
        new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
      );
      env.server.clock.advance(30_000); // a fresh TOTP step, so the code is not a replay
      fns.calls.length = 0;
      const challenge = await deviceSignIn(clientId, 'quin', device);
      assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
      assert.deepEqual(sources(), [], 'no tokens yet, no PreTokenGeneration');
      const done = await idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session,
          ChallengeResponses: {
            USERNAME: 'quin',
            SOFTWARE_TOKEN_MFA_CODE: totp(secret, env.server.clock.now()),
            DEVICE_KEY: device.key,
          },
        }),
      );
      assert.equal(claimsOf(done.AuthenticationResult?.AccessToken).device_key, device.key);
      assert.deepEqual(sources(), ['TokenGeneration_Authentication']);
    });
  });
}
