/**
 * The attack suite's malformed-input fuzzing in CI: every operation of cognito-idp and cognito-identity
 * (read from the operation tables at run time) × the six basic mutations at seeded positions, body and
 * target mutations, then seeded random cases. Every answer < 500; every refusal AWS-shaped and writing
 * nothing. Fixed seed; `npm run fuzz -- --cases 20000` runs the long version.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { fuzz } from './fuzz-run.ts';

describe('malformed-input fuzzing (fixed seed)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  it('no 5xx, AWS-shaped refusals, no store change on refusal', async () => {
    const r = await fuzz(server, { cases: 200, seed: 20261129, systematic: false, perOperation: true });
    assert.ok(r.operations >= 140, `operations from the tables: ${r.operations}`);
    assert.ok(r.cases >= r.operations * 6, `cases: ${r.cases}`);
    const shown = r.findings.slice(0, 10).map((f) => `${f.operation} [${f.mutation.slice(0, 80)}]: ${f.problem}`);
    assert.equal(r.serverErrors, 0, shown.join('\n'));
    assert.equal(r.storeChangesOnRefusal, 0, shown.join('\n'));
    assert.equal(r.malformedErrors, 0, shown.join('\n'));
  });
});
