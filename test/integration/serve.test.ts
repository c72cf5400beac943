/** `cognate serve` as a user starts it: clear one-line refusals for bad configuration. */
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kill9, startChildServer } from '../helpers/child-server.ts';
import { run } from '../helpers/server.ts';

const serve = (args: string[]) => run(process.execPath, ['bin/cognate.js', 'serve', '--quiet', ...args], { ...process.env });

describe('cognate serve', () => {
  it('--help lists every option with its description in one column, apart from the longest option', async () => {
    const r = await serve(['--help']);
    assert.equal(r.status, 0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('  --'));
    assert.ok(lines.length > 20);
    const columns = new Set(lines.map((l) => /^ {2}--\S+(?: VALUE)? {2,}/.exec(l)?.[0].length));
    assert.equal(columns.size, 1, `descriptions start in different columns: ${[...columns].join(', ')}`);
    assert.ok(!columns.has(undefined), 'an option runs into its description');
  });

  it('refuses unknown options, bad values, broken seed files and a taken port in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-serve-'));
    let r = await serve(['--bogus']);
    assert.equal(r.status, 252);
    assert.equal(r.stderr, 'cognate serve: unknown option --bogus (see cognate serve --help)\n');
    r = await serve(['--port', 'abc']);
    assert.equal(r.status, 252);
    assert.match(r.stderr, /--port \(COGNATE_PORT\) must be a whole number, got "abc"/);
    r = await serve(['--database', 'mysql://x', '--data-dir', dir]);
    assert.equal(r.status, 252);
    assert.match(r.stderr, /--database must be sqlite or a postgres:\/\/ URL/);
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, '{"userPools":[{"clients":[]}]}');
    r = await serve(['--port', '0', '--data-dir', dir, '--seed', seed]);
    assert.equal(r.status, 252);
    assert.match(r.stderr, /^cognate serve: seed file .*seed\.json: userPools\[0\]: .*poolName/);
    assert.doesNotMatch(r.stderr, /at \w+ \(/); // no stack trace
    r = await serve(['--port', '0', '--data-dir', dir, '--seed', join(dir, 'missing.yaml')]);
    assert.equal(r.status, 252);
    assert.match(r.stderr, /cannot read seed file .*missing\.yaml: ENOENT/);

    const s = await startChildServer();
    try {
      r = await serve(['--port', new URL(s.url).port, '--data-dir', dir]);
      assert.equal(r.status, 255);
      assert.match(r.stderr, /cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
      assert.equal(statSync(join(s.dataDir, 'master.key')).mode & 0o777, 0o600);
      assert.equal(statSync(s.dataDir).mode & 0o777, 0o700);
      for (const f of ['cognate.db', 'cognate.db-wal']) assert.equal(statSync(join(s.dataDir, f)).mode & 0o777, 0o600, f);
    } finally {
      await kill9(s);
    }
  });

  it('--help lists every option with its environment variable', async () => {
    const r = await serve(['--help']);
    assert.equal(r.status, 0);
    for (const v of ['--port', 'COGNATE_PORT', '--data-dir', '--seed', '--accept-any-credentials', '--workers'])
      assert.ok(r.stdout.includes(v), v);
  });
});
