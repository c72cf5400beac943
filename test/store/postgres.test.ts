/**
 * The store contract suite against the PostgreSQL adapter, in a schema of its own. Fails (never skips)
 * when PostgreSQL is unreachable.
 */
import { it } from 'node:test';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import { assertPostgresReachable, createTestSchema, TEST_POSTGRES_URL, type TestSchema } from '../helpers/postgres.ts';
import { storeContract } from './contract.ts';

let schema: TestSchema | undefined;

// Its own test, so an unreachable server shows as a failure with its message, not only as cancelled tests.
it(`PostgreSQL answers at ${TEST_POSTGRES_URL}`, assertPostgresReachable);

storeContract('postgres', {
  async open() {
    schema = await createTestSchema('contract');
    return openPostgresStore({ url: schema.url });
  },
  async dispose() {
    await schema?.drop();
  },
});
