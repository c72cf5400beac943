/** The store contract suite against the embedded SQLite adapter, on a temporary file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';
import { storeContract } from './contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'cognate-store-'));

storeContract('sqlite', {
  async open() {
    return openSqliteStore({ file: join(dir, 'contract.db') });
  },
  async dispose() {
    rmSync(dir, { recursive: true, force: true });
  },
});
