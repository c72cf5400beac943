/** PostgreSQL implementation of the sign-in factor repository. */
import type { MfaRepo } from '../port-mfa.ts';
import { mapRow, page } from '../rows.ts';
import { credentialParams, deviceParams, toCredential, toDevice } from '../rows-mfa.ts';
import type { Db } from './db.ts';

export function createPostgresMfaRepo(db: Db): MfaRepo {
  return {
    async claimTotpStep(poolId, sub, step) {
      // One statement: the row lock taken by ON CONFLICT makes racing claims of one step serialise.
      const n = await db.run(
        `INSERT INTO totp_steps (pool_id, sub, last_step) VALUES ($1, $2, $3)
         ON CONFLICT (pool_id, sub) DO UPDATE SET last_step = excluded.last_step WHERE totp_steps.last_step < excluded.last_step`,
        [poolId, sub, step],
      );
      return n === 1;
    },
    async putDevice(d) {
      await db.run(
        `INSERT INTO devices (pool_id, device_key, sub, created_at, data) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (pool_id, device_key) DO UPDATE SET sub = excluded.sub, created_at = excluded.created_at, data = excluded.data`,
        deviceParams(d),
      );
    },
    async getDevice(poolId, key) {
      return mapRow(await db.row('SELECT * FROM devices WHERE pool_id = $1 AND device_key = $2', [poolId, key]), toDevice);
    },
    async listDevices(poolId, sub, limit, after) {
      const rows = await db.rows('SELECT * FROM devices WHERE pool_id = $1 AND sub = $2 AND device_key > $3 ORDER BY device_key LIMIT $4', [
        poolId,
        sub,
        after ?? '',
        limit + 1,
      ]);
      return page(rows.map(toDevice), limit, (d) => d.deviceKey);
    },
    async deleteDevice(poolId, key) {
      return (await db.run('DELETE FROM devices WHERE pool_id = $1 AND device_key = $2', [poolId, key])) > 0;
    },
    async bindGrant(grantId, poolId, deviceKey) {
      await db.run(
        `INSERT INTO grant_devices (grant_id, pool_id, device_key) VALUES ($1, $2, $3)
         ON CONFLICT (grant_id) DO UPDATE SET device_key = excluded.device_key`,
        [grantId, poolId, deviceKey],
      );
    },
    async putCredential(c) {
      await db.run(
        `INSERT INTO webauthn_credentials (pool_id, credential_id, sub, created_at, data) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (pool_id, credential_id) DO UPDATE SET sub = excluded.sub, created_at = excluded.created_at, data = excluded.data`,
        credentialParams(c),
      );
    },
    async getCredential(poolId, id) {
      return mapRow(
        await db.row('SELECT * FROM webauthn_credentials WHERE pool_id = $1 AND credential_id = $2', [poolId, id]),
        toCredential,
      );
    },
    async listCredentials(poolId, sub, limit, after) {
      const rows = await db.rows(
        'SELECT * FROM webauthn_credentials WHERE pool_id = $1 AND sub = $2 AND credential_id > $3 ORDER BY credential_id LIMIT $4',
        [poolId, sub, after ?? '', limit + 1],
      );
      return page(rows.map(toCredential), limit, (c) => c.credentialId);
    },
    async deleteCredential(poolId, id) {
      return (await db.run('DELETE FROM webauthn_credentials WHERE pool_id = $1 AND credential_id = $2', [poolId, id])) > 0;
    },
    async deviceOfGrant(grantId) {
      return (await db.row('SELECT device_key FROM grant_devices WHERE grant_id = $1', [grantId]))?.device_key as string | undefined;
    },
  };
}
