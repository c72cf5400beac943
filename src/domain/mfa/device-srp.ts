/**
 * DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER: a confirmed device proves it holds the secret behind the
 * verifier it gave ConfirmDevice, with the same SRP-6a as PASSWORD_VERIFIER where the device group key
 * plays the pool name and the device key the user id (as amazon-cognito-identity-js and Amplify compute
 * it). A remembered device then skips MFA when the pool's ChallengeRequiredOnNewDevice is true. As in the password SRP flow, the server's secret exponent b
 * travels only sealed inside SECRET_BLOCK, never at rest, and each block answers once.
 */
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import type { DeviceRecord } from '../../store/port-mfa.ts';
import type { App } from '../app.ts';
import { assertFreshTimestamp, claimSignature, parseSrpA, serverEphemeral, sessionKey, signatureMatches, SrpRefused } from '../srp.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../types.ts';
import { required, sessionUser } from './answer.ts';
import { deviceConfiguration, finishSignIn } from './devices.ts';
import { newMfaSession, takeMfaSession } from './session.ts';
import { secondFactor, type SignInOutcome } from './step.ts';

const INCORRECT = 'Incorrect username or password.';

/** The DEVICE_SRP_AUTH challenge for a confirmed device. */
export async function deviceSrpChallenge(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  device: DeviceRecord,
): Promise<SignInOutcome> {
  const session = await newMfaSession(app, client, {
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
    challenge: 'DEVICE_SRP_AUTH',
    deviceKey: device.deviceKey,
  });
  return { ChallengeName: 'DEVICE_SRP_AUTH', Session: session, ChallengeParameters: {} };
}

/** The session's device, which DEVICE_KEY must name. */
async function sessionDevice(
  app: App,
  pool: PoolRecord,
  user: UserRecord,
  stateKey: string | undefined,
  presented: string,
): Promise<DeviceRecord> {
  const d = stateKey === presented ? await app.store.mfa.getDevice(pool.id, presented) : undefined;
  if (!d || d.sub !== user.sub || !d.verifier || !d.salt) throw new NotAuthorizedException('Invalid device key given.');
  return d;
}

/** DEVICE_SRP_AUTH answered with SRP_A: the DEVICE_PASSWORD_VERIFIER challenge. */
export async function answerDeviceSrpAuth(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string | undefined>,
  session: string | undefined,
): Promise<SignInOutcome> {
  const deviceKey = required(responses, 'DEVICE_KEY');
  const A = parseSrpA(required(responses, 'SRP_A'));
  if (A === undefined) throw new InvalidParameterException('Invalid SRP_A: the value must be a hexadecimal number.');
  const opened = await takeMfaSession(app, client, session, ['DEVICE_SRP_AUTH']);
  const user = await sessionUser(app, pool, client, opened, responses);
  const device = await sessionDevice(app, pool, user, opened.state.deviceKey, deviceKey);
  const { b, B } = serverEphemeral(device.verifier as string);
  const next = await newMfaSession(app, client, {
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
    challenge: 'DEVICE_PASSWORD_VERIFIER',
    deviceKey,
    A: A.toString(16),
    B: B.toString(16),
  });
  const block = Buffer.from(app.sealer.seal(JSON.stringify({ sid: next, b: b.toString(16) })), 'utf8').toString('base64');
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: next,
    ChallengeParameters: { SALT: device.salt, SRP_B: B.toString(16), SECRET_BLOCK: block, USERNAME: user.username, DEVICE_KEY: deviceKey },
  };
}

function openBlock(app: App, block: string): { sid: string; b: string } | undefined {
  try {
    const p = JSON.parse(app.sealer.open(Buffer.from(block, 'base64').toString('utf8'))) as { sid?: unknown; b?: unknown };
    if (typeof p.sid === 'string' && typeof p.b === 'string') return { sid: p.sid, b: p.b };
  } catch {
    // Not ours: refused below like a wrong proof.
  }
  return undefined;
}

/** DEVICE_PASSWORD_VERIFIER: the device's proof, then tokens (remembered) or the MFA step (not remembered). */
export async function answerDevicePasswordVerifier(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string | undefined>,
  _session: string | undefined,
): Promise<SignInOutcome> {
  const deviceKey = required(responses, 'DEVICE_KEY');
  const secretBlock = required(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = required(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = required(responses, 'TIMESTAMP');
  const block = openBlock(app, secretBlock);
  if (!block) throw new NotAuthorizedException(INCORRECT);
  // The block names its session: consumed before the proof is judged, so a block answers once.
  const opened = await takeMfaSession(app, client, block.sid, ['DEVICE_PASSWORD_VERIFIER']);
  const user = await sessionUser(app, pool, client, opened, responses);
  const device = await sessionDevice(app, pool, user, opened.state.deviceKey, deviceKey);
  try {
    assertFreshTimestamp(timestamp, app.now());
    const key = sessionKey(BigInt(`0x${opened.state.A}`), BigInt(`0x${opened.state.B}`), BigInt(`0x${block.b}`), device.verifier as string);
    const expected = claimSignature(key, device.deviceGroupKey, device.deviceKey, Buffer.from(secretBlock, 'base64'), timestamp);
    if (!signatureMatches(expected, signature)) throw new SrpRefused('bad-signature');
  } catch (e) {
    if (e instanceof SrpRefused) throw new NotAuthorizedException(INCORRECT);
    throw e;
  }
  // ChallengeRequiredOnNewDevice: a remembered device signs in with device authentication instead of MFA.
  const skipsMfa = device.remembered && deviceConfiguration(pool)?.ChallengeRequiredOnNewDevice === true;
  // Tokens issued in this answer end a device authentication: PreTokenGeneration's TokenGeneration_AuthenticateDevice.
  const signIn = { source: 'AuthenticateDevice' } as const;
  return skipsMfa ? finishSignIn(app, pool, client, user, device, signIn) : secondFactor(app, pool, client, user, device, signIn);
}
