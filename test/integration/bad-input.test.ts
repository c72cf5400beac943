/** Malformed requests get a clear AWS-shaped 4xx and change nothing; never a 500. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import { CreateUserPoolClientCommand, GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { world } from '../helpers/fixtures.ts';
import { awsCli, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const TARGET = 'AWSCognitoIdentityProviderService.';

async function raw(server: TestServer, target: string | undefined, body: string | Buffer, signed = false) {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', host: new URL(server.url).host };
  if (target !== undefined) headers['x-amz-target'] = target;
  if (signed) {
    const signer = new SignatureV4({
      credentials: server.rootKeys,
      region: 'us-east-1',
      service: 'cognito-idp',
      sha256: Hash.bind(null, 'sha256'),
      applyChecksum: false,
    });
    const s = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/', query: {}, headers, body });
    Object.assign(headers, s.headers);
  }
  const res = await fetch(server.url, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('x-amzn-errortype'),
    requestId: res.headers.get('x-amzn-requestid'),
    body: text ? JSON.parse(text) : {},
  };
}

describe('bad input', () => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof world>>;
  before(async () => {
    server = await startTestServer();
    w = await world(idpClient(server));
  });
  after(() => server.stop());

  it('unknown targets, malformed JSON, non-object bodies and oversized bodies', async () => {
    let r = await raw(server, `${TARGET}NoSuchOperation`, '{}');
    assert.equal(r.status, 400);
    assert.equal(r.body.__type, 'UnknownOperationException');
    assert.ok(r.requestId);
    r = await raw(server, 'SomethingElse.GetUser', '{}');
    assert.equal(r.body.__type, 'UnknownOperationException');
    r = await raw(server, `${TARGET}GetUser`, '{"AccessToken": ');
    assert.equal(r.status, 400);
    assert.equal(r.body.__type, 'SerializationException');
    r = await raw(server, `${TARGET}GetUser`, '[1,2]');
    assert.equal(r.body.__type, 'SerializationException');
    r = await raw(server, `${TARGET}GetUser`, '{"AccessToken": 5}');
    assert.equal(r.body.__type, 'SerializationException');
    r = await raw(server, `${TARGET}GetUser`, Buffer.alloc(2 * 1024 * 1024, 'a'));
    assert.equal(r.status, 413);
    assert.equal(r.type, 'RequestEntityTooLargeException');
  });

  it('validation errors use Coral messages, sensitive values are not echoed', async () => {
    let r = await raw(server, `${TARGET}GetUser`, '{}');
    assert.deepEqual(r.body, {
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null",
    });
    r = await raw(server, `${TARGET}GetUser`, '{"AccessToken":"bad token!"}');
    assert.equal(
      r.body.message,
      "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
    );
    r = await raw(server, `${TARGET}InitiateAuth`, JSON.stringify({ ClientId: w.clientId, AuthFlow: 'BOGUS_FLOW' }));
    assert.match(r.body.message, /Value 'BOGUS_FLOW' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: \[/);
    r = await raw(
      server,
      `${TARGET}CreateUserPoolClient`,
      JSON.stringify({ UserPoolId: w.poolId, ClientName: 'x'.repeat(129), AccessTokenValidity: 0 }),
      true,
    );
    assert.equal(r.body.__type, 'InvalidParameterException');
    assert.match(r.body.message, /^2 validation errors detected: /);
    assert.match(r.body.message, /Member must have length less than or equal to 128/);
    assert.match(r.body.message, /Member must have value greater than or equal to 1/);
  });

  it('SDK and CLI see the same errors; nothing is written', async () => {
    const idp = idpClient(server);
    const before = (await server.app.store.clients.list(w.poolId, 60)).items.length;
    await assert.rejects(
      idp.send(new CreateUserPoolClientCommand({ UserPoolId: w.poolId, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] })),
      { name: 'InvalidParameterException' },
    );
    await assert.rejects(idp.send(new CreateUserPoolClientCommand({ UserPoolId: 'us-east-1_nope', ClientName: 'c' })), {
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_nope does not exist.',
    });
    assert.equal((await server.app.store.clients.list(w.poolId, 60)).items.length, before);
    await assert.rejects(
      idp.send(new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice' } })),
      { name: 'InvalidParameterException', message: 'Missing required parameter PASSWORD' },
    );
    await assert.rejects(
      idp.send(
        new InitiateAuthCommand({
          ClientId: w.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice', PASSWORD: 'Wrong-pass-1' },
        }),
      ),
      { name: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    );
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: 'abc' })), {
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
  });

  it('the AWS CLI v1 shows the same validation error', { needs: ['aws-v1'] }, async () => {
    const cli = await awsCli(server, ['cognito-idp', 'initiate-auth', '--client-id', w.clientId, '--auth-flow', 'BOGUS_FLOW']);
    assert.equal(cli.status, 255);
    assert.match(
      cli.stderr,
      /An error occurred \(InvalidParameterException\) when calling the InitiateAuth operation: 1 validation error detected: Value 'BOGUS_FLOW' at 'authFlow'/,
    );
  });
});
