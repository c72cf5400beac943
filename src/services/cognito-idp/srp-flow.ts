/**
 * USER_SRP_AUTH and its PASSWORD_VERIFIER challenge (InitiateAuth / AdminInitiateAuth, then
 * RespondToAuthChallenge / AdminRespondToAuthChallenge).
 *
 * The SECRET_BLOCK is opaque to the client: a sealed (AES-GCM) record of the server's secret exponent b,
 * bound to a single-use challenge session in the store that holds the public values and the deadline.
 * b is never written at rest, and a block can be answered once: the session is consumed before the proof
 * is checked, so a replay (or a second guess) finds nothing. Like Cognito, no `Session` is returned.
 */
import { randomBytes } from 'node:crypto';
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import { acceptPassword, assertSecretHash, hidesUserExistence, startPasswordCheck, userMissing } from '../../domain/auth.ts';
import { afterFirstFactor } from '../../domain/mfa/step.ts';
import { brakeKeys, claimPasswordCheck, wrongPasswordError } from '../../domain/password-brake.ts';
import { srpPoolName } from '../../domain/passwords.ts';
import { preAuthentication } from '../../domain/triggers/authentication.ts';
import {
  SrpRefused,
  assertFreshTimestamp,
  claimSignature,
  parseSrpA,
  serverEphemeral,
  sessionKey,
  signatureMatches,
} from '../../domain/srp.ts';
import { N, randomBigInt } from '../../domain/srp-math.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../../domain/types.ts';
import { decoyBytes, decoyUuid, dummyVerifier } from '../../domain/user-existence.ts';
import { findUser } from '../../domain/users.ts';
import { type AuthParams, newPasswordChallenge, requireParam } from './auth-flows.ts';
import { srpUserIdFor } from './user-input.ts';

const KIND = 'PASSWORD_VERIFIER';
const INCORRECT = 'Incorrect username or password.';

/** What the sealed SECRET_BLOCK carries. */
interface SealedBlock {
  /** The challenge session id (single use). */
  sid: string;
  /** The server's secret exponent, hex. */
  b: string;
  poolId: string;
  clientId: string;
  sub: string;
}

function sessionMinutes(client: ClientRecord): number {
  return typeof client.config.AuthSessionValidity === 'number' ? (client.config.AuthSessionValidity as number) : 3;
}

function sealBlock(app: App, block: SealedBlock): string {
  return Buffer.from(app.sealer.seal(JSON.stringify(block)), 'utf8').toString('base64');
}

function openBlock(app: App, secretBlock: string): SealedBlock | undefined {
  try {
    const parsed = JSON.parse(app.sealer.open(Buffer.from(secretBlock, 'base64').toString('utf8'))) as Partial<SealedBlock>;
    const { sid, b, poolId, clientId, sub } = parsed;
    if ([sid, b, poolId, clientId, sub].every((x) => typeof x === 'string')) return parsed as SealedBlock;
  } catch {
    // Tampered, foreign or garbage: refused below like a wrong proof.
  }
  return undefined;
}

function challenge(salt: string, B: bigint, secretBlock: string, srpUserId: string, username: string): Record<string, unknown> {
  return {
    ChallengeName: KIND,
    ChallengeParameters: {
      SALT: salt,
      SRP_B: B.toString(16),
      SECRET_BLOCK: secretBlock,
      USER_ID_FOR_SRP: srpUserId,
      USERNAME: username,
    },
  };
}

/** The session of a decoy challenge: whose wrong-password count its answers go to, and the names it answers to. */
interface DecoyState {
  decoy: true;
  /** domain/password-brake's key: the unknown name's own count (or a password-less user's). */
  brakeKey: string;
  names: string[];
}

/**
 * With PreventUserExistenceErrors, an unknown user gets a challenge that looks like a real one, as Cognito
 * documents: the same salt and a UUID user id for the same user name and pool, a fresh B, and a SECRET_BLOCK
 * of the real length and format. It costs the same work (one exponentiation, one session written) and can
 * never be answered: its session names a user who does not exist, and its answers are judged as wrong
 * passwords, counted toward the name's own lock-out (`decoyProofRefused`).
 */
async function decoyChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  A: bigint,
  brakeKey = brakeKeys.unknown(pool.id, username),
): Promise<Record<string, unknown>> {
  const saltBytes = (await decoyBytes(app, 'salt', pool.id, username)).subarray(0, 16);
  saltBytes[0] = ((saltBytes[0] ?? 0) & 0x7f) | 0x10;
  const salt = saltBytes.toString('hex');
  const fakeSub = await decoyUuid(app, pool.id, username);
  const { b, B } = serverEphemeral((randomBigInt(384) % N).toString(16));
  const sid = randomBytes(32).toString('base64url');
  const shownName = srpUserIdFor(pool, { username, sub: fakeSub });
  const decoy: DecoyState = { decoy: true, brakeKey, names: [username, shownName, fakeSub] };
  await app.store.authSessions.put({
    id: sid,
    expiresAt: app.now() + sessionMinutes(client) * 60_000,
    data: { kind: KIND, poolId: pool.id, clientId: client.id, sub: fakeSub, A: A.toString(16), B: B.toString(16), ...decoy },
  });
  const block = sealBlock(app, { sid, b: b.toString(16), poolId: pool.id, clientId: client.id, sub: fakeSub });
  return challenge(salt, B, block, shownName, shownName);
}

/**
 * A decoy challenge answered: refused as a wrong proof is, after the same work — the brake (the name's
 * own count, so the lock-out comes after as many guesses), then the session key against a throwaway
 * verifier and the signature.
 */
async function decoyProofRefused(
  app: App,
  pool: PoolRecord,
  state: Record<string, unknown>,
  block: SealedBlock,
  secretBlock: string,
  timestamp: string,
): Promise<Error> {
  const check = await claimPasswordCheck(app, state.brakeKey as string);
  try {
    const key = sessionKey(BigInt(`0x${state.A}`), BigInt(`0x${state.B}`), BigInt(`0x${block.b}`), dummyVerifier(app).verifier);
    claimSignature(key, srpPoolName(pool.id), block.sub, Buffer.from(secretBlock, 'base64'), timestamp);
  } catch (e) {
    if (!(e instanceof SrpRefused)) throw e;
  }
  return wrongPasswordError(check);
}

/** InitiateAuth / AdminInitiateAuth with USER_SRP_AUTH: the PASSWORD_VERIFIER challenge. */
export async function srpInitiate(app: App, pool: PoolRecord, client: ClientRecord, params: AuthParams): Promise<Record<string, unknown>> {
  const username = requireParam(params, 'USERNAME');
  const srpA = requireParam(params, 'SRP_A');
  assertSecretHash(app, client, [username], params.SECRET_HASH);
  const A = parseSrpA(srpA);
  if (A === undefined) throw new InvalidParameterException('Invalid SRP_A: the value must be a hexadecimal number.');
  const user = await findUser(app, pool, username);
  await preAuthentication(app, pool, client, username, user);
  if (!user?.password) {
    if (!user && !hidesUserExistence(client)) throw userMissing(client);
    return decoyChallenge(app, pool, client, username, A, user ? brakeKeys.user(user) : undefined);
  }
  const { b, B } = serverEphemeral(user.password.verifier);
  const sid = randomBytes(32).toString('base64url');
  await app.store.authSessions.put({
    id: sid,
    expiresAt: app.now() + sessionMinutes(client) * 60_000,
    data: { kind: KIND, poolId: pool.id, clientId: client.id, sub: user.sub, A: A.toString(16), B: B.toString(16) },
  });
  const block = sealBlock(app, { sid, b: b.toString(16), poolId: pool.id, clientId: client.id, sub: user.sub });
  return challenge(user.password.salt, B, block, user.password.srpUserId, user.username);
}

/** Whether the USERNAME a client answers with names this user (user name, SRP id, sub or an alias). */
async function namesUser(app: App, pool: PoolRecord, user: UserRecord, username: string): Promise<boolean> {
  if (username === user.username || username === user.sub || username === user.password?.srpUserId) return true;
  return (await findUser(app, pool, username))?.sub === user.sub;
}

/** RespondToAuthChallenge PASSWORD_VERIFIER: checks the proof and finishes (or continues) the sign-in. */
export async function srpRespond(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  responses: AuthParams,
  _session?: string,
): Promise<Record<string, unknown>> {
  const username = requireParam(responses, 'USERNAME');
  const secretBlock = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = requireParam(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = requireParam(responses, 'TIMESTAMP');

  // 1. The block must be ours, for this pool and client.
  const block = openBlock(app, secretBlock);
  if (!block || block.poolId !== pool.id || block.clientId !== client.id) throw new NotAuthorizedException(INCORRECT);
  const user = block.sub ? await app.store.users.getBySub(pool.id, block.sub) : undefined;
  assertSecretHash(app, client, [username, ...(user ? [user.username, user.sub] : [])], responses.SECRET_HASH);

  // 2. Single use: consume before anything else is judged, so a refused answer cannot be retried.
  const rec = await app.store.authSessions.consume(block.sid);
  const state = rec?.data;
  if (!rec || !state || state.kind !== KIND || state.sub !== block.sub) throw new NotAuthorizedException(INCORRECT);
  const decoy = state.decoy === true && Array.isArray(state.names);
  if (!decoy && !user?.password) throw new NotAuthorizedException(INCORRECT);
  if (rec.expiresAt <= app.now()) throw new NotAuthorizedException('Invalid session for the user, session is expired.');
  const named = decoy ? (state.names as string[]).includes(username) : user?.password && (await namesUser(app, pool, user, username));
  if (!named) throw new NotAuthorizedException(INCORRECT);

  // 3. The proof. A clock or format problem is not a password guess; the rest is judged past the brake.
  try {
    assertFreshTimestamp(timestamp, app.now());
  } catch (e) {
    if (e instanceof SrpRefused) throw new NotAuthorizedException(INCORRECT);
    throw e;
  }
  if (decoy || !user?.password) throw await decoyProofRefused(app, pool, state, block, secretBlock, timestamp);
  const check = await startPasswordCheck(app, user);
  try {
    const key = sessionKey(BigInt(`0x${state.A}`), BigInt(`0x${state.B}`), BigInt(`0x${block.b}`), user.password.verifier);
    const expected = claimSignature(key, srpPoolName(pool.id), user.password.srpUserId, Buffer.from(secretBlock, 'base64'), timestamp);
    if (!signatureMatches(expected, signature)) throw new SrpRefused('bad-signature');
  } catch (e) {
    if (!(e instanceof SrpRefused)) throw e;
    throw wrongPasswordError(check);
  }

  // 4. Right password: the same checks and outcomes as USER_PASSWORD_AUTH.
  await acceptPassword(app, user);
  if (user.status === 'FORCE_CHANGE_PASSWORD') return newPasswordChallenge(app, pool, client, user);
  return afterFirstFactor(app, pool, client, user, {}, responses.DEVICE_KEY);
}
