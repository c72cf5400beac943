// Talking to a Cognito-compatible endpoint: signed admin set-up through the AWS SDK v3 (as a user
// would), unsigned JSON 1.1 calls through a keep-alive agent, with timings.
import http from 'node:http';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export const PASSWORD = 'Correct-Horse-9';
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One unsigned JSON 1.1 call. Resolves {status, body, ms}; never throws on a 4xx/5xx. */
export function call(url, op, input) {
  const u = new URL(url);
  const payload = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: '/',
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `${TARGET_PREFIX}.${op}`,
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          const text = Buffer.concat(chunks).toString('utf8');
          let body;
          try {
            body = text ? JSON.parse(text) : {};
          } catch {
            body = { raw: text.slice(0, 300) };
          }
          resolve({ status: res.statusCode, body, ms });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A short description of a failed call, for the table ("UnknownOperationException", "HTTP 500"). */
export function failure(r) {
  const type = r.body?.__type ?? r.body?.code ?? r.body?.raw;
  return `${type ? String(type).split('#').pop() : 'error'} (HTTP ${r.status})`;
}

export function sdkFor(url, credentials) {
  return new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** Runs `fn` over `items` with at most `width` in flight. */
export async function pool(items, width, fn) {
  const out = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}

/** A pool, an app client allowing USER_PASSWORD_AUTH, and `users` confirmed users with PASSWORD. */
export async function createWorld(target, { users, prefix = 'user' }) {
  const sdk = sdkFor(target.url, target.credentials);
  const p = await sdk.send(new CreateUserPoolCommand({ PoolName: `bench-${prefix}` }));
  const poolId = p.UserPool.Id;
  const c = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'bench',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
      EnableTokenRevocation: true,
    }),
  );
  const clientId = c.UserPoolClient.ClientId;
  const names = Array.from({ length: users }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
  await pool(names, 8, async (name) => {
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: name,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: `${name}@example.com` },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: name, Password: PASSWORD, Permanent: true }));
  });
  sdk.destroy();
  return { poolId, clientId, names };
}

export function signInBody(clientId, username) {
  return { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: PASSWORD } };
}

/** USER_PASSWORD_AUTH sign-in; throws with the server's error when it fails. */
export async function signIn(url, clientId, username) {
  const r = await call(url, 'InitiateAuth', signInBody(clientId, username));
  const a = r.body?.AuthenticationResult;
  if (r.status !== 200 || !a?.AccessToken) throw new Error(`InitiateAuth failed: ${failure(r)}`);
  return { accessToken: a.AccessToken, refreshToken: a.RefreshToken, idToken: a.IdToken };
}
