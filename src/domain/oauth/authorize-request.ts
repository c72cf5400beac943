/**
 * Checks an authorization request (/oauth2/authorize, and the /login page that continues it) the way
 * Cognito does. Until the redirect URI is known to be registered, every problem is an error page on
 * Cognate's own origin — never a redirect, so nothing can be bounced to an unregistered URI. After that,
 * problems go back to the app as `error=…` on its redirect URI (query for code, fragment for token).
 */
import type { App } from '../app.ts';
import type { ClientRecord, PoolRecord } from '../types.ts';
import { oauthOf } from './client-settings.ts';
import type { DomainRecord } from './types.ts';

export interface AuthorizeRequest {
  pool: PoolRecord;
  client: ClientRecord;
  responseType: 'code' | 'token';
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  prompt?: 'login' | 'none';
}

/** The parameters an authorization request carries from page to page. */
export const AUTHORIZE_PARAMS = [
  'client_id',
  'response_type',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'identity_provider',
  'prompt',
  'lang',
] as const;

export type AuthorizeCheck =
  | { ok: true; req: AuthorizeRequest }
  | { ok: false; page: { status: number; title: string; message: string } }
  | { ok: false; redirect: string };

type Params = { get(name: string): string | null };

const page = (message: string, status = 400) => ({ ok: false as const, page: { status, title: 'Sign-in error', message } });

/** `redirectUri` with OAuth parameters added: in the query (code flow) or the fragment (implicit flow). */
export function withParams(redirectUri: string, params: Record<string, string | undefined>, inFragment: boolean): string {
  const u = new URL(redirectUri);
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, v);
  if (inFragment) {
    u.hash = p.toString();
    return u.toString();
  }
  for (const [k, v] of p) u.searchParams.append(k, v);
  return u.toString();
}

/** Validates the request; `host` is the configured domain the request came in on, if any. */
export async function checkAuthorizeRequest(app: App, q: Params, host: DomainRecord | undefined): Promise<AuthorizeCheck> {
  const clientId = q.get('client_id');
  if (!clientId) return page('The request has no client_id.');
  const client = await app.store.clients.find(clientId);
  const pool = client ? await app.store.pools.get(client.poolId) : undefined;
  if (!client || !pool) return page(`The app client ${clientId} does not exist.`);
  if (host && host.poolId !== pool.id) return page(`The app client ${clientId} does not belong to this domain's user pool.`);
  const o = oauthOf(client);
  const asked = q.get('redirect_uri');
  const redirectUri = asked ?? o.defaultRedirectUri;
  if (!redirectUri) return page('The request has no redirect_uri and the app client has no DefaultRedirectURI.');
  if (!o.callbackUrls.includes(redirectUri)) {
    return page('redirect_mismatch: the redirect_uri is not one of the app client’s callback URLs.');
  }

  const responseType = q.get('response_type');
  const state = q.get('state') ?? undefined;
  const fragment = responseType === 'token';
  const fail = (error: string, description?: string): AuthorizeCheck => ({
    ok: false,
    redirect: withParams(redirectUri, { error, ...(description ? { error_description: description } : {}), state }, fragment),
  });
  if (!responseType) return fail('invalid_request', 'response_type is required');
  if (responseType !== 'code' && responseType !== 'token') return fail('unsupported_response_type');
  if (!o.enabled || !o.flows.includes(responseType === 'code' ? 'code' : 'implicit')) return fail('unauthorized_client');
  const idp = q.get('identity_provider');
  if (!o.identityProviders.includes('COGNITO')) return fail('unauthorized_client', 'The app client does not allow COGNITO sign-in');
  if (idp !== null && idp !== 'COGNITO') return fail('invalid_request', `identity_provider ${idp} is not configured`);
  if (q.get('idp_identifier') !== null)
    return fail('invalid_request', 'idp_identifier is not supported: Cognate has no federated identity providers');

  const requested = (q.get('scope') ?? '').split(/[ +]/).filter(Boolean);
  const scopes = requested.length === 0 ? [...o.scopes] : [...new Set(requested)];
  if (scopes.some((s) => !o.scopes.includes(s))) return fail('invalid_scope');

  const challenge = q.get('code_challenge') ?? undefined;
  const method = q.get('code_challenge_method') ?? undefined;
  if (method !== undefined && challenge === undefined) return fail('invalid_request', 'code_challenge_method without code_challenge');
  if (method !== undefined && method !== 'S256' && method !== 'plain')
    return fail('invalid_request', 'code_challenge_method must be S256 or plain');
  if (challenge !== undefined && !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) return fail('invalid_request', 'malformed code_challenge');
  if (challenge !== undefined && responseType === 'token') return fail('invalid_request', 'PKCE applies to response_type=code only');

  const prompt = q.get('prompt') ?? undefined;
  if (prompt !== undefined && prompt !== 'login' && prompt !== 'none') return fail('invalid_request', 'prompt must be login or none');
  const lang = q.get('lang');
  if (lang !== null && lang !== 'en') return fail('invalid_request', 'Cognate’s pages are in English only: lang must be en');

  const nonce = q.get('nonce') ?? undefined;
  return {
    ok: true,
    req: {
      pool,
      client,
      responseType,
      redirectUri,
      scopes,
      ...(state !== undefined ? { state } : {}),
      ...(nonce !== undefined ? { nonce } : {}),
      ...(challenge !== undefined ? { codeChallenge: challenge, codeChallengeMethod: (method ?? 'plain') as 'S256' | 'plain' } : {}),
      ...(prompt !== undefined ? { prompt } : {}),
    },
  };
}
