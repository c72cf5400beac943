/**
 * CORS as cognito-idp answers browsers (compared with a captured preflight to
 * cognito-idp.us-east-1.amazonaws.com): preflights echo the requested method and headers, answer 200
 * with an empty body and a two-day max-age; actual responses, errors included, carry the wildcard
 * origin and expose the headers the SDKs read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const EXPOSE = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';

describe('CORS on the JSON endpoint', () => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof world>>;

  before(async () => {
    server = await startTestServer();
    w = await world(idpClient(server));
  });
  after(() => server.stop());

  it('answers a preflight like cognito-idp does', async () => {
    const requested =
      'Content-Type,X-Amz-Target,user-agent,content-length,host,Authorization,amz-sdk-invocation-id,amz-sdk-request,x-amz-security-token';
    const r = await fetch(`${server.url}/`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://foo.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': requested },
    });
    assert.equal(r.status, 200);
    assert.equal(await r.text(), '');
    assert.equal(r.headers.get('content-length'), '0');
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.equal(r.headers.get('access-control-allow-headers'), requested);
    assert.equal(r.headers.get('access-control-allow-methods'), 'POST');
    assert.equal(r.headers.get('access-control-expose-headers'), EXPOSE);
    assert.equal(r.headers.get('access-control-max-age'), '172800');
    assert.ok(r.headers.get('x-amzn-requestid'));
    assert.ok(r.headers.get('date'));
  });

  it('marks actual responses, successes and errors, as readable by any origin', async () => {
    const call = (body: object) =>
      fetch(`${server.url}/`, {
        method: 'POST',
        headers: {
          Origin: 'http://localhost:5173',
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        },
        body: JSON.stringify(body),
      });
    const ok = await call({
      ClientId: w.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Correct-Horse-9' },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), '*');
    assert.equal(ok.headers.get('access-control-expose-headers'), EXPOSE);
    const bad = await call({
      ClientId: w.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'nope' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('access-control-allow-origin'), '*');
    assert.equal(bad.headers.get('x-amzn-errortype')?.split(':')[0], 'NotAuthorizedException');
    assert.deepEqual(await bad.json(), { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });
});
