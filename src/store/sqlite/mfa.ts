/** SQLite implementation of the sign-in factor repository. */
import type { MfaRepo } from '../port-mfa.ts';
import { mapRow, page, type Row } from '../rows.ts';
import { credentialParams, deviceParams, toCredential, toDevice } from '../rows-mfa.ts';
import type { SqliteDb } from './index.ts';

export function createMfaRepo(db: SqliteDb): MfaRepo {
  // The upsert only writes when the step moves forward; `changes` tells whether this call won.
  const claim = db.prepare(
    `INSERT INTO totp_steps (pool_id, sub, last_step) VALUES (?, ?, ?)
     ON CONFLICT (pool_id, sub) DO UPDATE SET last_step = excluded.last_step WHERE totp_steps.last_step < excluded.last_step`,
  );
  const putDevice = db.prepare('INSERT OR REPLACE INTO devices (pool_id, device_key, sub, created_at, data) VALUES (?, ?, ?, ?, ?)');
  const getDevice = db.prepare('SELECT * FROM devices WHERE pool_id = ? AND device_key = ?');
  const listDevices = db.prepare('SELECT * FROM devices WHERE pool_id = ? AND sub = ? AND device_key > ? ORDER BY device_key LIMIT ?');
  const deleteDevice = db.prepare('DELETE FROM devices WHERE pool_id = ? AND device_key = ?');
  const bind = db.prepare('INSERT OR REPLACE INTO grant_devices (grant_id, pool_id, device_key) VALUES (?, ?, ?)');
  const deviceOf = db.prepare('SELECT device_key FROM grant_devices WHERE grant_id = ?');
  const putCred = db.prepare(
    'INSERT OR REPLACE INTO webauthn_credentials (pool_id, credential_id, sub, created_at, data) VALUES (?, ?, ?, ?, ?)',
  );
  const getCred = db.prepare('SELECT * FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?');
  const listCreds = db.prepare(
    'SELECT * FROM webauthn_credentials WHERE pool_id = ? AND sub = ? AND credential_id > ? ORDER BY credential_id LIMIT ?',
  );
  const delCred = db.prepare('DELETE FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?');
  return {
    async claimTotpStep(poolId, sub, step) {
      return claim.run(poolId, sub, step).changes === 1;
    },
    async putDevice(d) {
      putDevice.run(...deviceParams(d));
    },
    async getDevice(poolId, key) {
      return mapRow(getDevice.get(poolId, key) as Row | undefined, toDevice);
    },
    async listDevices(poolId, sub, limit, after) {
      return page((listDevices.all(poolId, sub, after ?? '', limit + 1) as Row[]).map(toDevice), limit, (d) => d.deviceKey);
    },
    async deleteDevice(poolId, key) {
      return deleteDevice.run(poolId, key).changes > 0;
    },
    async bindGrant(grantId, poolId, deviceKey) {
      bind.run(grantId, poolId, deviceKey);
    },
    async deviceOfGrant(grantId) {
      return (deviceOf.get(grantId) as { device_key: string } | undefined)?.device_key;
    },
    async putCredential(c) {
      putCred.run(...credentialParams(c));
    },
    async getCredential(poolId, id) {
      return mapRow(getCred.get(poolId, id) as Row | undefined, toCredential);
    },
    async listCredentials(poolId, sub, limit, after) {
      return page((listCreds.all(poolId, sub, after ?? '', limit + 1) as Row[]).map(toCredential), limit, (c) => c.credentialId);
    },
    async deleteCredential(poolId, id) {
      return delCred.run(poolId, id).changes > 0;
    },
  };
}
