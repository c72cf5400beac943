/**
 * IAM Identity Center OIDC rules: client registration and authentication, device authorizations,
 * authorization codes with PKCE, and loopback redirect URIs. No HTTP here; errors are the OIDC shapes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { App } from '../app.ts';
import { randomString, sha256hex, uuid } from '../ids.ts';
import {
  ExpiredTokenException,
  InvalidClientException,
  InvalidGrantException,
  OidcAccessDeniedException,
  AuthorizationPendingException,
  SlowDownException,
} from './errors.ts';
import { ssoSettings } from './settings.ts';
import type { AuthorizationCode, DeviceAuthorization, OidcClient } from './types.ts';

/** Registrations last 90 days, like Identity Center's. */
export const CLIENT_LIFETIME_S = 90 * 86400;
/** Authorization codes are single-use and short-lived. */
export const CODE_LIFETIME_MS = 5 * 60_000;
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks clientId/clientSecret: 401 invalid_client when unknown, wrong or expired. */
export async function authenticateClient(app: App, clientId: string, clientSecret: string): Promise<OidcClient> {
  const client = clientId.length <= 256 ? await app.store.sso.getClient(clientId) : undefined;
  if (!client || !safeEqualHex(client.secretHash, sha256hex(clientSecret))) {
    throw new InvalidClientException('Invalid client provided');
  }
  if (client.expiresAt <= app.now()) throw new InvalidClientException('Client registration has expired');
  return client;
}

/**
 * Client secrets are opaque to callers; ours carry a random part only (AWS's are JWE blobs). The
 * stored form is its SHA-256.
 */
export function newClientCredentials(): { clientId: string; clientSecret: string } {
  return { clientId: randomString(22), clientSecret: `cs${randomString(120)}` };
}

/** User codes: 8 letters from an alphabet without look-alikes, shown as ABCD-EFGH. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export function newUserCode(): string {
  const s = randomString(8, USER_CODE_ALPHABET);
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Normalizes what a person typed: case, spaces and a missing dash are forgiven. */
export function normalizeUserCode(typed: string): string | undefined {
  const s = typed.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z]{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4)}` : undefined;
}

/** Starts a device authorization; the device code is returned once and stored hashed. */
export async function startDeviceAuthorization(app: App, client: OidcClient) {
  const settings = await ssoSettings(app);
  const now = app.now();
  const deviceCode = randomString(86);
  for (let attempt = 0; ; attempt++) {
    const userCode = newUserCode();
    const d: DeviceAuthorization = {
      deviceCodeHash: sha256hex(deviceCode),
      userCode,
      clientId: client.id,
      status: 'pending',
      interval: settings.deviceCodeInterval,
      createdAt: now,
      expiresAt: now + settings.deviceCodeExpiresIn * 1000,
    };
    if (await app.store.sso.insertDevice(d)) return { deviceCode, userCode, expiresIn: settings.deviceCodeExpiresIn, interval: d.interval };
    if (attempt > 5) throw new Error('could not allocate a unique user code');
  }
}

/** The pending authorization a typed user code names, if it is still usable. */
export async function pendingDevice(app: App, typed: string): Promise<DeviceAuthorization | undefined> {
  const code = normalizeUserCode(typed);
  const d = code ? await app.store.sso.deviceByUserCode(code) : undefined;
  if (d?.status !== 'pending' || d.expiresAt <= app.now()) return undefined;
  return d;
}

/** Records the user's decision on the page; false when the code is no longer pending. */
export async function decideDevice(app: App, userCode: string, allow: boolean, sessionId: string): Promise<boolean> {
  return app.store.sso.decideDevice(userCode, allow ? 'approved' : 'denied', sessionId);
}

// Polls arriving a little early (network jitter, timer granularity) are not punished.
const POLL_SLACK_MS = 250;

/**
 * The device_code grant: expired_token, access_denied, slow_down, authorization_pending, or the approved
 * authorization (consumed: a device code yields tokens once).
 */
export async function redeemDeviceCode(app: App, client: OidcClient, deviceCode: string): Promise<DeviceAuthorization> {
  const hash = sha256hex(deviceCode);
  const d = await app.store.sso.deviceByHash(hash);
  if (!d || d.clientId !== client.id) throw new InvalidGrantException('Invalid device code provided');
  const now = app.now();
  if (d.expiresAt <= now) throw new ExpiredTokenException('Device code has expired');
  if (d.status === 'denied') throw new OidcAccessDeniedException('Access denied');
  if (d.status === 'pending') {
    if (d.lastPolledAt !== undefined && now - d.lastPolledAt < d.interval * 1000 - POLL_SLACK_MS) {
      // RFC 8628 §3.5: a client told to slow down waits 5 more seconds from then on.
      await app.store.sso.recordPoll(hash, now, d.interval + 5);
      throw new SlowDownException('Client is polling too fast');
    }
    await app.store.sso.recordPoll(hash, now, d.interval);
    throw new AuthorizationPendingException('Authorization is still pending');
  }
  const consumed = await app.store.sso.consumeDevice(hash);
  if (!consumed) throw new InvalidGrantException('Invalid device code provided');
  return consumed;
}

/** Whether a URI is a loopback redirect (http or https to 127.0.0.1, [::1] or localhost, no fragment). */
export function isLoopbackRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return !url.hash && (url.protocol === 'http:' || url.protocol === 'https:') && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

/**
 * Whether a public client may use this redirect URI at all: loopback ones (what the AWS CLI registers), or
 * one the operator listed in the seed file. Anything else would let anyone who can register a client make
 * this server redirect a browser to a site of their choosing.
 */
export function redirectUriPermitted(operatorListed: readonly string[] | undefined, uri: string): boolean {
  return isLoopbackRedirect(uri) || (operatorListed ?? []).includes(uri);
}

/**
 * Loopback redirect URIs match whatever the port (RFC 8252 §7.3): AWS CLI v2 registers
 * `http://127.0.0.1/oauth/callback` and later sends the ephemeral port. Others must match exactly.
 */
export function redirectUriAllowed(registered: string[], presented: string): boolean {
  let p: URL;
  try {
    p = new URL(presented);
  } catch {
    return false;
  }
  return registered.some((r) => {
    if (r === presented) return true;
    let u: URL;
    try {
      u = new URL(r);
    } catch {
      return false;
    }
    const loopback = (h: string) => h === '127.0.0.1' || h === '[::1]' || h === 'localhost';
    return (
      u.protocol === 'http:' &&
      p.protocol === 'http:' &&
      loopback(u.hostname) &&
      u.hostname === p.hostname &&
      u.pathname === p.pathname &&
      u.search === p.search
    );
  });
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)) without padding. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Issues a single-use authorization code for a signed-in session. */
export async function issueAuthorizationCode(
  app: App,
  c: { clientId: string; redirectUri: string; codeChallenge: string; sessionId: string; scopes: string[] },
): Promise<string> {
  const code = `${uuid()}${randomString(32)}`;
  const rec: AuthorizationCode = { ...c, codeHash: sha256hex(code), expiresAt: app.now() + CODE_LIFETIME_MS };
  await app.store.sso.insertCode(rec);
  return code;
}

/** Redeems a code: consumed first (a replay finds nothing), then client, expiry, redirect and PKCE are checked. */
export async function redeemAuthorizationCode(
  app: App,
  client: OidcClient,
  code: string,
  redirectUri: string,
  codeVerifier: string,
): Promise<AuthorizationCode> {
  const rec = await app.store.sso.consumeCode(sha256hex(code));
  if (!rec || rec.clientId !== client.id) throw new InvalidGrantException('Invalid authorization code provided');
  if (rec.expiresAt <= app.now()) throw new ExpiredTokenException('Authorization code has expired');
  if (rec.redirectUri !== redirectUri) throw new InvalidGrantException('Redirect URI does not match the authorization request');
  const a = Buffer.from(s256(codeVerifier));
  const b = Buffer.from(rec.codeChallenge);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new InvalidGrantException('Code verifier does not match the code challenge');
  return rec;
}
