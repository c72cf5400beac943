/**
 * The start-up master-key check, on a real SQLite store: the first node writes the check value, a node
 * with another key is refused with the one line naming COGNATE_MASTER_KEY (exit 253), and a database made
 * before the check existed is judged by its older sealed values.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Sealer } from '../../src/domain/seal.ts';
import { checkMasterKey, sharedRootKeys } from '../../src/server/shared-secrets.ts';
import { StartupError } from '../../src/server/startup-errors.ts';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';

function withStore(fn: (store: ReturnType<typeof openSqliteStore>) => Promise<void>) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-mk-'));
    const store = openSqliteStore({ file: join(dir, 'cognate.db') });
    try {
      await fn(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const refusedWith253 = (e: unknown) => {
  assert.ok(e instanceof StartupError);
  assert.equal(e.exitCode, 253);
  assert.match(e.message, /^the master key cannot open the sealed keys in db: set COGNATE_MASTER_KEY to the master key/);
  return true;
};

describe('master key check', () => {
  it(
    'the first key is recorded; the same key passes, another is refused',
    withStore(async (store) => {
      const first = new Sealer(randomBytes(32));
      await checkMasterKey(store, first, 'db');
      assert.ok(await store.meta.get('master-key-check'));
      await checkMasterKey(store, first, 'db');
      await assert.rejects(checkMasterKey(store, new Sealer(randomBytes(32)), 'db'), refusedWith253);
    }),
  );

  it(
    'a database from before the check is judged by its older sealed values',
    withStore(async (store) => {
      const old = new Sealer(randomBytes(32));
      await store.meta.setIfAbsent('code-pepper', old.seal('pepper'));
      await assert.rejects(checkMasterKey(store, new Sealer(randomBytes(32)), 'db'), refusedWith253);
      assert.equal(await store.meta.get('master-key-check'), undefined, 'a refused key writes nothing');
      await checkMasterKey(store, old, 'db');
      assert.ok(await store.meta.get('master-key-check'));
    }),
  );

  it(
    'root credentials made once and shared: a second node reads the same pair, printed only by the first',
    withStore(async (store) => {
      const sealer = new Sealer(randomBytes(32));
      const lines: string[] = [];
      const a = await sharedRootKeys(store, sealer, (l) => lines.push(l));
      const b = await sharedRootKeys(store, sealer, (l) => lines.push(l));
      assert.deepEqual(b, a);
      assert.match(a.accessKeyId, /^AKIA[A-Z0-9]{16}$/);
      assert.equal(lines.filter((l) => l.includes(a.secretAccessKey)).length, 1);
      assert.ok(!(await store.meta.get('root-credentials'))?.includes(a.secretAccessKey), 'sealed at rest');
    }),
  );
});
