/**
 * A software passkey authenticator built on node:crypto, for tests that need what Chromium's virtual
 * authenticator does not give: `packed` attestation (self attestation: the credential's own key signs
 * authenticatorData ‖ SHA-256(clientDataJSON), WebAuthn §8.2) and RS256 (COSE alg -257) keys besides
 * ES256 (-7). It writes the JSON a browser's PublicKeyCredential.toJSON() gives
 * (RegistrationResponseJSON / AuthenticationResponseJSON), with the clientDataJSON, origin and flags the
 * test chooses, so a test can also tamper with any part.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

/** A JSON value (what the SDK's document members take). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** COSE algorithm identifiers. */
export type CoseAlg = -7 | -257;

const b64u = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

/** A CBOR value this encoder writes (RFC 8949): unsigned and negative integers, bytes, text, arrays, maps. */
type Cbor = number | string | Buffer | Cbor[] | Map<number | string, Cbor>;

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** Encodes a CBOR item (definite lengths only, as CTAP2 requires). */
export function cbor(v: Cbor): Buffer {
  if (typeof v === 'number') return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === 'string') {
    const t = Buffer.from(v, 'utf8');
    return Buffer.concat([head(3, t.length), t]);
  }
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  if (Array.isArray(v)) return Buffer.concat([head(4, v.length), ...v.map(cbor)]);
  const parts: Buffer[] = [head(5, v.size)];
  for (const [k, x] of v) parts.push(cbor(k), cbor(x));
  return Buffer.concat(parts);
}

/** authenticatorData flags (WebAuthn §6.1). */
export const FLAG = { UP: 0x01, UV: 0x04, AT: 0x40 } as const;

export interface SoftCredential {
  alg: CoseAlg;
  id: Buffer;
  privateKey: KeyObject;
  /** The COSE_Key of the public key. */
  cosePublicKey: Buffer;
  /** user.id of the creation options (base64url), returned as userHandle. */
  userHandle: string;
  counter: number;
}

function newKey(alg: CoseAlg): { privateKey: KeyObject; cose: Buffer } {
  if (alg === -257) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = new Map<number, Cbor>([
      [1, 3], // kty: RSA
      [3, -257], // alg: RS256
      [-1, Buffer.from(jwk.n as string, 'base64url')],
      [-2, Buffer.from(jwk.e as string, 'base64url')],
    ]);
    return { privateKey, cose: cbor(cose) };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = new Map<number, Cbor>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x as string, 'base64url')],
    [-3, Buffer.from(jwk.y as string, 'base64url')],
  ]);
  return { privateKey, cose: cbor(cose) };
}

/** The signature a credential of `alg` makes: RSASSA-PKCS1-v1_5 with SHA-256, or ECDSA P-256 (DER). */
function signWith(c: { privateKey: KeyObject }, data: Buffer): Buffer {
  return sign('sha256', data, c.privateKey);
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

export interface CreateOptions {
  alg: CoseAlg;
  origin: string;
  /** Defaults to rp.id of the creation options. */
  rpId?: string;
  flags?: number;
  /** Changes the attestation signature after signing (a forged attestation). */
  tamperSignature?: boolean;
}

/**
 * navigator.credentials.create with `packed` self attestation: returns the RegistrationResponseJSON and
 * the new credential (its private key kept for later assertions).
 */
export function createPackedCredential(
  creationOptions: { challenge: string; rp: { id?: string }; user: { id: string } },
  o: CreateOptions,
): { json: { [key: string]: Json }; credential: SoftCredential } {
  const rpId = o.rpId ?? (creationOptions.rp.id as string);
  const { privateKey, cose } = newKey(o.alg);
  const id = randomBytes(32);
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const authData = Buffer.concat([
    sha256(rpId),
    Buffer.from([o.flags ?? FLAG.UP | FLAG.UV | FLAG.AT]),
    Buffer.alloc(4), // signCount 0
    Buffer.alloc(16), // AAGUID: none (self attestation)
    idLength,
    id,
    cose,
  ]);
  const cd = clientData('webauthn.create', creationOptions.challenge, o.origin);
  const sig = signWith({ privateKey }, Buffer.concat([authData, sha256(cd)]));
  if (o.tamperSignature) sig[sig.length - 1] = (sig[sig.length - 1] as number) ^ 0x01;
  const attestationObject = cbor(
    new Map<string, Cbor>([
      ['fmt', 'packed'],
      [
        'attStmt',
        new Map<string, Cbor>([
          ['alg', o.alg],
          ['sig', sig],
        ]),
      ],
      ['authData', authData],
    ]),
  );
  return {
    json: {
      id: b64u(id),
      rawId: b64u(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64u(cd),
        attestationObject: b64u(attestationObject),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    },
    credential: { alg: o.alg, id, privateKey, cosePublicKey: cose, userHandle: creationOptions.user.id, counter: 0 },
  };
}

export interface GetOptions {
  origin: string;
  /** Defaults to rpId of the request options. */
  rpId?: string;
  flags?: number;
  /** The signature counter to report; defaults to the credential's counter + 1 (and moves it on). */
  counter?: number;
  tamperSignature?: boolean;
}

/** navigator.credentials.get: the AuthenticationResponseJSON for `requestOptions`. */
export function assertWith(
  c: SoftCredential,
  requestOptions: { challenge: string; rpId?: string },
  o: GetOptions,
): { [key: string]: Json } {
  const rpId = o.rpId ?? (requestOptions.rpId as string);
  const counter = o.counter ?? c.counter + 1;
  c.counter = Math.max(c.counter, counter);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  const authData = Buffer.concat([sha256(rpId), Buffer.from([o.flags ?? FLAG.UP | FLAG.UV]), count]);
  const cd = clientData('webauthn.get', requestOptions.challenge, o.origin);
  const sig = signWith(c, Buffer.concat([authData, sha256(cd)]));
  if (o.tamperSignature) sig[sig.length - 1] = (sig[sig.length - 1] as number) ^ 0x01;
  return {
    id: b64u(c.id),
    rawId: b64u(c.id),
    type: 'public-key',
    response: { clientDataJSON: b64u(cd), authenticatorData: b64u(authData), signature: b64u(sig), userHandle: c.userHandle },
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
  };
}
