/**
 * Pins finding 3 (26 caller mistakes answered 500) and finding 6 (invalid UTF-8 silently replaced): each is
 * an AWS-shaped 4xx and writes nothing (digest of every table before and after).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createIdentityPool, identityClient } from '../integration/identity-pools-helpers.ts';
import { world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { IDENTITY, IDP, type RawResult, call, storeDigest } from './helpers.ts';

function assertRefused(r: RawResult, types: string[], what: string): void {
  assert.ok(r.status >= 400 && r.status < 500, `${what}: status ${r.status} ${r.text.slice(0, 200)}`);
  assert.ok(types.includes(r.body.__type), `${what}: ${r.body.__type} ${r.body.message}`);
  assert.equal(r.type, r.body.__type, `${what}: x-amzn-ErrorType`);
  assert.equal(typeof r.body.message, 'string', what);
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('caller mistakes are 4xx and write nothing', () => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof world>>;
  let identityPoolId: string;
  before(async () => {
    server = await startTestServer();
    w = await world(idpClient(server));
    identityPoolId = await createIdentityPool(identityClient(server), 'fuzz', [], true);
  });
  after(() => server.stop());

  const INVALID = ['InvalidParameterException', 'SerializationException'];

  it('null where a string is expected', async () => {
    const cases: [string, string, Record<string, unknown>, boolean?][] = [
      ['InitiateAuth', 'USERNAME', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: '', AuthParameters: { USERNAME: null, PASSWORD: 'x' } }],
      ['InitiateAuth', 'PASSWORD', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: '', AuthParameters: { USERNAME: 'alice', PASSWORD: null } }],
      ['InitiateAuth', 'SRP_A', { AuthFlow: 'USER_SRP_AUTH', ClientId: '', AuthParameters: { USERNAME: 'alice', SRP_A: null } }],
      ['InitiateAuth', 'REFRESH_TOKEN', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: '', AuthParameters: { REFRESH_TOKEN: null } }],
      [
        'AdminInitiateAuth',
        'USERNAME',
        { AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: '', UserPoolId: '', AuthParameters: { USERNAME: null, PASSWORD: 'x' } },
        true,
      ],
      [
        'RespondToAuthChallenge',
        'responses',
        { ChallengeName: 'PASSWORD_VERIFIER', ClientId: '', ChallengeResponses: { USERNAME: null, PASSWORD_CLAIM_SIGNATURE: null } },
      ],
      [
        'RespondToAuthChallenge',
        'new password',
        {
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ClientId: '',
          Session: 'x'.repeat(20),
          ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: null },
        },
      ],
      ['SignUp', 'Password', { ClientId: '', Username: 'mallory', Password: null }],
      ['SignUp', 'UserAttributes entry', { ClientId: '', Username: 'mallory', Password: 'Passw0rd!x', UserAttributes: [null] }],
      ['SignUp', 'ClientMetadata value', { ClientId: '', Username: 'mallory', Password: 'Passw0rd!x', ClientMetadata: { a: null } }],
      ['AdminCreateUser', 'UserAttributes entry', { UserPoolId: '', Username: 'mallory', UserAttributes: [null] }, true],
      ['AdminUpdateUserAttributes', 'entry', { UserPoolId: '', Username: 'alice', UserAttributes: [null] }, true],
      ['ConfirmForgotPassword', 'Password', { ClientId: '', Username: 'alice', ConfirmationCode: '123456', Password: null }],
    ];
    for (const [op, what, input, signed] of cases) {
      const body = JSON.parse(
        JSON.stringify(input)
          .replaceAll('"ClientId":""', `"ClientId":"${w.clientId}"`)
          .replaceAll('"UserPoolId":""', `"UserPoolId":"${w.poolId}"`),
      );
      const before = storeDigest(server);
      const r = await call(server, `${IDP}${op}`, JSON.stringify(body), { sign: signed });
      assertRefused(r, INVALID, `${op} ${what}`);
      assert.equal(storeDigest(server), before, `${op} ${what} wrote to the store`);
    }
  });

  it('a null optional member reads as absent (as on AWS): never a 500, and a refusal writes nothing', async () => {
    const cases: [string, Record<string, unknown>, boolean?][] = [
      [
        'SignUp',
        { ClientId: w.clientId, Username: 'nullattr', Password: 'Passw0rd!x1A', UserAttributes: [{ Name: 'email', Value: null }] },
      ],
      ['SignUp', { ClientId: w.clientId, Username: 'nullvd', Password: 'Passw0rd!x1A', ValidationData: [{ Name: 'x', Value: null }] }],
      [
        'AdminCreateUser',
        { UserPoolId: w.poolId, Username: 'nullac', UserAttributes: [{ Name: 'email', Value: null }], MessageAction: 'SUPPRESS' },
        true,
      ],
      ['AdminUpdateUserAttributes', { UserPoolId: w.poolId, Username: 'alice', UserAttributes: [{ Name: 'email', Value: null }] }, true],
      [
        'SignUp',
        {
          ClientId: w.clientId,
          Username: 'nullsh',
          Password: 'Passw0rd!x1A',
          SecretHash: null,
          AnalyticsMetadata: null,
          UserContextData: null,
        },
      ],
    ];
    for (const [op, input, signed] of cases) {
      const before = storeDigest(server);
      const r = await call(server, `${IDP}${op}`, JSON.stringify(input), { sign: signed });
      assert.ok(r.status < 500, `${op}: ${r.status} ${r.text}`);
      if (r.status >= 400) assert.equal(storeDigest(server), before, `${op} refused but wrote`);
    }
  });

  it('ListUsers Filter null reads as no filter; identity-pool Logins null values are refused', async () => {
    const list = await call(server, `${IDP}ListUsers`, JSON.stringify({ UserPoolId: w.poolId, Filter: null }), { sign: true });
    assert.equal(list.status, 200, list.text);
    assert.ok(list.body.Users.some((u: { Username: string }) => u.Username === 'alice'));
    for (const op of ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken']) {
      const before = storeDigest(server);
      const body =
        op === 'GetId'
          ? { IdentityPoolId: identityPoolId, Logins: { 'accounts.google.com': null } }
          : { IdentityId: `us-east-1:${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`, Logins: { x: null } };
      const r = await call(server, `${IDENTITY}${op}`, JSON.stringify(body));
      assertRefused(r, INVALID, `${op} Logins null`);
      assert.equal(storeDigest(server), before, `${op} wrote to the store`);
    }
  });

  it('input nested thousands of levels deep inside an over-long list or map', async () => {
    for (const depth of [50, 999, 4000]) {
      const attrs = Array.from({ length: 60 }, () => JSON.parse(nested(Math.min(depth, 900))));
      const list = `{"UserPoolId":"${w.poolId}","AttributesToGet":[${Array(60).fill(nested(depth)).join(',')}]}`;
      const map = `{"ClientId":"${w.clientId}","Username":"x","Password":"Passw0rd!x","ClientMetadata":{${Array.from({ length: 60 }, (_, i) => `"k${i}":${nested(depth)}`).join(',')}}}`;
      const before = storeDigest(server);
      assertRefused(await call(server, `${IDP}ListUsers`, list, { sign: true }), INVALID, `list depth ${depth}`);
      assertRefused(await call(server, `${IDP}SignUp`, map), INVALID, `map depth ${depth}`);
      assertRefused(
        await call(server, `${IDP}AdminCreateUser`, JSON.stringify({ UserPoolId: w.poolId, Username: 'deep', UserAttributes: attrs }), {
          sign: true,
        }),
        INVALID,
        `attributes depth ${depth}`,
      );
      assert.equal(storeDigest(server), before);
    }
    const deepest = `{"UserPoolId":"${w.poolId}","AttributesToGet":${nested(200_000)}}`;
    assertRefused(await call(server, `${IDP}ListUsers`, deepest, { sign: true }), INVALID, 'depth 200000');
  });

  it('X-Amz-Target naming a JavaScript built-in is UnknownOperationException', async () => {
    const names = [
      'constructor',
      'toString',
      'valueOf',
      '__proto__',
      'hasOwnProperty',
      'isPrototypeOf',
      'toLocaleString',
      '__defineGetter__',
      'propertyIsEnumerable',
    ];
    for (const prefix of [IDP, IDENTITY]) {
      for (const n of names) {
        const r = await call(server, `${prefix}${n}`, '{"a":1}', {
          sign: true,
          service: prefix === IDP ? 'cognito-idp' : 'cognito-identity',
        });
        assertRefused(r, ['UnknownOperationException'], `${prefix}${n}`);
        assert.ok(!r.text.includes('"a":1'), 'the body is not echoed');
      }
    }
    for (const target of ['constructor.GetUser', '__proto__.GetUser', 'toString', '.', `${IDP}`, `${IDP}GetUser.constructor`]) {
      assertRefused(await call(server, target, '{}'), ['UnknownOperationException'], target);
    }
  });

  it('a body that is not valid UTF-8 is SerializationException, never a replaced character', async () => {
    const before = storeDigest(server);
    for (const bad of [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]]) {
      const body = Buffer.concat([
        Buffer.from(`{"ClientId":"${w.clientId}","Username":"eve`),
        Buffer.from(bad),
        Buffer.from('","Password":"Passw0rd!x"}'),
      ]);
      const r = await call(server, `${IDP}SignUp`, body);
      assertRefused(r, ['SerializationException'], `bytes ${bad}`);
    }
    assert.equal(storeDigest(server), before);
    // Valid multi-byte UTF-8 still works.
    const ok = await call(server, `${IDP}SignUp`, Buffer.from(`{"ClientId":"${w.clientId}","Username":"zoë","Password":"Passw0rd!x1A"}`));
    assert.equal(ok.status, 200, ok.text);
  });
});
