/**
 * GET|POST /oauth2/userInfo: the bearer access token is judged by domain/revocation.ts (signature,
 * expiry, revocation by /oauth2/revoke, /logout or global sign-out) and answered with the user's
 * attributes the token's scopes and the client's ReadAttributes allow. Values are strings, as Cognito
 * sends them (`"email_verified":"true"`). Refusals: 400 invalid_request, 401 invalid_token.
 */
import type { ServerResponse } from 'node:http';
import { authenticateAccessTokenWithUser } from '../../domain/revocation.ts';
import { ADMIN_SCOPE } from '../../domain/tokens.ts';
import { ServiceError } from '../../protocol/errors.ts';
import type { RawRequest, Route } from '../../server/context.ts';
import { sendOAuthJson } from './oauth-errors.ts';

const INVALID_TOKEN = 'Access token is expired, disabled, or deleted, or the user has globally signed out.';

/** The attributes each OIDC scope opens (openid and the admin scope open every readable attribute). */
const SCOPE_CLAIMS: Record<string, string[]> = {
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
    'address',
  ],
};

function refuse(res: ServerResponse, status: 400 | 401, error: string, description: string): void {
  sendOAuthJson(
    res,
    status,
    { error, error_description: description },
    { 'WWW-Authenticate': `error="${error}", error_description="${description}"` },
  );
}

async function userInfo(r: RawRequest): Promise<void> {
  const auth = r.req.headers.authorization ?? '';
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(auth);
  if (!m) return refuse(r.res, 400, 'invalid_request', 'Bad OAuth2 request at UserInfo Endpoint');
  let found: Awaited<ReturnType<typeof authenticateAccessTokenWithUser>>;
  try {
    found = await authenticateAccessTokenWithUser(r.ctx.app, m[1] as string, null);
  } catch (e) {
    if (e instanceof ServiceError && e.status < 500) return refuse(r.res, 401, 'invalid_token', INVALID_TOKEN);
    throw e;
  }
  const scopes = String(found.claims.scope ?? '').split(' ');
  const all = scopes.includes('openid') || scopes.includes(ADMIN_SCOPE);
  if (!all && !scopes.some((s) => SCOPE_CLAIMS[s])) return refuse(r.res, 401, 'invalid_token', INVALID_TOKEN);
  const allowed = new Set(scopes.flatMap((s) => SCOPE_CLAIMS[s] ?? []));
  const client = await r.ctx.app.store.clients.get(found.poolId, found.grant.clientId);
  const readable = client?.config.ReadAttributes as string[] | undefined;
  const out: Record<string, string> = { sub: found.user.sub };
  for (const a of found.user.attributes) {
    if (a.Name === 'sub' || a.Value === undefined) continue;
    if (readable && !readable.includes(a.Name)) continue;
    if (all || allowed.has(a.Name)) out[a.Name] = a.Value;
  }
  out.username = found.user.username;
  sendOAuthJson(r.res, 200, out);
}

export const userInfoRoutes: Route[] = [
  { method: 'GET', path: '/oauth2/userInfo', handler: userInfo },
  { method: 'POST', path: '/oauth2/userInfo', handler: userInfo },
];
