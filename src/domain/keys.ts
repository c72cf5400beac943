/**
 * Signing keys: each pool has one RSA key for access tokens and another for ID tokens (as Cognito
 * does), published in the pool's JWKS. Private keys are sealed at rest; opened keys are cached.
 */
import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { Store } from '../store/port.ts';
import { randomString } from './ids.ts';
import type { Sealer } from './seal.ts';
import type { SigningKeyRecord } from './types.ts';

const genKeyPair = promisify(generateKeyPair);

export interface OpenKey {
  kid: string;
  use: SigningKeyRecord['use'];
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: Record<string, string>;
}

export class KeyService {
  private readonly cache = new Map<string, OpenKey[]>();

  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
  ) {}

  /** Creates the pool's keys (one per use). */
  async createKeys(poolId: string, uses: SigningKeyRecord['use'][], now: number): Promise<void> {
    for (const use of uses) {
      const { privateKey, publicKey } = await genKeyPair('rsa', { modulusLength: 2048 });
      const kid = randomString(43);
      const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
      await this.store.signingKeys.insert({
        kid,
        poolId,
        use,
        privateKeySealed: this.sealer.seal(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
        publicJwk: { alg: 'RS256', e: jwk.e ?? 'AQAB', kid, kty: 'RSA', n: jwk.n ?? '', use: 'sig' },
        createdAt: now,
      });
    }
    this.cache.delete(poolId);
  }

  async keys(poolId: string): Promise<OpenKey[]> {
    let keys = this.cache.get(poolId);
    if (!keys) {
      const rows = await this.store.signingKeys.listByPool(poolId);
      keys = rows.map((r) => {
        const privateKey = createPrivateKey(this.sealer.open(r.privateKeySealed));
        return { kid: r.kid, use: r.use, privateKey, publicKey: createPublicKey(privateKey), jwk: r.publicJwk };
      });
      if (keys.length > 0) this.cache.set(poolId, keys);
    }
    return keys;
  }

  async signer(poolId: string, use: SigningKeyRecord['use']): Promise<OpenKey> {
    const k = (await this.keys(poolId)).filter((x) => x.use === use).at(-1);
    if (!k) throw new Error(`pool ${poolId} has no ${use} key`);
    return k;
  }

  /** The key with this kid, only if it signs tokens of this use. */
  async verifier(poolId: string, kid: string, use: SigningKeyRecord['use']): Promise<OpenKey | undefined> {
    return (await this.keys(poolId)).find((k) => k.kid === kid && k.use === use);
  }

  async jwks(poolId: string): Promise<{ keys: Record<string, string>[] }> {
    return { keys: (await this.keys(poolId)).map((k) => k.jwk) };
  }

  forget(poolId: string): void {
    this.cache.delete(poolId);
  }

  forgetAll(): void {
    this.cache.clear();
  }
}
