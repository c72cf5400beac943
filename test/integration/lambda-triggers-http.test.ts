/**
 * The trigger suite with functions behind the Lambda Invoke API (see test/helpers/lambda-trigger-suite.ts),
 * plus what only a transport can get wrong: the signature, garbage bytes, Lambda's own errors, an
 * endpoint nobody listens on, and the configuration that chooses the endpoint.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdminGetUserCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { resolveServerConfig } from '../../src/config/defaults.ts';
import { PASSWORD, createClient, createPool } from '../helpers/fixtures.ts';
import { arnOf } from '../helpers/lambda-functions.ts';
import { refusedWith, type SuiteEnv, startTriggerEnv, triggerSuite } from '../helpers/lambda-trigger-suite.ts';
import { triggerSuitePart2 } from '../helpers/lambda-trigger-suite-2.ts';
import { triggerSuiteSources } from '../helpers/lambda-trigger-suite-sources.ts';
import { triggerSuiteTokens } from '../helpers/lambda-trigger-suite-tokens.ts';
import { startChildServer } from '../helpers/child-server.ts';
import { LAMBDA_KEYS } from '../helpers/lambda-server.ts';
import { idpClient, startTestServer } from '../helpers/server.ts';

triggerSuite('http');
triggerSuiteTokens('http');
triggerSuitePart2('http');
triggerSuiteSources('http');

describe('Lambda Invoke API transport', () => {
  let env: SuiteEnv;
  before(async () => {
    env = await startTriggerEnv('http');
  });
  after(async () => {
    await env.server.stop();
    await env.lambda?.close();
  });

  async function signUpPool(name: string) {
    const poolId = await createPool(env.idp, name, { LambdaConfig: { PreSignUp: arnOf('pre-sign-up') } });
    const { ClientId } = await createClient(env.idp, poolId);
    const signUp = (Username: string) => env.idp.send(new SignUpCommand({ ClientId, Username, Password: PASSWORD }));
    const absent = (Username: string) =>
      refusedWith(env.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username })), 'UserNotFoundException');
    return { poolId, signUp, absent };
  }

  it('invokes POST /2015-03-31/functions/{arn}/invocations, RequestResponse, SigV4-signed for lambda in the function region', async () => {
    const lambda = env.lambda;
    assert.ok(lambda);
    lambda.requests.length = 0;
    const { signUp } = await signUpPool('signed');
    await signUp('olga');
    assert.equal(lambda.requests.length, 1);
    const [req] = lambda.requests;
    assert.equal(req?.path, `/2015-03-31/functions/${encodeURIComponent(arnOf('pre-sign-up'))}/invocations`);
    assert.equal(req?.signed, true, 'the in-test Lambda server verified the signature over the bytes it received');
    assert.equal(req?.invocationType, 'RequestResponse');
    assert.equal(req?.credentialScope, 'us-east-1/lambda/aws4_request');
  });

  it('wrong credentials: Lambda refuses the signature → UnexpectedLambdaException, nothing created', async () => {
    const secret = process.env.AWS_SECRET_ACCESS_KEY;
    const { lambdaEndpoint } = resolveServerConfig([], { AWS_ENDPOINT_URL_LAMBDA: env.lambda?.url ?? '' });
    process.env.AWS_SECRET_ACCESS_KEY = 'not-the-right-secret';
    const s = await startTestServer({ ...(lambdaEndpoint ? { lambdaEndpoint } : {}) });
    try {
      const idp = idpClient(s);
      const poolId = await createPool(idp, 'bad-keys', { LambdaConfig: { PreSignUp: arnOf('pre-sign-up') } });
      const { ClientId } = await createClient(idp, poolId);
      await refusedWith(
        idp.send(new SignUpCommand({ ClientId, Username: 'pete', Password: PASSWORD })),
        'UnexpectedLambdaException',
        'PreSignUp invocation failed due to error InvalidSignatureException.',
      );
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'pete' })), 'UserNotFoundException');
    } finally {
      process.env.AWS_SECRET_ACCESS_KEY = secret;
      await s.stop();
    }
  });

  it('bytes that are not JSON → InvalidLambdaResponseException "Invalid lambda function output : Invalid JSON"', async () => {
    const { signUp, absent } = await signUpPool('garbage');
    env.lambda?.raw.set(arnOf('pre-sign-up'), { status: 200, body: '<html>oops' });
    try {
      await refusedWith(signUp('quinn'), 'InvalidLambdaResponseException', 'Invalid lambda function output : Invalid JSON');
      await absent('quinn');
      // A function error without a readable payload is still the function's failure.
      env.lambda?.raw.set(arnOf('pre-sign-up'), { status: 200, body: 'crash', headers: { 'x-amz-function-error': 'Unhandled' } });
      await refusedWith(signUp('quinn'), 'UserLambdaValidationException', 'PreSignUp failed with error Unhandled.');
      await absent('quinn');
      // Lambda throttling the call is not the function's doing.
      env.lambda?.raw.set(arnOf('pre-sign-up'), {
        status: 429,
        body: '{"message":"Rate exceeded"}',
        headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
      });
      await refusedWith(signUp('quinn'), 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error TooManyRequestsException.');
      await absent('quinn');
    } finally {
      env.lambda?.raw.clear();
    }
  });

  it('an endpoint nobody listens on → UnexpectedLambdaException, nothing created', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const s = await startTestServer({ lambdaEndpoint: `http://127.0.0.1:${port}` });
    try {
      const idp = idpClient(s);
      const poolId = await createPool(idp, 'unreachable', { LambdaConfig: { PreSignUp: arnOf('pre-sign-up') } });
      const { ClientId } = await createClient(idp, poolId);
      await refusedWith(
        idp.send(new SignUpCommand({ ClientId, Username: 'rita', Password: PASSWORD })),
        'UnexpectedLambdaException',
        /^PreSignUp invocation failed due to error /,
      );
      await refusedWith(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'rita' })), 'UserNotFoundException');
    } finally {
      await s.stop();
    }
  });

  it('configuration: AWS_ENDPOINT_URL_LAMBDA or --lambda-endpoint, checked at start-up', () => {
    assert.equal(resolveServerConfig([], { AWS_ENDPOINT_URL_LAMBDA: 'http://localhost:3001' }).lambdaEndpoint, 'http://localhost:3001');
    assert.equal(
      resolveServerConfig(['--lambda-endpoint', 'http://flag:1'], { AWS_ENDPOINT_URL_LAMBDA: 'http://env:2' }).lambdaEndpoint,
      'http://flag:1',
    );
    assert.throws(() => resolveServerConfig(['--lambda-endpoint', 'localhost:3001'], {}), /must be an http\(s\):\/\/ URL/);
  });

  it('cognate serve: AWS_ENDPOINT_URL_LAMBDA and a profile in the shared credentials file reach the function, signed', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cognate-lambda-home-'));
    const credentials = join(home, 'credentials');
    writeFileSync(
      credentials,
      `[triggers]\naws_access_key_id = ${LAMBDA_KEYS.accessKeyId}\naws_secret_access_key = ${LAMBDA_KEYS.secretAccessKey}\n`,
      { mode: 0o600 },
    );
    const child = await startChildServer(undefined, [], {
      AWS_ENDPOINT_URL_LAMBDA: env.lambda?.url ?? '',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_PROFILE: 'triggers',
    });
    try {
      const idp = idpClient({ url: child.url, rootKeys: child.rootKeys } as never);
      const poolId = await createPool(idp, 'serve', { LambdaConfig: { PreSignUp: arnOf('pre-sign-up') } });
      const { ClientId } = await createClient(idp, poolId);
      env.lambda?.requests.splice(0);
      env.fns.on('pre-sign-up', (e) => ({ ...e, response: { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false } }));
      const out = await idp.send(new SignUpCommand({ ClientId, Username: 'served', Password: PASSWORD }));
      assert.equal(out.UserConfirmed, true, 'the function answered through the Invoke API');
      assert.equal(env.lambda?.requests.at(-1)?.signed, true);
    } finally {
      env.fns.reset();
      child.proc.kill('SIGTERM');
    }
  });

  it('cognate serve refuses to start with an unreadable --lambda-modules file, saying why', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'cognate-lambda-bad-')), 'functions.json');
    writeFileSync(bad, '["not", "an object"]');
    await assert.rejects(
      startChildServer(undefined, ['--lambda-modules', bad]),
      /expected a JSON object mapping function ARNs to module paths/,
    );
  });
});
