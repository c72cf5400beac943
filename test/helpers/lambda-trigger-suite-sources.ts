/**
 * Where the sign-in triggers fire beyond the password flows, run in both modes like the rest
 * (test/helpers/lambda-trigger-suite.ts): PreAuthentication at a CUSTOM_AUTH InitiateAuth (before
 * DefineAuthChallenge, which a refusal keeps from running).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser } from './fixtures.ts';
import { arnOf, type Functions } from './lambda-functions.ts';
import { fixtures, normalise } from './lambda/fixtures.ts';
import { liveGrants, refusedWith, type SuiteEnv, startTriggerEnv } from './lambda-trigger-suite.ts';

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
  describe(`Lambda triggers, CUSTOM_AUTH sign-in (${mode === 'http' ? 'Lambda Invoke API' : 'local modules'})`, () => {
    let env: SuiteEnv;
    let idp: CognitoIdentityProviderClient;
    let fns: Functions;
    before(async () => {
      env = await startTriggerEnv(mode);
      idp = env.idp;
      fns = env.fns;
    });
    after(async () => {
      await env.server.stop();
      await env.lambda?.close();
    });
    beforeEach(() => fns.reset());

    const lastEvent = (name: string) => {
      const e = fns.events(name).at(-1);
      assert.ok(e, `${name} was not invoked`);
      return normalise(e);
    };
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
  });
}
