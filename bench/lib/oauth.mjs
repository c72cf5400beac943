// The OAuth 2.0 workloads of managed login: /oauth2/token with authorization_code (each code once, so
// every request is a real redemption: code consumed, grant started, tokens signed) and with
// client_credentials, and /oauth2/userInfo with live access tokens. Set-up signs in once through the
// /login page like a browser, then has /oauth2/authorize issue codes for that browser session.
import http from 'node:http';
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PASSWORD, pool, sdkFor } from './idp.mjs';
import { runLoad } from './load.mjs';
import { summarise } from './throughput.mjs';

const CALLBACK = 'http://localhost:3000/cb';
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function request(url, { method = 'GET', headers = {}, body } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A pool with a resource server, a code-flow web client, a client_credentials client and one user. */
export async function createOAuthWorld(target) {
  const sdk = sdkFor(target.url, target.credentials);
  const poolId = (await sdk.send(new CreateUserPoolCommand({ PoolName: 'bench-oauth' }))).UserPool.Id;
  await sdk.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: 'orders',
      Name: 'Orders',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }],
    }),
  );
  const web = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'bench-web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: [CALLBACK],
      SupportedIdentityProviders: ['COGNITO'],
    }),
  );
  const svc = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'bench-svc',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['orders/read'],
    }),
  );
  await sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'oauth-user', MessageAction: 'SUPPRESS' }));
  await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'oauth-user', Password: PASSWORD, Permanent: true }));
  sdk.destroy();
  return { poolId, webId: web.UserPoolClient.ClientId, svcId: svc.UserPoolClient.ClientId, svcSecret: svc.UserPoolClient.ClientSecret };
}

const authorizeQuery = (w) =>
  new URLSearchParams({ client_id: w.webId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email' });

/** Signs in on the /login page once; returns the browser's cookie header (managed-login session + CSRF). */
async function browserSession(url, w) {
  const page = await request(`${url}/login?${authorizeQuery(w)}`);
  const jar = new Map();
  const keep = (res) => {
    for (const line of [res.headers['set-cookie'] ?? []].flat()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  keep(page);
  const fields = Object.fromEntries(
    [...page.text.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const body = new URLSearchParams({ ...fields, username: 'oauth-user', password: PASSWORD }).toString();
  const res = await request(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body,
  });
  if (res.status !== 302) throw new Error(`page sign-in failed: HTTP ${res.status}`);
  keep(res);
  return cookie();
}

/** `n` fresh authorization codes from /oauth2/authorize for one signed-in browser. */
async function codes(url, w, cookie, n) {
  return pool(Array.from({ length: n }), 8, async () => {
    const res = await request(`${url}/oauth2/authorize?${authorizeQuery(w)}`, { headers: { cookie } });
    const code = new URL(res.headers.location ?? 'x:/').searchParams.get('code');
    if (!code) throw new Error(`authorize gave no code: HTTP ${res.status}`);
    return code;
  });
}

const form = (fields) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Runs the three workloads against one Cognate; returns { tokenCode, tokenClientCredentials, userInfo }. */
export async function measureOAuth(target, { durationSec, connections, codeCount, log }) {
  const w = await createOAuthWorld(target);
  const cookie = await browserSession(target.url, w);
  log(`  minting ${codeCount} authorization codes for one browser session`);
  const all = await codes(target.url, w, cookie, codeCount);
  const redeem = (code) => ({
    method: 'POST',
    path: '/oauth2/token',
    headers: FORM,
    body: form({ grant_type: 'authorization_code', client_id: w.webId, redirect_uri: CALLBACK, code }),
  });
  // One redemption outside the measurement, for the access tokens userInfo is measured with.
  const tokens = await pool(all.splice(0, 50), 8, async (code) => {
    const r = await request(`${target.url}/oauth2/token`, { method: 'POST', headers: FORM, body: redeem(code).body });
    if (r.status !== 200) throw new Error(`token: HTTP ${r.status} ${r.text}`);
    return JSON.parse(r.text).access_token;
  });
  const out = {};
  const code = await runLoad({ url: target.url, raw: all.map(redeem), connections, unique: true });
  out.tokenCode = summarise({ runs: [code] });
  log(
    `  /oauth2/token authorization_code: ${Math.round(code.rps)} req/s over ${code.requests} codes, p50 ${code.latencyMs.p50} ms, non-2xx ${code.non2xx}`,
  );
  const basic = `Basic ${Buffer.from(`${w.svcId}:${w.svcSecret}`).toString('base64')}`;
  const cc = await runLoad({
    url: target.url,
    raw: [
      {
        method: 'POST',
        path: '/oauth2/token',
        headers: { ...FORM, authorization: basic },
        body: form({ grant_type: 'client_credentials', scope: 'orders/read' }),
      },
    ],
    connections,
    durationSec,
  });
  out.tokenClientCredentials = summarise({ runs: [cc] });
  log(`  /oauth2/token client_credentials: ${Math.round(cc.rps)} req/s, p50 ${cc.latencyMs.p50} ms, non-2xx ${cc.non2xx}`);
  const info = await runLoad({
    url: target.url,
    raw: tokens.map((t) => ({ method: 'GET', path: '/oauth2/userInfo', headers: { authorization: `Bearer ${t}` } })),
    connections,
    durationSec,
  });
  out.userInfo = summarise({ runs: [info] });
  log(`  /oauth2/userInfo: ${Math.round(info.rps)} req/s, p50 ${info.latencyMs.p50} ms, non-2xx ${info.non2xx}`);
  return out;
}
