/**
 * Passkeys: registration (StartWebAuthnRegistration / CompleteWebAuthnRegistration), the user's
 * credentials (ListWebAuthnCredentials / DeleteWebAuthnCredential), and the WEB_AUTHN first factor of
 * USER_AUTH. @simplewebauthn/server does the WebAuthn verification (attestation `none` and `packed`,
 * ES256 and RS256, RP ID hash, user presence and verification flags, signature, counter); every
 * challenge is single use and kept in the store, never in the client.
 */
import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { InvalidParameterException, NotAuthorizedException, ResourceNotFoundException } from '../../protocol/errors.ts';
import type { WebAuthnCredentialRecord } from '../../store/port-mfa.ts';
import type { App } from '../app.ts';
import { decodePageToken, encodePageToken } from '../pagination.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../types.ts';
import { epochSeconds } from '../user-pools.ts';
import { finishSignIn } from './devices.ts';
import {
  WebAuthnChallengeNotFoundException,
  WebAuthnCredentialNotSupportedException,
  WebAuthnRelyingPartyMismatchException,
} from './errors.ts';
import { newMfaSession, type OpenedSession } from './session.ts';
import { checkClientData, passkeysReady, webAuthnSettings } from './webauthn-checks.ts';

/** ES256 and RS256, the algorithms Cognito accepts. */
const ALGORITHMS = [-7, -257];
const CEREMONY_MS = 3 * 60_000;

const registrationKey = (pool: PoolRecord, user: UserRecord) => `webauthn-registration:${pool.id}:${user.sub}`;

async function allCredentials(app: App, pool: PoolRecord, user: UserRecord): Promise<WebAuthnCredentialRecord[]> {
  return (await app.store.mfa.listCredentials(pool.id, user.sub, 100)).items;
}

/** StartWebAuthnRegistration: creation options, with the challenge kept (single use) for Complete. */
export async function startRegistration(app: App, pool: PoolRecord, user: UserRecord): Promise<{ CredentialCreationOptions: unknown }> {
  const w = await webAuthnSettings(app, pool);
  const existing = await allCredentials(app, pool, user);
  const options = await generateRegistrationOptions({
    rpName: pool.name,
    rpID: w.RelyingPartyId,
    userName: user.username,
    userID: new Uint8Array(Buffer.from(user.sub)),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, ...(c.transports ? { transports: c.transports as never } : {}) })),
    authenticatorSelection: { residentKey: 'required', userVerification: w.UserVerification },
    supportedAlgorithmIDs: ALGORITHMS,
    timeout: CEREMONY_MS,
  });
  await app.store.authSessions.put({
    id: registrationKey(pool, user),
    expiresAt: app.now() + CEREMONY_MS,
    data: { challenge: options.challenge },
  });
  return { CredentialCreationOptions: options };
}

/** Maps a verification failure to Cognito's error. */
function refusal(e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (/RP ID/i.test(message)) return new WebAuthnRelyingPartyMismatchException(message);
  if (/algorithm|attestation format|Unsupported/i.test(message)) return new WebAuthnCredentialNotSupportedException(message);
  return new InvalidParameterException(`The credential was not accepted: ${message}`);
}

/** CompleteWebAuthnRegistration: verifies the attestation and stores the passkey. */
export async function completeRegistration(app: App, pool: PoolRecord, user: UserRecord, credentialJson: unknown): Promise<void> {
  const w = await webAuthnSettings(app, pool);
  const rec = await app.store.authSessions.consume(registrationKey(pool, user));
  const challenge = rec && rec.expiresAt > app.now() ? (rec.data.challenge as string) : undefined;
  if (!challenge) throw new WebAuthnChallengeNotFoundException('No registration is in progress: call StartWebAuthnRegistration first.');
  const { credential, origin } = checkClientData(credentialJson, 'webauthn.create', challenge, w.RelyingPartyId);
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response: credential as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: w.RelyingPartyId,
      requireUserVerification: w.UserVerification === 'required',
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (e) {
    throw refusal(e);
  }
  if (!result.verified) throw new InvalidParameterException('The credential was not accepted.');
  const c = result.registrationInfo.credential;
  const transports = (credential.response as { transports?: string[] }).transports ?? c.transports;
  await app.store.mfa.putCredential({
    poolId: pool.id,
    credentialId: c.id,
    sub: user.sub,
    publicKey: Buffer.from(c.publicKey).toString('base64url'),
    counter: c.counter,
    relyingPartyId: w.RelyingPartyId,
    ...(transports ? { transports: [...transports] } : {}),
    ...(typeof credential.authenticatorAttachment === 'string' ? { attachment: credential.authenticatorAttachment } : {}),
    createdAt: app.now(),
  });
}

/** ListWebAuthnCredentials: MaxResults (20 by default) at a time, with a sealed NextToken. */
export async function listCredentials(app: App, pool: PoolRecord, user: UserRecord, max: number | undefined, token: string | undefined) {
  const scope = `webauthn:${pool.id}:${user.sub}`;
  const page = await app.store.mfa.listCredentials(pool.id, user.sub, max || 20, decodePageToken(app, scope, token));
  return {
    Credentials: page.items.map((c) => ({
      CredentialId: c.credentialId,
      ...(c.friendlyName ? { FriendlyCredentialName: c.friendlyName } : {}),
      RelyingPartyId: c.relyingPartyId,
      ...(c.attachment ? { AuthenticatorAttachment: c.attachment } : {}),
      ...(c.transports ? { AuthenticatorTransports: c.transports } : {}),
      CreatedAt: epochSeconds(c.createdAt),
    })),
    ...(page.next ? { NextToken: encodePageToken(app, scope, page.next) } : {}),
  };
}

/** DeleteWebAuthnCredential. */
export async function deleteCredential(app: App, pool: PoolRecord, user: UserRecord, credentialId: string): Promise<void> {
  const c = await app.store.mfa.getCredential(pool.id, credentialId);
  if (!c || c.sub !== user.sub) throw new ResourceNotFoundException('Credential does not exist.');
  await app.store.mfa.deleteCredential(pool.id, credentialId);
}

/**
 * Whether the user can sign in with a passkey: the user has one, and the pool can run the ceremony (it
 * offers passkeys and has a relying party ID, set or its domain's; a pool whose domain is gone has none).
 */
export async function hasPasskey(app: App, pool: PoolRecord, user: UserRecord): Promise<boolean> {
  const has = (await app.store.mfa.listCredentials(pool.id, user.sub, 1)).items.length > 0;
  return (await passkeysReady(app, pool)) && has;
}

/** The WEB_AUTHN challenge: request options for the user's passkeys, the challenge kept in the session. */
export async function webAuthnChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
): Promise<Record<string, unknown>> {
  const creds = await allCredentials(app, pool, user);
  return requestOptionsChallenge(app, pool, client, user.sub, creds);
}

/**
 * A WEB_AUTHN challenge for `sub` allowing `creds` (a user's, or a decoy's made-up ones), with `extra`
 * kept in its session beside the challenge.
 */
export async function requestOptionsChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  sub: string,
  creds: { credentialId: string; transports?: string[] }[],
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const w = await webAuthnSettings(app, pool);
  const options = await generateAuthenticationOptions({
    rpID: w.RelyingPartyId,
    allowCredentials: creds.map((c) => ({ id: c.credentialId, ...(c.transports ? { transports: c.transports as never } : {}) })),
    userVerification: w.UserVerification,
    timeout: CEREMONY_MS,
  });
  const session = await newMfaSession(app, client, {
    ...extra,
    poolId: pool.id,
    clientId: client.id,
    sub,
    challenge: 'WEB_AUTHN',
    webAuthnChallenge: options.challenge,
  });
  return { ChallengeName: 'WEB_AUTHN', Session: session, ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) } };
}

/**
 * A WEB_AUTHN answer to a decoy's challenge (mfa/first-factor-decoy): the checks and the lookup an answer
 * for a real user gets, then the refusal of a passkey that is not the user's.
 */
export async function refuseDecoyWebAuthn(app: App, pool: PoolRecord, opened: OpenedSession, credentialJson: string): Promise<Error> {
  const w = await webAuthnSettings(app, pool);
  const { credential } = checkClientData(credentialJson, 'webauthn.get', opened.state.webAuthnChallenge as string, w.RelyingPartyId);
  await app.store.mfa.getCredential(pool.id, credential.id as string);
  return new NotAuthorizedException('Incorrect username or password.');
}

/** WEB_AUTHN answered with CREDENTIAL: the assertion is verified, the counter moves on, tokens follow. */
export async function answerWebAuthn(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  opened: OpenedSession,
  credentialJson: string,
): Promise<Record<string, unknown>> {
  const w = await webAuthnSettings(app, pool);
  const challenge = opened.state.webAuthnChallenge as string;
  const { credential, origin } = checkClientData(credentialJson, 'webauthn.get', challenge, w.RelyingPartyId);
  const stored = await app.store.mfa.getCredential(pool.id, credential.id as string);
  if (!stored || stored.sub !== user.sub) throw new NotAuthorizedException('Incorrect username or password.');
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response: credential as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: w.RelyingPartyId,
      credential: {
        id: stored.credentialId,
        publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
        counter: stored.counter,
        ...(stored.transports ? { transports: stored.transports as never } : {}),
      },
      requireUserVerification: w.UserVerification === 'required',
    });
  } catch (e) {
    const r = refusal(e);
    throw r instanceof InvalidParameterException ? new NotAuthorizedException('Incorrect username or password.') : r;
  }
  if (!result.verified) throw new NotAuthorizedException('Incorrect username or password.');
  await app.store.mfa.putCredential({ ...stored, counter: result.authenticationInfo.newCounter });
  return finishSignIn(app, pool, client, user);
}
