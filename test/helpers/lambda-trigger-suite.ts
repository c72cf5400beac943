/**
 * The trigger suite, run twice: with functions behind the Lambda Invoke API (an in-test server that
 * verifies SigV4; Cognate pointed at it through AWS_ENDPOINT_URL_LAMBDA) and in local-module mode
 * (--lambda-modules). Each test checks the exact event a trigger receives against the fixture for its
 * trigger source, and the effect of the function's answer — or that a failing function changed nothing.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
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

/**
 * A trigger suite's hooks, for its describe block: starts the environment before its tests (handing it to
 * `ready`), stops it after them, and clears the functions' answers and calls before each test. Returns
 * the last event a function received, normalised for comparison with its fixture.
 */
export function triggerEnvHooks(mode: 'http' | 'local', ready: (env: SuiteEnv) => void): (name: string) => Record<string, unknown> {
  let env: SuiteEnv;
  before(async () => {
    env = await startTriggerEnv(mode);
    ready(env);
  });
  after(async () => {
    await env.server.stop();
    await env.lambda?.close();
  });
  beforeEach(() => env.fns.reset());
  return (name: string) => {
    const e = env.fns.events(name).at(-1);
    assert.ok(e, `${name} was not invoked`);
    return normalise(e);
  };
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
    const lastEvent = triggerEnvHooks(mode, (started) => {
      env = started;
      idp = env.idp;
      fns = env.fns;
    });

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
