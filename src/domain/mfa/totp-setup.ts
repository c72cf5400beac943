/**
 * Setting up a software token: AssociateSoftwareToken makes a secret (kept sealed, pending) and
 * VerifySoftwareToken proves the user's app computes its codes, which makes it the user's TOTP secret.
 * Both work with a signed-in user's access token or with the Session of an MFA_SETUP challenge; in the
 * latter case a verified token also turns TOTP MFA on (it is the factor the user had to set up).
 */
import { NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import type { ClientRecord, UserRecord } from '../types.ts';
import { totpAccepted } from './answer.ts';
import { EnableSoftwareTokenMFAException, SoftwareTokenMFANotFoundException } from './errors.ts';
import { countWrongCode, type MfaSessionState, newMfaSession, SESSION_EXPIRED, takeMfaSession } from './session.ts';
import { newTotpSecret } from './totp.ts';
import { enabledFactors, pendingTotpSecret, setFactors } from './user-mfa.ts';

/** Wrong codes VerifySoftwareToken takes on one pending secret before the secret is thrown away. */
export const MAX_VERIFY_FAILURES = 5;
const MISMATCH = 'Code mismatch and fail enable Software Token MFA';

/** Makes and stores (sealed) a new pending secret for the user; returns it in base32, once. */
async function associate(app: App, user: UserRecord): Promise<string> {
  const secret = newTotpSecret();
  user.totp = { ...(user.totp?.secretSealed ? { secretSealed: user.totp.secretSealed } : {}), pendingSealed: app.sealer.seal(secret) };
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return secret;
}

/** AssociateSoftwareToken with an access token. */
export async function associateForUser(app: App, user: UserRecord): Promise<{ SecretCode: string }> {
  return { SecretCode: await associate(app, user) };
}

/** The user and app client an MFA_SETUP session belongs to. */
async function setupParties(app: App, state: MfaSessionState): Promise<{ user: UserRecord; client: ClientRecord }> {
  const user = await app.store.users.getBySub(state.poolId, state.sub);
  const client = await app.store.clients.get(state.poolId, state.clientId);
  if (!user?.enabled || !client) throw new NotAuthorizedException(SESSION_EXPIRED);
  return { user, client };
}

/** AssociateSoftwareToken with the Session of an MFA_SETUP challenge: the secret and the next Session. */
export async function associateForSession(app: App, session: string): Promise<{ SecretCode: string; Session: string }> {
  const opened = await takeMfaSession(app, undefined, session, ['MFA_SETUP']);
  const { user, client } = await setupParties(app, opened.state);
  const secret = await associate(app, user);
  const { kind, attempts, ...rest } = opened.state;
  return { SecretCode: secret, Session: await newMfaSession(app, client, { ...rest, stage: 'associated' }) };
}

/** Promotes the pending secret to the user's TOTP secret. */
function promote(user: UserRecord, friendlyName: string | undefined): void {
  user.totp = { secretSealed: user.totp?.pendingSealed as string, ...(friendlyName ? { friendlyDeviceName: friendlyName } : {}) };
}

/** VerifySoftwareToken with an access token: the code must come from the pending secret. */
export async function verifyForUser(app: App, user: UserRecord, code: string, friendlyName?: string): Promise<{ Status: 'SUCCESS' }> {
  const secret = pendingTotpSecret(app, user);
  if (!secret)
    throw new SoftwareTokenMFANotFoundException(
      'Software Token MFA has not been associated with the user: call AssociateSoftwareToken first.',
    );
  if (!(await totpAccepted(app, user, secret, code))) {
    // Counted on the user record (in the store): past the limit the pending secret is discarded.
    const failures = (user.totp?.verifyFailures ?? 0) + 1;
    if (failures >= MAX_VERIFY_FAILURES) {
      user.totp = user.totp?.secretSealed ? { secretSealed: user.totp.secretSealed } : {};
    } else user.totp = { ...user.totp, verifyFailures: failures };
    await app.store.users.update(user);
    throw new EnableSoftwareTokenMFAException(MISMATCH);
  }
  promote(user, friendlyName);
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  return { Status: 'SUCCESS' };
}

/** VerifySoftwareToken with an MFA_SETUP Session: TOTP becomes the user's (preferred) factor. */
export async function verifyForSession(
  app: App,
  session: string,
  code: string,
  friendlyName?: string,
): Promise<{ Status: 'SUCCESS'; Session: string }> {
  const opened = await takeMfaSession(app, undefined, session, ['MFA_SETUP']);
  const { user, client } = await setupParties(app, opened.state);
  const secret = opened.state.stage === 'associated' ? pendingTotpSecret(app, user) : undefined;
  if (!secret) {
    await app.store.authSessions.put({ id: opened.id, expiresAt: opened.expiresAt, data: opened.state });
    throw new SoftwareTokenMFANotFoundException(
      'Software Token MFA has not been associated with this session: call AssociateSoftwareToken first.',
    );
  }
  if (!(await totpAccepted(app, user, secret, code))) {
    await countWrongCode(app, opened);
    throw new EnableSoftwareTokenMFAException(MISMATCH);
  }
  promote(user, friendlyName);
  setFactors(user, [...enabledFactors(user), 'SOFTWARE_TOKEN_MFA'], 'SOFTWARE_TOKEN_MFA');
  user.lastModifiedAt = app.now();
  await app.store.users.update(user);
  const { kind, attempts, ...rest } = opened.state;
  return { Status: 'SUCCESS', Session: await newMfaSession(app, client, { ...rest, stage: 'verified' }) };
}
