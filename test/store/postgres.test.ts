/**
 * The store contract suite against the PostgreSQL adapter, in a schema of its own. Fails (never skips)
 * when PostgreSQL is unreachable.
 */
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/postgres.ts';
import { storeContract } from './contract.ts';

let schema: TestSchema | undefined;

storeContract('postgres', {
  async open() {
    schema = await createTestSchema('contract');
    return openPostgresStore({ url: schema.url });
  },
  async dispose() {
    await schema?.drop();
  },
});
