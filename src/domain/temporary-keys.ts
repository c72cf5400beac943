/** Temporary credentials (role and identity-pool sessions) as a SigV4 key source. */
import { timingSafeEqual } from 'node:crypto';
import type { App } from './app.ts';
import type { KeyDirectory, KeyRecord } from './credentials.ts';
import { newAccessKeyId, newSecretAccessKey, randomString, sha256hex } from './ids.ts';
import type { AccessKeyRecord } from './types.ts';

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
}

export class TemporaryKeys implements KeyDirectory {
  constructor(private readonly app: App) {}

  async lookup(accessKeyId: string): Promise<KeyRecord | undefined> {
    const rec = await this.app.store.accessKeys.get(accessKeyId);
    if (!rec) return undefined;
    const expected = Buffer.from(rec.sessionTokenHash, 'hex');
    return {
      secretAccessKey: this.app.sealer.open(rec.secretSealed),
      sessionTokenCheck: (token) => {
        const got = Buffer.from(sha256hex(token), 'hex');
        return got.length === expected.length && timingSafeEqual(got, expected);
      },
      expiresAt: rec.expiresAt,
      principal: rec.principal,
    };
  }
}

/** Mints temporary credentials for a principal; they are stored (secret sealed, token hashed). */
export async function issueTemporaryCredentials(
  app: App,
  principal: AccessKeyRecord['principal'],
  durationMs: number,
): Promise<IssuedCredentials> {
  const now = app.now();
  const accessKeyId = newAccessKeyId('ASIA');
  const secretAccessKey = newSecretAccessKey();
  const sessionToken = `IQoJb3JpZ2luX2Vj${randomString(280)}`;
  const expiresAt = now + durationMs;
  await app.store.accessKeys.insert({
    accessKeyId,
    secretSealed: app.sealer.seal(secretAccessKey),
    sessionTokenHash: sha256hex(sessionToken),
    expiresAt,
    createdAt: now,
    principal,
  });
  return { accessKeyId, secretAccessKey, sessionToken, expiresAt };
}
