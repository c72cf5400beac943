/**
 * The trigger suite, run twice: with functions behind the Lambda Invoke API (an in-test server that
 * verifies SigV4; Cognate pointed at it through AWS_ENDPOINT_URL_LAMBDA) and in local-module mode
 * (--lambda-modules). Each test checks the exact event a trigger receives against the fixture for its
 * trigger source, and the effect of the function's answer — or that a failing function changed nothing.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CreateGroupCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { resolveServerConfig } from '../../src/config/defaults.ts';
import { PASSWORD, createClient, createPool, createUser } from './fixtures.ts';
import { arnOf, Functions } from './lambda-functions.ts';
import { fixtures, normalise } from './lambda/fixtures.ts';
import { LAMBDA_KEYS, type LambdaServer, startLambdaServer } from './lambda-server.ts';
import { idpClient, startTestServer, type TestServer } from './server.ts';

export const FUNCTION_NAMES = [
  'pre-sign-up',
  'post-confirmation',
  'pre-auth',
  'post-auth',
  'pre-token',
  'custom-message',
  'migrate',
  'define',
  'create',
  'verify',
];

type Err = Error & { name: string };

export interface SuiteEnv {
  mode: 'http' | 'local';
  server: TestServer;
  idp: CognitoIdentityProviderClient;
  fns: Functions;
  lambda?: LambdaServer;
}

/** Starts Cognate with its triggers reaching the programmable functions in the given mode. */
export async function startTriggerEnv(mode: 'http' | 'local'): Promise<SuiteEnv> {
  const fns = new Functions();
  if (mode === 'local') {
    const server = await startTestServer({ lambdaModules: fns.moduleMap(FUNCTION_NAMES) });
    return { mode, server, idp: idpClient(server), fns };
  }
  const { MODULE } = await import('./lambda-functions.ts');
  const lambda = await startLambdaServer(new Map(FUNCTION_NAMES.map((n) => [arnOf(n), MODULE])));
  // The standard credential chain's first link, as a deployment would set it.
  process.env.AWS_ACCESS_KEY_ID = LAMBDA_KEYS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LAMBDA_KEYS.secretAccessKey;
  const { lambdaEndpoint } = resolveServerConfig([], { AWS_ENDPOINT_URL_LAMBDA: lambda.url });
  const server = await startTestServer({ ...(lambdaEndpoint ? { lambdaEndpoint } : {}) });
  return { mode, server, idp: idpClient(server), fns, lambda };
}

export async function refusedWith(p: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: Err) => {
    assert.equal(e.name, name, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

/** The claims of a JWT (after checking there is one). */
export function claimsOf(token: string | undefined): Record<string, unknown> {
  assert.ok(token, 'no token');
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

/** How many live grants a client has (counted by revoking them: call at the end of a test). */
export async function liveGrants(env: SuiteEnv, poolId: string, clientId: string): Promise<number> {
  return env.server.app.store.grants.revokeByClient(poolId, clientId, Date.now() + 1000);
}

export function triggerSuite(mode: 'http' | 'local'): void {
  describe(`Lambda triggers (${mode === 'http' ? 'Lambda Invoke API' : 'local modules'})`, () => {
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

    it('SignUp: PreSignUp_SignUp and, when it auto-confirms, PostConfirmation_ConfirmSignUp', async () => {
      const poolId = await createPool(idp, 'signup', {
        AutoVerifiedAttributes: ['email'],
        LambdaConfig: { PreSignUp: arnOf('pre-sign-up'), PostConfirmation: arnOf('post-confirmation') },
      });
      const { ClientId: clientId } = await createClient(idp, poolId);
      fns.on('pre-sign-up', (e) => ({ ...e, response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false } }));
      const out = await idp.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: 'carol',
          Password: PASSWORD,
          UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
          ValidationData: [{ Name: 'source', Value: 'test' }],
          ClientMetadata: { campaign: 'spring' },
        }),
      );
      assert.equal(out.UserConfirmed, true);
      assert.equal(out.CodeDeliveryDetails, undefined);
      const ids = { poolId, clientId, userName: 'carol' };
      assert.deepEqual(
        lastEvent('pre-sign-up'),
        fixtures.PreSignUp_SignUp(ids, { email: 'carol@example.com' }, { source: 'test' }, { campaign: 'spring' }),
      );
      const sub = out.UserSub as string;
      assert.deepEqual(
        lastEvent('post-confirmation'),
        fixtures.PostConfirmation_ConfirmSignUp(
          ids,
          { sub, email: 'carol@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
          { campaign: 'spring' },
        ),
      );
      const user = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }));
      assert.equal(user.UserStatus, 'CONFIRMED');
      assert.equal(user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'true');
      // Auto-confirmed: the user signs in straight away.
      const signIn = await idp.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'carol', PASSWORD } }),
      );
      assert.ok(signIn.AuthenticationResult?.AccessToken);
    });

    it('SignUp refused by PreSignUp creates no user; without auto-confirmation the code flow runs', async () => {
      const poolId = await createPool(idp, 'signup-refused', {
        AutoVerifiedAttributes: ['email'],
        LambdaConfig: { PreSignUp: arnOf('pre-sign-up'), PostConfirmation: arnOf('post-confirmation') },
      });
      const { ClientId: clientId } = await createClient(idp, poolId);
      fns.on('pre-sign-up', () => {
        throw new Error('Sign-ups from this domain are closed');
      });
      const signUp = (Username: string) =>
        idp.send(
          new SignUpCommand({
            ClientId: clientId,
            Username,
            Password: PASSWORD,
            UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
          }),
        );
      await refusedWith(
        signUp('dave'),
        'UserLambdaValidationException',
        'PreSignUp failed with error Sign-ups from this domain are closed.',
      );
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dave' })), 'UserNotFoundException');

      fns.on('pre-sign-up', (e) => e); // echo: nothing decided
      const out = await signUp('erin');
      assert.equal(out.UserConfirmed, false);
      assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      assert.equal(fns.events('post-confirmation').length, 0);

      // ConfirmSignUp: PostConfirmation sees the confirmed user; when it fails the user stays unconfirmed.
      const code = () =>
        env.server.app.outbox
          .recent()
          .filter((m) => m.username === 'erin')
          .at(-1)?.code as string;
      fns.on('post-confirmation', () => {
        throw new Error('provisioning failed');
      });
      await refusedWith(
        idp.send(
          new ConfirmSignUpCommand({ ClientId: clientId, Username: 'erin', ConfirmationCode: code(), ClientMetadata: { step: 'confirm' } }),
        ),
        'UserLambdaValidationException',
        'PostConfirmation failed with error provisioning failed.',
      );
      assert.equal((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'erin' }))).UserStatus, 'UNCONFIRMED');
      fns.on('post-confirmation', (e) => e);
      const { ResendConfirmationCodeCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      await idp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'erin' }));
      await idp.send(
        new ConfirmSignUpCommand({ ClientId: clientId, Username: 'erin', ConfirmationCode: code(), ClientMetadata: { step: 'confirm' } }),
      );
      const sub = (await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'erin' }))).UserAttributes?.find(
        (a) => a.Name === 'sub',
      )?.Value as string;
      assert.deepEqual(
        lastEvent('post-confirmation'),
        fixtures.PostConfirmation_ConfirmSignUp(
          { poolId, clientId, userName: 'erin' },
          { sub, email: 'erin@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
          { step: 'confirm' },
        ),
      );
    });

    it('AdminCreateUser: PreSignUp_AdminCreateUser (its auto-confirm flags are ignored, as in Cognito)', async () => {
      const poolId = await createPool(idp, 'admin-create', { LambdaConfig: { PreSignUp: arnOf('pre-sign-up') } });
      fns.on('pre-sign-up', (e) => ({ ...e, response: { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false } }));
      const out = await idp.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'frank',
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: 'frank@example.com' }],
          ValidationData: [{ Name: 'origin', Value: 'admin' }],
          ClientMetadata: { by: 'ops' },
        }),
      );
      assert.equal(out.User?.UserStatus, 'FORCE_CHANGE_PASSWORD');
      assert.deepEqual(
        lastEvent('pre-sign-up'),
        fixtures.PreSignUp_AdminCreateUser(
          { poolId, clientId: '', userName: 'frank' },
          { email: 'frank@example.com' },
          { origin: 'admin' },
          { by: 'ops' },
        ),
      );
      fns.on('pre-sign-up', () => {
        throw new Error('no');
      });
      await refusedWith(
        idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'gina', MessageAction: 'SUPPRESS' })),
        'UserLambdaValidationException',
        'PreSignUp failed with error no.',
      );
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'gina' })), 'UserNotFoundException');
    });

    it('ConfirmForgotPassword: PostConfirmation_ConfirmForgotPassword', async () => {
      const poolId = await createPool(idp, 'forgot', { LambdaConfig: { PostConfirmation: arnOf('post-confirmation') } });
      const { ClientId: clientId } = await createClient(idp, poolId);
      await createUser(idp, poolId, 'hana');
      await idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'hana' }));
      const code = env.server.app.outbox
        .recent()
        .filter((m) => m.username === 'hana')
        .at(-1)?.code as string;
      await idp.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'hana',
          ConfirmationCode: code,
          Password: 'New-Password-77',
          ClientMetadata: { why: 'lost' },
        }),
      );
      const e = lastEvent('post-confirmation');
      const sub = (e.request as { userAttributes: Record<string, string> }).userAttributes.sub as string;
      assert.deepEqual(
        e,
        fixtures.PostConfirmation_ConfirmForgotPassword(
          { poolId, clientId, userName: 'hana' },
          { sub, email: 'hana@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
          { why: 'lost' },
        ),
      );
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

    it('a function that never answers is given up on after 5 s (UnexpectedLambdaException), changing nothing', async () => {
      const poolId = await createPool(idp, 'slow', { LambdaConfig: { PreSignUp: arnOf('pre-sign-up') } });
      const { ClientId: clientId } = await createClient(idp, poolId);
      fns.on('pre-sign-up', () => new Promise(() => {}));
      const started = Date.now();
      await refusedWith(
        idp.send(new SignUpCommand({ ClientId: clientId, Username: 'mona', Password: PASSWORD })),
        'UnexpectedLambdaException',
        'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
      );
      const took = Date.now() - started;
      assert.ok(took >= 4900 && took < 20_000, `gave up after ${took} ms`);
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'mona' })), 'UserNotFoundException');
    });

    it('a function that does not exist is UnexpectedLambdaException', async () => {
      const poolId = await createPool(idp, 'missing', { LambdaConfig: { PreSignUp: arnOf('no-such-function') } });
      const { ClientId: clientId } = await createClient(idp, poolId);
      await refusedWith(
        idp.send(new SignUpCommand({ ClientId: clientId, Username: 'nina', Password: PASSWORD })),
        'UnexpectedLambdaException',
        'PreSignUp invocation failed due to error ResourceNotFoundException.',
      );
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'nina' })), 'UserNotFoundException');
    });
  });
}
