// Runs one throughput measurement in a separate load-generator process (bench/lib/loadgen.mjs).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TARGET_PREFIX } from './idp.mjs';
import { tempDir } from './targets.mjs';

const LOADGEN = new URL('./loadgen.mjs', import.meta.url).pathname;

/**
 * POSTs `bodies` (objects) for operation `op` to `url` with `connections` keep-alive connections for
 * `durationSec` seconds — or each body exactly once when `unique`. Returns the generator's JSON.
 * `engine: 'node-http'` forces the node:http generator.
 */
export async function runLoad({ url, op, bodies, raw, connections, durationSec, unique = false, collect, engine }) {
  const file = join(tempDir('load'), 'spec.json');
  writeFileSync(
    file,
    JSON.stringify({
      url: `${url}/`,
      headers: op ? { 'x-amz-target': `${TARGET_PREFIX}.${op}` } : {},
      bodies: (bodies ?? []).map((b) => JSON.stringify(b)),
      ...(raw ? { raw } : {}),
      connections,
      durationSec,
      unique,
      collect,
    }),
  );
  // autocannon stalls on servers that close every connection (moto's Werkzeug does): those get node:http.
  const env = { ...process.env, ...(engine === 'node-http' ? { BENCH_NODE_HTTP: '1' } : {}) };
  const child = spawn(process.execPath, [LOADGEN, file], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`load generator failed (${code}): ${err.slice(-800)}`);
  return JSON.parse(out.trim().split('\n').pop());
}
