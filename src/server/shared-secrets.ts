/**
 * What the nodes of one deployment must agree on, checked at start-up. The signing keys, client secrets
 * and other sealed values live in the database; the master key that opens them comes from each node's
 * environment (COGNATE_MASTER_KEY) or data dir. A node whose master key cannot open the database's sealed
 * values refuses to start, instead of starting and failing every token call.
 */
import { randomBytes } from 'node:crypto';
import { newAccessKeyId, newSecretAccessKey } from '../domain/ids.ts';
import type { Sealer } from '../domain/seal.ts';
import type { Store } from '../store/port.ts';
import { StartupError } from './startup-errors.ts';

/** The meta entry every node opens at start-up: sealed with the master key of the node that wrote it first. */
const CHECK_KEY = 'master-key-check';
/** Sealed values written before the check existed; any one of them also proves the key. */
const OLDER_SEALED = ['code-pepper', 'srp-decoy-key'];
const ROOT_KEYS = 'root-credentials';

function opens(sealer: Sealer, sealed: string): boolean {
  try {
    sealer.open(sealed);
    return true;
  } catch {
    return false;
  }
}

function wrongKey(where: string): StartupError {
  return new StartupError(
    `the master key cannot open the sealed keys in ${where}: set COGNATE_MASTER_KEY to the master key the other nodes of this database use (base64 of 32 bytes; a node started without it made one in its data dir's master.key)`,
    253,
  );
}

/**
 * Proves the master key against the database: opens the check value (writing it first when this is the
 * database's first node), or an older sealed value for databases made before the check existed.
 */
export async function checkMasterKey(store: Store, sealer: Sealer, where: string): Promise<void> {
  const existing = await store.meta.get(CHECK_KEY);
  if (existing === undefined) {
    for (const key of OLDER_SEALED) {
      const v = await store.meta.get(key);
      if (v !== undefined && !opens(sealer, v)) throw wrongKey(where);
    }
  }
  const check = existing ?? (await store.meta.setIfAbsent(CHECK_KEY, sealer.seal(randomBytes(16).toString('hex'))));
  if (!opens(sealer, check)) throw wrongKey(where);
}

/**
 * Root credentials shared through the database (sealed): the first node generates them, every later
 * node reads the same pair, so SigV4 clients can talk to any node behind the load balancer.
 */
export async function sharedRootKeys(
  store: Store,
  sealer: Sealer,
  log: (l: string) => void,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const fresh = { accessKeyId: newAccessKeyId('AKIA'), secretAccessKey: newSecretAccessKey() };
  const sealed = await store.meta.setIfAbsent(ROOT_KEYS, sealer.seal(JSON.stringify(fresh)));
  const keys = JSON.parse(sealer.open(sealed)) as { accessKeyId: string; secretAccessKey: string };
  if (keys.accessKeyId === fresh.accessKeyId) {
    log('generated root credentials (shown once; stored sealed in the database, shared by every node):');
    log(`  export AWS_ACCESS_KEY_ID=${keys.accessKeyId}`);
    log(`  export AWS_SECRET_ACCESS_KEY=${keys.secretAccessKey}`);
  } else {
    log(`root access key id: ${keys.accessKeyId} (secret sealed in the database)`);
  }
  return keys;
}
