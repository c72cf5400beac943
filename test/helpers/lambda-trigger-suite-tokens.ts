/**
 * The sign-in and token part of the trigger suite (PreAuthentication, PostAuthentication,
 * PreTokenGeneration V1_0/V2_0, NEW_PASSWORD_REQUIRED), run in both modes like the rest
 * (test/helpers/lambda-trigger-suite.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { PASSWORD, createClient, createPool, createUser } from './fixtures.ts';
import { arnOf, type Functions } from './lambda-functions.ts';
import { fixtures } from './lambda/fixtures.ts';
import { claimsOf, liveGrants, refusedWith, type SuiteEnv, triggerEnvHooks } from './lambda-trigger-suite.ts';

export function triggerSuiteTokens(mode: 'http' | 'local'): void {
  describe(`Lambda triggers, sign-in and tokens (${mode === 'http' ? 'Lambda Invoke API' : 'local modules'})`, () => {
    let env: SuiteEnv;
    let idp: CognitoIdentityProviderClient;
    let fns: Functions;
    const lastEvent = triggerEnvHooks(mode, (started) => {
      env = started;
      idp = env.idp;
      fns = env.fns;
    });

    it('sign-in: PreAuthentication, PostAuthentication and PreTokenGeneration (V1_0) with their effects', async () => {
      const poolId = await createPool(idp, 'signin', {
        LambdaConfig: {
          PreAuthentication: arnOf('pre-auth'),
          PostAuthentication: arnOf('post-auth'),
          PreTokenGeneration: arnOf('pre-token'),
        },
      });
      const { ClientId: clientId } = await createClient(idp, poolId);
      await createUser(idp, poolId, 'ivan');
      fns.on('pre-token', (e) => ({
        ...e,
        response: {
          claimsOverrideDetails: {
            claimsToAddOrOverride: { tenant: 'acme', sub: 'forged' },
            claimsToSuppress: ['email'],
            groupOverrideDetails: {
              groupsToOverride: ['admins'],
              iamRolesToOverride: ['arn:aws:iam::123456789012:role/admin'],
              preferredRole: 'arn:aws:iam::123456789012:role/admin',
            },
          },
        },
      }));
      const r = await idp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'ivan', PASSWORD },
          ClientMetadata: { device: 'kiosk' },
        }),
      );
      const ids = { poolId, clientId, userName: 'ivan' };
      const claims = claimsOf(r.AuthenticationResult?.IdToken);
      const attrs = { sub: claims.sub as string, email: 'ivan@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' };
      assert.deepEqual(lastEvent('pre-auth'), fixtures.PreAuthentication_Authentication(ids, attrs, { device: 'kiosk' }));
      assert.deepEqual(lastEvent('post-auth'), fixtures.PostAuthentication_Authentication(ids, attrs, { device: 'kiosk' }));
      assert.deepEqual(lastEvent('pre-token'), fixtures.TokenGeneration('Authentication', ids, attrs, '1', { device: 'kiosk' }));
      assert.equal(claims.tenant, 'acme');
      assert.notEqual(claims.sub, 'forged', 'sub cannot be overridden');
      assert.equal(claims.email, undefined);
      assert.deepEqual(claims['cognito:groups'], ['admins']);
      assert.deepEqual(claims['cognito:roles'], ['arn:aws:iam::123456789012:role/admin']);
      const access = claimsOf(r.AuthenticationResult?.AccessToken);
      assert.deepEqual(access['cognito:groups'], ['admins']);
      assert.equal(access.tenant, undefined, 'V1_0 customises the ID token only');
      // The order Cognito documents: pre authentication, post authentication, then token generation.
      assert.deepEqual(
        fns.calls.map((c) => c.event.triggerSource),
        ['PreAuthentication_Authentication', 'PostAuthentication_Authentication', 'TokenGeneration_Authentication'],
      );

      // Refresh: TokenGeneration_RefreshTokens, and the claims are applied again.
      fns.calls.length = 0;
      const refreshed = await idp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: r.AuthenticationResult?.RefreshToken as string },
        }),
      );
      assert.deepEqual(
        fns.calls.map((c) => c.event.triggerSource),
        ['TokenGeneration_RefreshTokens'],
      );
      const again = claimsOf(refreshed.AuthenticationResult?.IdToken);
      assert.equal(again.tenant, 'acme');

      // SRP: PreAuthentication runs at InitiateAuth.
      fns.calls.length = 0;
      await idp.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'ivan', SRP_A: 'abc123' } }),
      );
      assert.deepEqual(
        fns.calls.map((c) => c.event.triggerSource),
        ['PreAuthentication_Authentication'],
      );
    });

    it('a refusing PreAuthentication, PostAuthentication or PreTokenGeneration issues no tokens and starts no grant', async () => {
      const poolId = await createPool(idp, 'signin-refused', {
        LambdaConfig: {
          PreAuthentication: arnOf('pre-auth'),
          PostAuthentication: arnOf('post-auth'),
          PreTokenGeneration: arnOf('pre-token'),
        },
      });
      const { ClientId: clientId } = await createClient(idp, poolId);
      await createUser(idp, poolId, 'judy');
      const signIn = () =>
        idp.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'judy', PASSWORD } }),
        );
      for (const [fn, trigger] of [
        ['pre-auth', 'PreAuthentication'],
        ['post-auth', 'PostAuthentication'],
        ['pre-token', 'PreTokenGeneration'],
      ] as const) {
        fns.reset();
        fns.on(fn, () => {
          throw new Error(`${trigger} says no`);
        });
        await refusedWith(signIn(), 'UserLambdaValidationException', `${trigger} failed with error ${trigger} says no.`);
      }
      // A malformed answer is refused too.
      fns.reset();
      fns.on('pre-token', (e) => ({ ...e, response: { claimsOverrideDetails: { claimsToSuppress: 'email' } } }));
      await refusedWith(signIn(), 'InvalidLambdaResponseException', 'Unrecognizable lambda output');
      fns.on('pre-token', () => ({ not: 'an event' }));
      await refusedWith(signIn(), 'InvalidLambdaResponseException', 'Unrecognizable lambda output');
      assert.equal(await liveGrants(env, poolId, clientId), 0);
      // The refusals were not wrong passwords: the user signs in once the functions agree.
      fns.reset();
      assert.ok((await signIn()).AuthenticationResult?.AccessToken);
    });

    it('PreTokenGeneration V2_0: access-token claims and scopes, verified by aws-jwt-verify', async () => {
      const poolId = await createPool(idp, 'v2', {
        LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: arnOf('pre-token'), LambdaVersion: 'V2_0' } },
      });
      const { ClientId: clientId } = await createClient(idp, poolId);
      await createUser(idp, poolId, 'kate');
      await idp.send(
        new CreateGroupCommand({
          UserPoolId: poolId,
          GroupName: 'readers',
          RoleArn: 'arn:aws:iam::123456789012:role/reader',
          Precedence: 1,
        }),
      );
      await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'kate', GroupName: 'readers' }));
      fns.on('pre-token', (e) => ({
        ...e,
        response: {
          claimsAndScopeOverrideDetails: {
            idTokenGeneration: { claimsToAddOrOverride: { plan: 'gold' } },
            accessTokenGeneration: {
              claimsToAddOrOverride: { tenant: 'acme', roles: ['reader', 'writer'], limits: { daily: 10 } },
              claimsToSuppress: ['username'],
              scopesToAdd: ['orders/read'],
            },
          },
        },
      }));
      const r = await idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'kate', PASSWORD },
        }),
      );
      const jwksUri = `${env.server.url}/${poolId}/.well-known/jwks.json`;
      const verifier = JwtRsaVerifier.create({ issuer: `${env.server.url}/${poolId}`, audience: null, jwksUri });
      verifier.cacheJwks((await (await fetch(jwksUri)).json()) as never);
      const access = await verifier.verify(r.AuthenticationResult?.AccessToken as string);
      assert.equal(access.client_id, clientId);
      assert.equal(access.tenant, 'acme');
      assert.deepEqual(access.roles, ['reader', 'writer']);
      assert.deepEqual(access.limits, { daily: 10 });
      assert.equal(access.username, 'kate', 'username cannot be suppressed');
      assert.deepEqual(String(access.scope).split(' ').sort(), ['aws.cognito.signin.user.admin', 'orders/read']);
      const idClaims = claimsOf(r.AuthenticationResult?.IdToken);
      assert.equal(idClaims.plan, 'gold');
      const e = lastEvent('pre-token');
      const attrs = { sub: String(access.sub), email: 'kate@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' };
      const role = 'arn:aws:iam::123456789012:role/reader';
      const groups = { groupsToOverride: ['readers'], iamRolesToOverride: [role], preferredRole: role };
      assert.deepEqual(
        e,
        fixtures.TokenGeneration('Authentication', { poolId, clientId, userName: 'kate' }, attrs, '2', undefined, groups),
      );
      assert.deepEqual(access['cognito:groups'], ['readers'], 'without groupOverrideDetails the groups stay');
    });

    it('NEW_PASSWORD_REQUIRED completes with TokenGeneration_NewPasswordChallenge; a refusal keeps the temporary password', async () => {
      const poolId = await createPool(idp, 'new-password', { LambdaConfig: { PreTokenGeneration: arnOf('pre-token') } });
      const { ClientId: clientId } = await createClient(idp, poolId);
      await idp.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'liam',
          TemporaryPassword: 'Temporary-Pass-1',
          MessageAction: 'SUPPRESS',
        }),
      );
      const challenge = () =>
        idp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'liam', PASSWORD: 'Temporary-Pass-1' },
          }),
        );
      const answer = (Session: string | undefined) =>
        idp.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session,
            ChallengeResponses: { USERNAME: 'liam', NEW_PASSWORD: PASSWORD },
          }),
        );
      fns.on('pre-token', () => {
        throw new Error('not yet');
      });
      await refusedWith(
        answer((await challenge()).Session),
        'UserLambdaValidationException',
        'PreTokenGeneration failed with error not yet.',
      );
      assert.equal((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'liam' }))).UserStatus, 'FORCE_CHANGE_PASSWORD');
      fns.reset();
      const done = await answer((await challenge()).Session);
      assert.ok(done.AuthenticationResult?.IdToken);
      assert.equal(lastEvent('pre-token').triggerSource, 'TokenGeneration_NewPasswordChallenge');
      assert.equal((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'liam' }))).UserStatus, 'CONFIRMED');
    });
  });
}
