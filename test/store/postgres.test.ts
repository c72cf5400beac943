/**
 * The store contract suite against the PostgreSQL adapter, in a schema of its own. Without a reachable
 * PostgreSQL every test is skipped with the install command (test/helpers/tools.ts).
 */
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/postgres.ts';
import { storeContract } from './contract.ts';

let schema: TestSchema | undefined;

storeContract('postgres', {
  needs: ['postgres'],
  async open() {
    schema = await createTestSchema('contract');
    return openPostgresStore({ url: schema.url });
  },
  async dispose() {
    await schema?.drop();
  },
});
