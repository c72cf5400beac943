/**
 * The pool's passkey settings (WebAuthnConfiguration) and the checks Cognate makes on a browser's
 * clientDataJSON before @simplewebauthn/server verifies the rest (attestation, RP ID hash, flags,
 * signature, counter): the ceremony type, the challenge, and the origin, which must be
 * `https://{RelyingPartyId}` (any port), or `http://localhost[:port]` when the RP ID is `localhost`.
 *
 * The relying party ID is WebAuthnConfiguration.RelyingPartyId when set; otherwise, as Cognito documents,
 * the pool's domain: its custom domain when it has one, else its prefix domain
 * (`{prefix}.auth.{region}.amazoncognito.com`). With neither, passkeys are not configured
 * (WebAuthnConfigurationMissingException). The default is worked out at each use, so it follows the
 * pool's domains as they come and go, and GetUserPoolMfaConfig shows only what was set.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import { domainHostName } from '../oauth/domains.ts';
import type { PoolRecord } from '../types.ts';
import {
  WebAuthnChallengeNotFoundException,
  WebAuthnClientMismatchException,
  WebAuthnConfigurationMissingException,
  WebAuthnNotEnabledException,
  WebAuthnOriginNotAllowedException,
} from './errors.ts';
import { allowedFirstFactors } from './first-factors.ts';
import { MFA_FACTORS_KEY } from './pool-mfa.ts';

export interface WebAuthnSettings {
  RelyingPartyId: string;
  UserVerification: 'required' | 'preferred';
}

/** The relying party ID a pool without an explicit one uses: its custom domain, else its prefix domain. */
async function defaultRelyingPartyId(app: App, pool: PoolRecord): Promise<string | undefined> {
  const domains = await app.store.oauth.domainsOfPool(pool.id);
  const d = domains.find((x) => x.custom) ?? domains.find((x) => !x.custom);
  return d ? domainHostName(app, d) : undefined;
}

/** The pool's passkey settings, or the Cognito error for a pool that does not offer passkeys. */
export async function webAuthnSettings(app: App, pool: PoolRecord): Promise<WebAuthnSettings> {
  if (!allowedFirstFactors(pool).includes('WEB_AUTHN')) {
    throw new WebAuthnNotEnabledException('WEB_AUTHN is not in the user pool’s AllowedFirstAuthFactors.');
  }
  const w = (pool.config[MFA_FACTORS_KEY] as { webAuthn?: Partial<WebAuthnSettings> } | undefined)?.webAuthn;
  const rpId = w?.RelyingPartyId || (await defaultRelyingPartyId(app, pool));
  if (!rpId) {
    throw new WebAuthnConfigurationMissingException(
      'The user pool has neither a WebAuthnConfiguration.RelyingPartyId nor a domain: set the relying party ID with ' +
        'SetUserPoolMfaConfig, or create a user pool domain (CreateUserPoolDomain), whose name then serves as the relying party ID.',
    );
  }
  return { RelyingPartyId: rpId, UserVerification: w?.UserVerification ?? 'preferred' };
}

/** Whether the pool can do passkey ceremonies now (WEB_AUTHN allowed, and a relying party ID). */
export async function passkeysReady(app: App, pool: PoolRecord): Promise<boolean> {
  try {
    await webAuthnSettings(app, pool);
    return true;
  } catch {
    return false;
  }
}

/** Whether `origin` may use passkeys of `rpId`. */
export function originAllowed(origin: string, rpId: string): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (u.origin !== origin || u.hostname !== rpId) return false;
  return u.protocol === 'https:' || (rpId === 'localhost' && u.protocol === 'http:');
}

interface ClientData {
  type?: unknown;
  challenge?: unknown;
  origin?: unknown;
}

/** Parses a credential JSON and checks its clientDataJSON; returns the parsed credential and its origin. */
export function checkClientData(
  credentialJson: unknown,
  ceremony: 'webauthn.create' | 'webauthn.get',
  challenge: string,
  rpId: string,
): { credential: Record<string, unknown>; origin: string } {
  const credential = (typeof credentialJson === 'string' ? safeJson(credentialJson) : credentialJson) as
    | Record<string, unknown>
    | undefined;
  const response = credential?.response as { clientDataJSON?: unknown } | undefined;
  if (!credential || typeof response?.clientDataJSON !== 'string' || typeof credential.id !== 'string') {
    throw new InvalidParameterException('The credential is not a WebAuthn PublicKeyCredential in JSON form.');
  }
  const data = safeJson(Buffer.from(response.clientDataJSON, 'base64url').toString('utf8')) as ClientData | undefined;
  if (!data) throw new InvalidParameterException('clientDataJSON is not JSON.');
  if (data.type !== ceremony) throw new WebAuthnClientMismatchException(`clientDataJSON.type must be ${ceremony}.`);
  if (data.challenge !== challenge) throw new WebAuthnChallengeNotFoundException('The credential answers no challenge Cognate issued.');
  if (typeof data.origin !== 'string' || !originAllowed(data.origin, rpId)) {
    throw new WebAuthnOriginNotAllowedException(`The origin ${String(data.origin)} may not use passkeys of ${rpId}.`);
  }
  return { credential, origin: data.origin };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
