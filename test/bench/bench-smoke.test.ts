/**
 * Smoke test of the bench machinery (not the bench itself, which `npm run bench` runs): the separate-process
 * load generator drives the real server with valid GetUser calls, and the report turns the figures into a
 * table row and a chart.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestServer, idpClient, startTestServer } from '../helpers/server.ts';
import { signIn, world } from '../helpers/fixtures.ts';
// @ts-expect-error plain ESM JavaScript without type declarations
import { runLoad } from '../../bench/lib/load.mjs';
// @ts-expect-error plain ESM JavaScript without type declarations
import { buildRows, svgChart } from '../../bench/lib/report.mjs';
// @ts-expect-error plain ESM JavaScript without type declarations
import { summarise } from '../../bench/lib/throughput.mjs';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.stop();
});

test('the load generator runs GetUser against the server, every answer 200, and the report shows it', async () => {
  const idp = idpClient(server);
  const { clientId } = await world(idp);
  const { accessToken } = await signIn(idp, clientId, 'alice');
  const r = await runLoad({ url: server.url, op: 'GetUser', bodies: [{ AccessToken: accessToken }], connections: 4, durationSec: 1 });
  assert.ok(r.ok > 0, 'some requests completed');
  assert.equal(r.non2xx, 0);
  assert.equal(r.errors, 0);
  const getUser = { cognate: summarise({ runs: [r] }) };
  const rows = buildRows({ getUser, environment: {} }) as string[][];
  assert.match(rows[0]?.[1] ?? '', /^[\d,]+\/s$/);
  const svg = svgChart({ getUser, environment: { date: 'today', cores: 2, cpu: 'cpu' } }) as string;
  assert.match(svg, /<svg[^>]*>[\s\S]*GetUser[\s\S]*<\/svg>/);
});
