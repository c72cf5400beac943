/**
 * SigV4 tampering: the signature covers the bytes received. Pins finding 1 (a captured SDK v3 request,
 * which signs x-amz-content-sha256, could be replayed with any other body of the same length) and the other
 * ways a signature can be wrong: unsigned payload, clock skew, wrong secret, unknown key.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import { createHash } from 'node:crypto';
import { AdminSetUserPasswordCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PASSWORD, world } from '../helpers/fixtures.ts';
import { awsCli, idpClient, python, startTestServer, type TestServer } from '../helpers/server.ts';
import { IDP, call, captureRequests, post, signHeaders } from './helpers.ts';
import { UNAUTH_ROLE, identityClient } from '../integration/identity-pools-helpers.ts';
import {
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';

const MISMATCH = /^The request signature we calculated does not match/;

describe('SigV4 binds the body and the key', () => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof world>>;
  before(async () => {
    server = await startTestServer();
    w = await world(idpClient(server));
  });
  after(() => server.stop());

  async function canSignIn(password: string): Promise<boolean> {
    try {
      await idpClient(server).send(
        new InitiateAuthCommand({
          ClientId: w.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice', PASSWORD: password },
        }),
      );
      return true;
    } catch {
      return false;
    }
  }

  it('a captured SDK v3 request replayed with another body of the same length is refused and changes nothing', async () => {
    const client = idpClient(server);
    const cap = captureRequests(client);
    await client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: w.poolId, Username: 'alice', Password: 'Original-Pass-1', Permanent: true }),
    );
    const sent = cap.last();
    assert.ok(sent.headers['x-amz-content-sha256'], 'the SDK signs the content hash header');
    assert.match(sent.headers.authorization ?? '', /x-amz-content-sha256/);
    const swapped = sent.body.replace('Original-Pass-1', 'Attacker-Pass-9');
    assert.equal(swapped.length, sent.body.length);
    assert.notEqual(swapped, sent.body);
    const r = await post(server, sent.headers, swapped);
    assert.equal(r.status, 400);
    assert.equal(r.body.__type, 'InvalidSignatureException');
    assert.match(r.body.message, MISMATCH);
    assert.equal(await canSignIn('Attacker-Pass-9'), false);
    assert.equal(await canSignIn('Original-Pass-1'), true);
    // The untouched request still replays (within the 5-minute window), as on AWS.
    const again = await post(server, sent.headers, sent.body);
    assert.equal(again.status, 200);
    await idpClient(server).send(
      new AdminSetUserPasswordCommand({ UserPoolId: w.poolId, Username: 'alice', Password: PASSWORD, Permanent: true }),
    );
  });

  it('UNSIGNED-PAYLOAD and a signed hash of other bytes are refused', async () => {
    const body = JSON.stringify({ UserPoolId: w.poolId, Username: 'alice', Password: 'Unsigned-Pass-1', Permanent: true });
    const base = {
      'content-type': 'application/x-amz-json-1.1',
      host: new URL(server.url).host,
      'x-amz-target': `${IDP}AdminSetUserPassword`,
    };
    for (const claimed of ['UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', createHash('sha256').update('{}').digest('hex')]) {
      const headers = await signHeaders(server, 'cognito-idp', { ...base, 'x-amz-content-sha256': claimed }, body);
      assert.match(headers.authorization ?? '', /x-amz-content-sha256/);
      const r = await post(server, headers, body);
      assert.equal(r.status, 400, claimed);
      assert.equal(r.body.__type, 'InvalidSignatureException');
    }
    assert.equal(await canSignIn('Unsigned-Pass-1'), false);
    // The correct hash, in upper case or lower case, is accepted.
    const hash = createHash('sha256').update(body).digest('hex');
    const ok = await post(server, await signHeaders(server, 'cognito-idp', { ...base, 'x-amz-content-sha256': hash }, body), body);
    assert.equal(ok.status, 200);
    await idpClient(server).send(
      new AdminSetUserPasswordCommand({ UserPoolId: w.poolId, Username: 'alice', Password: PASSWORD, Permanent: true }),
    );
  });

  it('skew, wrong secret, unknown key and a missing signature are refused with AWS errors', async () => {
    const body = JSON.stringify({ UserPoolId: w.poolId, Username: 'alice', Password: 'Skewed-Pass-1', Permanent: true });
    const base = {
      'content-type': 'application/x-amz-json-1.1',
      host: new URL(server.url).host,
      'x-amz-target': `${IDP}AdminSetUserPassword`,
    };
    const old = new Date(Date.now() - 6 * 60_000);
    let r = await post(server, await signHeaders(server, 'cognito-idp', base, body, server.rootKeys, old), body);
    assert.equal(r.body.__type, 'InvalidSignatureException');
    assert.match(r.body.message, /^Signature expired/);
    r = await post(server, await signHeaders(server, 'cognito-idp', base, body, server.rootKeys, new Date(Date.now() + 6 * 60_000)), body);
    assert.match(r.body.message, /^Signature not yet current/);
    r = await post(
      server,
      await signHeaders(server, 'cognito-idp', base, body, { accessKeyId: server.rootKeys.accessKeyId, secretAccessKey: 'x'.repeat(40) }),
      body,
    );
    assert.equal(r.body.__type, 'InvalidSignatureException');
    assert.match(r.body.message, MISMATCH);
    r = await post(
      server,
      await signHeaders(server, 'cognito-idp', base, body, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) }),
      body,
    );
    assert.equal(r.body.__type, 'UnrecognizedClientException');
    r = await call(server, `${IDP}AdminSetUserPassword`, body);
    assert.equal(r.status, 403);
    assert.equal(r.body.__type, 'MissingAuthenticationTokenException');
    r = await post(server, await signHeaders(server, 'cognito-identity', base, body), body);
    assert.equal(r.body.__type, 'InvalidSignatureException', 'a signature scoped to another service');
    assert.equal(await canSignIn('Skewed-Pass-1'), false);
  });

  it('temporary identity-pool credentials never carry admin powers, and need their session token', async () => {
    const ci = identityClient(server);
    const pool = await ci.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'guests', AllowUnauthenticatedIdentities: true }));
    await ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { unauthenticated: UNAUTH_ROLE } }));
    const id = await ci.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    const c = (await ci.send(new GetCredentialsForIdentityCommand({ IdentityId: id.IdentityId }))).Credentials;
    const keys = {
      accessKeyId: c?.AccessKeyId as string,
      secretAccessKey: c?.SecretKey as string,
      sessionToken: c?.SessionToken as string,
    };
    const body = JSON.stringify({ UserPoolId: w.poolId, Username: 'alice', Password: 'Guest-Pass-123', Permanent: true });
    const base = {
      'content-type': 'application/x-amz-json-1.1',
      host: new URL(server.url).host,
      'x-amz-target': `${IDP}AdminSetUserPassword`,
    };
    let r = await post(
      server,
      await signHeaders(server, 'cognito-idp', { ...base, 'x-amz-security-token': keys.sessionToken }, body, keys),
      body,
    );
    assert.equal(r.body.__type, 'AccessDeniedException');
    r = await post(
      server,
      await signHeaders(server, 'cognito-idp', base, body, { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }),
      body,
    );
    assert.equal(r.body.__type, 'UnrecognizedClientException', 'without the session token');
    r = await post(
      server,
      await signHeaders(server, 'cognito-idp', { ...base, 'x-amz-security-token': 'forged' }, body, {
        accessKeyId: keys.accessKeyId,
        secretAccessKey: keys.secretAccessKey,
      }),
      body,
    );
    assert.equal(r.body.__type, 'UnrecognizedClientException', 'with another session token');
    assert.equal(await canSignIn('Guest-Pass-123'), false);
  });

  it('botocore and the AWS CLI v1 still sign admin calls that verify', { needs: ['aws-v1', 'boto3'] }, async () => {
    const cli = await awsCli(server, ['cognito-idp', 'admin-get-user', '--user-pool-id', w.poolId, '--username', 'alice']);
    assert.equal(cli.status, 0, cli.stderr);
    const py = await python(
      server,
      `import boto3,os\nc=boto3.client('cognito-idp',endpoint_url=os.environ['SERVER_URL'])\nprint(c.admin_get_user(UserPoolId='${w.poolId}',Username='alice')['Username'])`,
    );
    assert.equal(py.status, 0, py.stderr);
    assert.equal(py.stdout.trim(), 'alice');
  });
});
