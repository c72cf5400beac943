/**
 * The authorization-code + PKCE login of AWS CLI v2 (SPEC §1.3, §3.5): a listener on
 * 127.0.0.1:<random>/oauth/callback, the `/authorize` URL of the sso-oidc endpoint (S256 challenge of
 * a 64-character verifier, a uuid4 state, `scopes`), then CreateToken(authorization_code).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GeneralError } from '../errors.ts';
import type { Settings } from '../settings.ts';
import { callSso, ssoEndpoint } from './client.ts';
import type { SsoLoginConfig } from './config.ts';
import { DEFAULT_PKCE_SCOPES, type Registration } from './registration.ts';
import type { SsoToken } from './token.ts';
import { openBrowser, startSpinner } from './ui.ts';

const WAIT_MS = 10 * 60_000;
const OPENING =
  'Attempting to open your default browser.\nIf the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n';
const NOT_OPENING = 'Browser will not be automatically opened.\nPlease visit the following URL:\n';
const PAGE = (ok: boolean) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>cognate</title></head><body><p id="${ok ? 'done' : 'error'}">${
    ok
      ? 'Request approved. You can close this window and return to the command line.'
      : 'The login could not be completed. Return to the command line for details.'
  }</p></body></html>`;

/** A code verifier: 64 characters of [A-Za-z0-9-_] (a subset of RFC 7636's unreserved set). */
export function codeVerifier(): string {
  return randomBytes(48).toString('base64url');
}

/** base64url(SHA-256(verifier)) without padding. */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

interface Callback {
  code?: string;
  state?: string;
  error?: string;
}

/** Listens on a random loopback port until the browser is sent back with a code (or an error). */
async function startListener(): Promise<{ port: number; callback: Promise<Callback>; close: () => void }> {
  let deliver: (c: Callback) => void = () => {};
  const callback = new Promise<Callback>((resolve) => {
    deliver = resolve;
  });
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || u.pathname !== '/oauth/callback') {
      res.writeHead(404).end();
      return;
    }
    const q = (k: string) => u.searchParams.get(k) ?? undefined;
    const got: Callback = { ...(q('code') ? { code: q('code') } : {}), ...(q('state') ? { state: q('state') } : {}) };
    if (q('error')) got.error = q('error');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(PAGE(Boolean(got.code) && !got.error));
    deliver(got);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    callback,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

/** The `/authorize` URL AWS CLI v2 opens (query order and the `scopes` key are its). */
export function authorizeUrl(
  base: string,
  p: { clientId: string; redirectUri: string; state: string; scopes: string[]; challenge: string },
): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    state: p.state,
    code_challenge_method: 'S256',
    scopes: p.scopes.join(' '),
    code_challenge: p.challenge,
  });
  return `${base}/authorize?${q}`;
}

/** Runs the PKCE flow and returns the token to cache. */
export async function pkceLogin(settings: Settings, cfg: SsoLoginConfig, reg: Registration, noBrowser: boolean): Promise<SsoToken> {
  const verifier = codeVerifier();
  const state = randomUUID();
  const listener = await startListener();
  const redirectUri = `http://127.0.0.1:${listener.port}/oauth/callback`;
  let stopSpinner: () => void = () => {};
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = authorizeUrl(ssoEndpoint(settings, 'sso-oidc', cfg.region), {
      clientId: reg.clientId,
      redirectUri,
      state,
      scopes: reg.scopes ?? cfg.scopes ?? DEFAULT_PKCE_SCOPES,
      challenge: codeChallenge(verifier),
    });
    process.stdout.write(`${noBrowser ? NOT_OPENING : OPENING}\n${url}\n`);
    if (!noBrowser) openBrowser(url, settings.env);
    stopSpinner = startSpinner();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new GeneralError('Error loading authorization code: Timed out waiting for the authorization code.')),
        WAIT_MS,
      );
    });
    const got = await Promise.race([listener.callback, timeout]);
    stopSpinner();
    if (got.state !== state) throw new GeneralError('Error loading authorization code: State parameter does not match expected value.');
    if (got.error || !got.code) throw new GeneralError(`Error loading authorization code: ${got.error ?? 'no code was returned'}`);
    const t = await callSso(
      settings,
      'sso-oidc',
      'CreateToken',
      cfg.region,
      {
        grantType: 'authorization_code',
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        code: got.code,
        redirectUri,
        codeVerifier: verifier,
      },
      'sso.login',
    );
    return {
      startUrl: cfg.startUrl,
      region: cfg.region,
      accessToken: String(t.accessToken),
      expiresAt: Date.now() + Number(t.expiresIn) * 1000,
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      registrationExpiresAt: reg.expiresAt,
      ...(typeof t.refreshToken === 'string' ? { refreshToken: t.refreshToken } : {}),
    };
  } finally {
    if (timer) clearTimeout(timer);
    stopSpinner();
    listener.close();
  }
}
