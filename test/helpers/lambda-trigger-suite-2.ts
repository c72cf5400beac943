/**
 * The second half of the trigger suite (UserMigration and the custom authentication triggers), run in
 * both modes like the first (test/helpers/lambda-trigger-suite.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { PASSWORD, createClient, createPool, createUser } from './fixtures.ts';
import { arnOf, type Event, type Functions } from './lambda-functions.ts';
import { customMessageEvent, fixtures, normalise } from './lambda/fixtures.ts';
import { claimsOf, liveGrants, refusedWith, type SuiteEnv, triggerEnvHooks } from './lambda-trigger-suite.ts';

/** The clientMetadata an event carried. */
const metaOf = (e: Event | undefined) => (e?.request as { clientMetadata?: unknown } | undefined)?.clientMetadata;

const CUSTOM_FLOWS = ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** A quiz: DefineAuthChallenge asks until an answer is right (tokens) or three were wrong (fail). */
function quiz(fns: Functions): void {
  fns.on('define', (e) => {
    const session = e.request.session as { challengeResult: boolean }[];
    const last = session.at(-1);
    if (last?.challengeResult) return { ...e, response: { challengeName: null, issueTokens: true, failAuthentication: false } };
    if (session.length >= 3) return { ...e, response: { challengeName: null, issueTokens: false, failAuthentication: true } };
    return { ...e, response: { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false } };
  });
  fns.on('create', (e) => {
    const round = (e.request.session as unknown[]).length + 1;
    return {
      ...e,
      response: {
        publicChallengeParameters: { question: `${round}+${round}?` },
        privateChallengeParameters: { answer: String(round * 2) },
        challengeMetadata: `Q${round}`,
      },
    };
  });
  fns.on('verify', (e) => ({
    ...e,
    response: { answerCorrect: e.request.challengeAnswer === (e.request.privateChallengeParameters as { answer: string }).answer },
  }));
}

export function triggerSuitePart2(mode: 'http' | 'local'): void {
  describe(`Lambda triggers, migration and custom auth (${mode === 'http' ? 'Lambda Invoke API' : 'local modules'})`, () => {
    let env: SuiteEnv;
    let idp: CognitoIdentityProviderClient;
    let fns: Functions;
    const lastEvent = triggerEnvHooks(mode, (started) => {
      env = started;
      idp = env.idp;
      fns = env.fns;
    });
    const subOf = async (poolId: string, Username: string) =>
      (await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username }))).UserAttributes?.find((a) => a.Name === 'sub')
        ?.Value as string;

    it('UserMigration_Authentication creates the user; it then signs in again without the trigger', async () => {
      const poolId = await createPool(idp, 'migrate', { LambdaConfig: { UserMigration: arnOf('migrate') } });
      const { ClientId: clientId } = await createClient(idp, poolId);
      fns.on('migrate', (e: Event) => {
        if (e.request.password !== 'Legacy-Pass-1') throw new Error('Bad password');
        return {
          ...e,
          response: {
            userAttributes: { email: 'sam@legacy.example', email_verified: 'true' },
            finalUserStatus: 'CONFIRMED',
            messageAction: 'SUPPRESS',
          },
        };
      });
      const signIn = (password: string) =>
        idp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'sam', PASSWORD: password },
            ClientMetadata: { app: 'legacy' },
          }),
        );
      await refusedWith(signIn('wrong-Pass-1'), 'UserLambdaValidationException', 'UserMigration failed with error Bad password.');
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'sam' })), 'UserNotFoundException');
      fns.reset();
      fns.on('migrate', (e: Event) => ({
        ...e,
        response: {
          userAttributes: { email: 'sam@legacy.example', email_verified: 'true' },
          finalUserStatus: 'CONFIRMED',
          messageAction: 'SUPPRESS',
        },
      }));
      const first = await signIn('Legacy-Pass-1');
      assert.ok(first.AuthenticationResult?.AccessToken);
      assert.deepEqual(
        lastEvent('migrate'),
        fixtures.UserMigration('Authentication', { poolId, clientId, userName: 'sam' }, 'Legacy-Pass-1', { app: 'legacy' }),
      );
      const user = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'sam' }));
      assert.equal(user.UserStatus, 'CONFIRMED');
      assert.equal(user.UserAttributes?.find((a) => a.Name === 'email')?.Value, 'sam@legacy.example');
      assert.equal(claimsOf(first.AuthenticationResult?.IdToken).email, 'sam@legacy.example');
      // Migrated: the next sign-in never calls the function (it would refuse now).
      fns.reset();
      fns.on('migrate', () => {
        throw new Error('must not be called');
      });
      const again = await signIn('Legacy-Pass-1');
      assert.ok(again.AuthenticationResult?.AccessToken);
      assert.equal(fns.events('migrate').length, 0);
      await refusedWith(signIn('Not-The-Pass-1'), 'NotAuthorizedException', 'Incorrect username or password.');
    });

    it('UserMigration_ForgotPassword creates the user RESET_REQUIRED with a reset code; a garbled answer creates nothing', async () => {
      const poolId = await createPool(idp, 'migrate-forgot', { LambdaConfig: { UserMigration: arnOf('migrate') } });
      const { ClientId: clientId } = await createClient(idp, poolId);
      fns.on('migrate', (e: Event) => ({ ...e, response: { userAttributes: 'nope' } }));
      await refusedWith(
        idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'tess' })),
        'InvalidLambdaResponseException',
        'Unrecognizable lambda output',
      );
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'tess' })), 'UserNotFoundException');
      fns.on('migrate', (e: Event) => ({
        ...e,
        response: { userAttributes: { email: 'tess@legacy.example', email_verified: 'true' }, messageAction: 'SUPPRESS' },
      }));
      const out = await idp.send(
        new ForgotPasswordCommand({ ClientId: clientId, Username: 'tess', ClientMetadata: { why: 'first visit' } }),
      );
      assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      assert.deepEqual(
        lastEvent('migrate'),
        fixtures.UserMigration('ForgotPassword', { poolId, clientId, userName: 'tess' }, undefined, { why: 'first visit' }),
      );
      assert.equal((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'tess' }))).UserStatus, 'RESET_REQUIRED');
      const code = env.server.app.outbox
        .recent()
        .filter((m) => m.username === 'tess')
        .at(-1)?.code as string;
      await idp.send(
        new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'tess', ConfirmationCode: code, Password: PASSWORD }),
      );
      fns.reset();
      const r = await idp.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'tess', PASSWORD } }),
      );
      assert.ok(r.AuthenticationResult?.AccessToken);
      assert.equal(fns.events('migrate').length, 0);
    });

    it('CUSTOM_AUTH with amazon-cognito-identity-js: CUSTOM_CHALLENGE rounds, session results, issueTokens', async () => {
      const poolId = await createPool(idp, 'custom', {
        LambdaConfig: {
          DefineAuthChallenge: arnOf('define'),
          CreateAuthChallenge: arnOf('create'),
          VerifyAuthChallengeResponse: arnOf('verify'),
        },
      });
      const { ClientId: clientId } = await createClient(idp, poolId, { ExplicitAuthFlows: CUSTOM_FLOWS });
      await createUser(idp, poolId, 'uma');
      quiz(fns);
      const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: `${env.server.url}/` });
      const user = new CognitoUser({ Username: 'uma', Pool: pool });
      user.setAuthenticationFlowType('CUSTOM_AUTH');
      const questions: string[] = [];
      const answers = ['5', '4'];
      const session = await new Promise<CognitoUserSession>((resolve, reject) => {
        const callbacks = {
          onSuccess: resolve,
          onFailure: reject,
          customChallenge(params: { question: string }) {
            questions.push(params.question);
            user.sendCustomChallengeAnswer(answers.shift() as string, callbacks);
          },
        };
        user.initiateAuth(new AuthenticationDetails({ Username: 'uma' }), callbacks);
      });
      assert.ok(session.isValid());
      assert.equal(session.getAccessToken().decodePayload().username, 'uma');
      assert.deepEqual(questions, ['1+1?', '2+2?']);
      const sub = await subOf(poolId, 'uma');
      const attrs = { sub, email: 'uma@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' };
      const ids = { poolId, clientId, userName: 'uma' };
      // amazon-cognito-identity-js does not name an AWS SDK in its User-Agent, and sends ClientMetadata {}
      // with InitiateAuth (none with its answers).
      const unknownSdk = (e: Event | undefined) => normalise(e as Event, /^aws-sdk-unknown-unknown$/);
      const defines = fns.events('define').map(unknownSdk);
      const r1 = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'Q1' };
      const r2 = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'Q2' };
      assert.deepEqual(defines, [
        fixtures.DefineAuthChallenge_Authentication(ids, attrs, [], {}),
        fixtures.DefineAuthChallenge_Authentication(ids, attrs, [r1]),
        fixtures.DefineAuthChallenge_Authentication(ids, attrs, [r1, r2]),
      ]);
      assert.deepEqual(unknownSdk(fns.events('create')[1]), fixtures.CreateAuthChallenge_Authentication(ids, attrs, [r1]));
      assert.deepEqual(
        unknownSdk(fns.events('verify')[0]),
        fixtures.VerifyAuthChallengeResponse_Authentication(ids, attrs, { answer: '2' }, '5'),
      );
    });

    it('CUSTOM_AUTH through the SDK: ClientMetadata reaches every trigger; failAuthentication and failing triggers issue nothing', async () => {
      const poolId = await createPool(idp, 'custom-fail', {
        LambdaConfig: {
          DefineAuthChallenge: arnOf('define'),
          CreateAuthChallenge: arnOf('create'),
          VerifyAuthChallengeResponse: arnOf('verify'),
        },
      });
      const { ClientId: clientId } = await createClient(idp, poolId, { ExplicitAuthFlows: CUSTOM_FLOWS });
      await createUser(idp, poolId, 'vera');
      quiz(fns);
      const start = await idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: 'vera' },
          ClientMetadata: { tenant: 't1' },
        }),
      );
      assert.equal(start.ChallengeName, 'CUSTOM_CHALLENGE');
      assert.deepEqual(start.ChallengeParameters, { question: '1+1?', USERNAME: 'vera' });
      assert.deepEqual(metaOf(fns.events('define')[0]), { tenant: 't1' });
      assert.deepEqual(metaOf(fns.events('create')[0]), { tenant: 't1' });
      let sessionId = start.Session;
      for (let i = 0; i < 2; i++) {
        const r = await idp.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'CUSTOM_CHALLENGE',
            Session: sessionId,
            ChallengeResponses: { USERNAME: 'vera', ANSWER: 'wrong' },
            ClientMetadata: { tenant: 't2' },
          }),
        );
        assert.equal(r.ChallengeName, 'CUSTOM_CHALLENGE');
        sessionId = r.Session;
      }
      assert.deepEqual(metaOf(fns.events('verify').at(-1)), { tenant: 't2' });
      const answer = (Session: string | undefined, ANSWER: string) =>
        idp.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'CUSTOM_CHALLENGE',
            Session,
            ChallengeResponses: { USERNAME: 'vera', ANSWER },
          }),
        );
      await refusedWith(answer(sessionId, 'wrong'), 'NotAuthorizedException', 'Incorrect username or password.');
      // The session was single use.
      await refusedWith(answer(sessionId, '6'), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');

      // VerifyAuthChallengeResponse failing: no tokens.
      const again = await idp.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'vera' } }),
      );
      fns.on('verify', () => {
        throw new Error('verifier down');
      });
      await refusedWith(
        answer(again.Session, '2'),
        'UserLambdaValidationException',
        'VerifyAuthChallengeResponse failed with error verifier down.',
      );
      // An answer that is not a boolean is garbage.
      fns.on('verify', (e) => ({ ...e, response: { answerCorrect: 'yes' } }));
      const third = await idp.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'vera' } }),
      );
      await refusedWith(answer(third.Session, '2'), 'InvalidLambdaResponseException', 'Unrecognizable lambda output');
      assert.equal(await liveGrants(env, poolId, clientId), 0);
    });

    it('CustomMessage: every code message and the invitation, rewritten with {####} and {username} filled in', async () => {
      const poolId = await createPool(idp, 'messages', {
        AutoVerifiedAttributes: ['email'],
        LambdaConfig: { CustomMessage: arnOf('custom-message') },
      });
      const { ClientId: clientId } = await createClient(idp, poolId);
      fns.on('custom-message', (e: Event) => ({
        ...e,
        response: {
          smsMessage: null,
          emailSubject: `${e.triggerSource} for {username}`,
          emailMessage: `Hello ${e.userName}: ${e.request.codeParameter} (${e.request.usernameParameter ?? 'no username'})`,
        },
      }));
      const outbox = (u: string) =>
        env.server.app.outbox
          .recent()
          .filter((m) => m.username === u)
          .at(-1);
      // SignUp → CustomMessage_SignUp
      const signUp = await idp.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: 'xena',
          Password: PASSWORD,
          UserAttributes: [{ Name: 'email', Value: 'xena@example.com' }],
          ClientMetadata: { lang: 'en' },
        }),
      );
      const ids = { poolId, clientId, userName: 'xena' };
      const attrs = { sub: signUp.UserSub as string, email: 'xena@example.com', 'cognito:user_status': 'UNCONFIRMED' };
      assert.deepEqual(lastEvent('custom-message'), customMessageEvent('SignUp', ids, attrs, null, { lang: 'en' }));
      const first = outbox('xena');
      assert.equal(first?.message, `Hello xena: ${first?.code} (no username)`);
      assert.equal(first?.subject, 'CustomMessage_SignUp for xena');
      // ResendConfirmationCode → CustomMessage_ResendCode
      await idp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'xena' }));
      assert.deepEqual(lastEvent('custom-message'), customMessageEvent('ResendCode', ids, attrs, null));
      // ForgotPassword → CustomMessage_ForgotPassword
      await createUser(idp, poolId, 'yuri');
      await idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'yuri' }));
      assert.equal(lastEvent('custom-message').triggerSource, 'CustomMessage_ForgotPassword');
      assert.match(outbox('yuri')?.message ?? '', /^Hello yuri: \d{6} \(no username\)$/);
      // AdminCreateUser → CustomMessage_AdminCreateUser, with the temporary password and {username}
      fns.calls.length = 0;
      await idp.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'zane',
          TemporaryPassword: 'Temporary-Pass-1',
          UserAttributes: [{ Name: 'email', Value: 'zane@example.com' }],
        }),
      );
      const invite = lastEvent('custom-message');
      assert.equal(invite.triggerSource, 'CustomMessage_AdminCreateUser');
      assert.equal((invite.callerContext as { clientId: string }).clientId, 'CLIENT_ID_NOT_APPLICABLE');
      assert.equal((invite.request as { usernameParameter: string }).usernameParameter, '{username}');
      assert.equal(outbox('zane')?.message, 'Hello zane: Temporary-Pass-1 (zane)');
      // A message without the code placeholder is not used: the pool's template goes out instead.
      fns.on('custom-message', (e: Event) => ({ ...e, response: { emailMessage: 'no code here' } }));
      await idp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'xena' }));
      assert.match(outbox('xena')?.message ?? '', /^Your verification code is \d{6}/);
      // A failing CustomMessage creates no user and sends nothing.
      fns.on('custom-message', () => {
        throw new Error('templates offline');
      });
      const before = env.server.app.outbox.recent().length;
      await refusedWith(
        idp.send(
          new SignUpCommand({
            ClientId: clientId,
            Username: 'abe',
            Password: PASSWORD,
            UserAttributes: [{ Name: 'email', Value: 'abe@example.com' }],
          }),
        ),
        'UserLambdaValidationException',
        'CustomMessage failed with error templates offline.',
      );
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'abe' })), 'UserNotFoundException');
      await refusedWith(
        idp.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: 'bea',
            UserAttributes: [{ Name: 'email', Value: 'bea@example.com' }],
          }),
        ),
        'UserLambdaValidationException',
        'CustomMessage failed with error templates offline.',
      );
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bea' })), 'UserNotFoundException');
      assert.equal(env.server.app.outbox.recent().length, before);
    });

    it('CUSTOM_AUTH needs the three triggers and a client that allows it', async () => {
      const poolId = await createPool(idp, 'custom-missing', { LambdaConfig: { DefineAuthChallenge: arnOf('define') } });
      const { ClientId: clientId } = await createClient(idp, poolId, { ExplicitAuthFlows: CUSTOM_FLOWS });
      await createUser(idp, poolId, 'wes');
      await refusedWith(
        idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'wes' } })),
        'NotAuthorizedException',
        'Custom auth lambda trigger is not configured for the user pool.',
      );
      const { ClientId: noCustom } = await createClient(idp, poolId);
      await refusedWith(
        idp.send(new InitiateAuthCommand({ ClientId: noCustom, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'wes' } })),
        'InvalidParameterException',
        'CUSTOM_AUTH flow not enabled for this client',
      );
    });
  });
}
