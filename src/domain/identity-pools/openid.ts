/**
 * GetOpenIdToken: an OpenID Connect token for an identity, signed by Cognate with the identity service's
 * own key (an 'oidc' key under a pseudo pool id), verifiable through the JWKS at
 * `{publicUrl}/identity/.well-known/jwks.json` (issuer `{publicUrl}/identity`).
 */
import type { App } from '../app.ts';
import type { OpenKey } from '../keys.ts';
import { signJwt } from '../jwt.ts';
import { awsProviderName } from './providers.ts';
import type { AuthorizedIdentity } from './identities.ts';

/** The key owner id of the identity service's signing key; cannot collide with a user pool id. */
export const IDENTITY_KEY_OWNER = 'cognito-identity';
/** GetOpenIdToken tokens last ten minutes, as AWS documents. */
export const OPENID_TOKEN_TTL_S = 600;
/** Where the identity service's issuer lives below the public URL. */
export const IDENTITY_ISSUER_PATH = '/identity';

export function identityIssuer(app: App): string {
  return `${app.issuerBase}${IDENTITY_ISSUER_PATH}`;
}

let creating: Promise<void> | undefined;

/** The service's signing key, created on first use (after a reset too). */
export async function identitySigningKey(app: App): Promise<OpenKey> {
  const has = async () => (await app.keys.keys(IDENTITY_KEY_OWNER)).some((k) => k.use === 'oidc');
  if (!(await has())) {
    // One creation at a time in this process; a second worker racing us only adds a key to the JWKS.
    creating ??= app.keys.createKeys(IDENTITY_KEY_OWNER, ['oidc'], app.now()).finally(() => {
      creating = undefined;
    });
    await creating;
  }
  return app.keys.signer(IDENTITY_KEY_OWNER, 'oidc');
}

export async function identityJwks(app: App): Promise<{ keys: Record<string, string>[] }> {
  await identitySigningKey(app);
  return app.keys.jwks(IDENTITY_KEY_OWNER);
}

/** `amr`: how the identity authenticated, in the form AWS uses for user-pool logins. */
function amr(app: App, who: AuthorizedIdentity): string[] {
  if (!who.authenticated) return ['unauthenticated'];
  const out = ['authenticated'];
  for (const l of who.logins) {
    const name = awsProviderName(app, l.userPoolId);
    out.push(name, `${name}:CognitoSignIn:${String(l.claims.sub)}`);
  }
  return out;
}

export async function issueOpenIdToken(app: App, who: AuthorizedIdentity): Promise<string> {
  const key = await identitySigningKey(app);
  const now = Math.floor(app.now() / 1000);
  return signJwt(
    {
      sub: who.identity.id,
      aud: who.pool.id,
      amr: amr(app, who),
      iss: identityIssuer(app),
      'https://cognito-identity.amazonaws.com/identity-pool-arn': `arn:aws:cognito-identity:${app.config.region}:${app.accountId}:identitypool/${who.pool.id}`,
      exp: now + OPENID_TOKEN_TTL_S,
      iat: now,
    },
    key.kid,
    key.privateKey,
  );
}

/** The OpenID discovery document of the identity issuer. */
export function identityDiscovery(app: App): Record<string, unknown> {
  const iss = identityIssuer(app);
  return {
    issuer: iss,
    jwks_uri: `${app.publicUrl}${IDENTITY_ISSUER_PATH}/.well-known/jwks.json`,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['id_token'],
    claims_supported: ['sub', 'aud', 'amr', 'iss', 'exp', 'iat'],
  };
}
