/**
 * Tokens: aws-jwt-verify accepts what Cognate issues; every forged or misplaced token is refused by every
 * token-accepting operation with Cognito's messages.
 */
import assert from 'node:assert/strict';
import { createHmac, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GetUserCommand, GlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import { createClient, createPool, createUser, signIn, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const parts = (t: string) => t.split('.') as [string, string, string];
const payloadOf = (t: string) => JSON.parse(Buffer.from(parts(t)[1], 'base64url').toString()) as Record<string, unknown>;
const headerOf = (t: string) => JSON.parse(Buffer.from(parts(t)[0], 'base64url').toString()) as Record<string, unknown>;

async function refused(idp: ReturnType<typeof idpClient>, token: string, message = 'Invalid Access Token') {
  for (const cmd of [new GetUserCommand({ AccessToken: token }), new GlobalSignOutCommand({ AccessToken: token })]) {
    await assert.rejects(idp.send(cmd as never), (e: Error) => {
      assert.equal(e.name, 'NotAuthorizedException');
      assert.equal(e.message, message);
      return true;
    });
  }
}

describe('tokens', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let w: Awaited<ReturnType<typeof world>>;
  let session: Awaited<ReturnType<typeof signIn>>;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    w = await world(idp);
    session = await signIn(idp, w.clientId, 'alice');
  });
  after(() => server.stop());

  it('carries the Cognito claims, with different keys for access and ID tokens', () => {
    const a = payloadOf(session.accessToken);
    const i = payloadOf(session.idToken);
    assert.equal(a.token_use, 'access');
    assert.equal(a.client_id, w.clientId);
    assert.equal(a.scope, 'aws.cognito.signin.user.admin');
    assert.equal(a.username, 'alice');
    assert.equal(a.iss, `${server.url}/${w.poolId}`);
    assert.equal(a.aud, undefined);
    assert.equal(typeof a.origin_jti, 'string');
    assert.equal(a.origin_jti, i.origin_jti);
    assert.notEqual(a.jti, i.jti);
    assert.equal((a.exp as number) - (a.iat as number), 3600);
    assert.equal(i.token_use, 'id');
    assert.equal(i.aud, w.clientId);
    assert.equal(i['cognito:username'], 'alice');
    assert.equal(i.email, 'alice@example.com');
    assert.equal(i.email_verified, true);
    assert.notEqual(headerOf(session.accessToken).kid, headerOf(session.idToken).kid);
    assert.equal(headerOf(session.accessToken).alg, 'RS256');
  });

  it('aws-jwt-verify verifies access and ID tokens against the pool JWKS', async () => {
    const jwksUri = `${server.url}/${w.poolId}/.well-known/jwks.json`;
    // aws-jwt-verify fetches JWKS over https only; hand it the document Cognate serves.
    const jwks = await (await fetch(jwksUri)).json();
    const access = JwtRsaVerifier.create({ issuer: `${server.url}/${w.poolId}`, audience: null, jwksUri });
    access.cacheJwks(jwks);
    const claims = await access.verify(session.accessToken, { audience: null });
    assert.equal(claims.sub, payloadOf(session.accessToken).sub);
    const id = JwtRsaVerifier.create({ issuer: `${server.url}/${w.poolId}`, audience: w.clientId, jwksUri });
    id.cacheJwks(jwks);
    assert.equal((await id.verify(session.idToken)).token_use, 'id');
    const disc = await (await fetch(`${server.url}/${w.poolId}/.well-known/openid-configuration`)).json();
    assert.equal(disc.issuer, `${server.url}/${w.poolId}`);
    assert.equal(disc.jwks_uri, jwksUri);
  });

  it('with the AWS issuer form, CognitoJwtVerifier accepts the tokens', async () => {
    const s = await startTestServer({ issuerStyle: 'aws' });
    try {
      const c = idpClient(s);
      const ww = await world(c);
      const t = await signIn(c, ww.clientId, 'alice');
      assert.equal(payloadOf(t.accessToken).iss, `https://cognito-idp.us-east-1.amazonaws.com/${ww.poolId}`);
      const verifier = CognitoJwtVerifier.create({ userPoolId: ww.poolId, tokenUse: 'access', clientId: ww.clientId });
      verifier.cacheJwks(await (await fetch(`${s.url}/${ww.poolId}/.well-known/jwks.json`)).json());
      assert.equal((await verifier.verify(t.accessToken)).username, 'alice');
      assert.equal((await c.send(new GetUserCommand({ AccessToken: t.accessToken }))).Username, 'alice');
    } finally {
      await s.stop();
    }
  });

  it('refuses alg=none', async () => {
    const [, p] = parts(session.accessToken);
    await refused(idp, `${b64({ alg: 'none', kid: headerOf(session.accessToken).kid })}.${p}.`);
    await refused(idp, `${b64({ alg: 'none' })}.${p}.AAAA`);
  });

  it('refuses HS256 signed with the public key', async () => {
    const jwks = await (await fetch(`${server.url}/${w.poolId}/.well-known/jwks.json`)).json();
    const kid = headerOf(session.accessToken).kid;
    const jwk = jwks.keys.find((k: { kid: string }) => k.kid === kid);
    const pubPem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const input = `${b64({ kid, alg: 'HS256' })}.${parts(session.accessToken)[1]}`;
    const sig = createHmac('sha256', pubPem).update(input).digest('base64url');
    await refused(idp, `${input}.${sig}`);
  });

  it('refuses an unknown kid, a foreign key, and a tampered payload', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const p = payloadOf(session.accessToken);
    const forge = (header: object, payload: object) => {
      const input = `${b64(header)}.${b64(payload)}`;
      return `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
    };
    await refused(idp, forge({ kid: 'unknown-kid', alg: 'RS256' }, p));
    await refused(idp, forge({ kid: headerOf(session.accessToken).kid, alg: 'RS256' }, p));
    const [h, , s] = parts(session.accessToken);
    await refused(idp, `${h}.${b64({ ...p, username: 'mallory', sub: 'x' })}.${s}`);
    await refused(idp, `${h}.${b64({ ...p, exp: (p.exp as number) + 86400 })}.${s}`);
  });

  it('refuses another pool’s token and an ID token where an access token belongs', async () => {
    const otherPool = await createPool(idp, 'other');
    const otherClient = await createClient(idp, otherPool);
    await createUser(idp, otherPool, 'alice');
    const other = await signIn(idp, otherClient.ClientId, 'alice');
    // Re-label the other pool's token as ours: the signature no longer matches any of our keys.
    const [, op, os] = parts(other.accessToken);
    const relabelled = { ...JSON.parse(Buffer.from(op, 'base64url').toString()), iss: `${server.url}/${w.poolId}` };
    await refused(idp, `${parts(other.accessToken)[0]}.${b64(relabelled)}.${os}`);
    await refused(idp, session.idToken);
    await refused(idp, 'not.a.jwt');
    await refused(idp, 'abc');
  });

  it('expired access tokens are refused as expired; revocation takes precedence', async () => {
    const t = await signIn(idp, w.clientId, 'alice');
    const t2 = await signIn(idp, w.clientId, 'alice');
    server.clock.advance(3601_000);
    try {
      await refused(idp, t.accessToken, 'Access Token has expired');
      await idp.send(new GlobalSignOutCommand({ AccessToken: (await signIn(idp, w.clientId, 'alice')).accessToken }));
      await refused(idp, t2.accessToken, 'Access Token has been revoked');
    } finally {
      server.clock.advance(-3601_000);
    }
  });
});
