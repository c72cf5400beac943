// bin/cognate.js runs the CLI bundle (dist/cli.cjs) through a V8 code cache the build wrote
// (dist/cli.cache). The cache must be one this Node.js accepts (else every call pays for compiling the
// CLI), and a cache that is stale, cut short, foreign or missing must cost only time: the CLI still
// answers the same. A copy of bin/ and dist/ in a temp folder gets each kind of cache. (Bytes flipped
// inside a cache are not among them: V8 verifies a cache's checksum only under a flag whose module
// costs a fifth of Node's start-up, so the cache is trusted as the bundle beside it is.)
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, test } from 'node:test';
import { run } from '../helpers/server.ts';
import { bareEnv, startCountingServer } from './cognate-helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const wrap = (createRequire(import.meta.url)('node:module') as { wrap(s: string): string }).wrap;

describe('the CLI code cache', () => {
  test('the built cache is accepted by this Node.js for the built bundle', () => {
    const source = readFileSync(join(ROOT, 'dist', 'cli.cjs'), 'latin1');
    const script = new Script(wrap(source), {
      filename: join(ROOT, 'dist', 'cli.cjs'),
      cachedData: readFileSync(join(ROOT, 'dist', 'cli.cache')),
    });
    assert.equal(script.cachedDataRejected, false);
  });

  test('a stale, cut-short, foreign or missing cache changes nothing but speed', async () => {
    const srv = await startCountingServer(() => ({ body: { Username: 'bob', UserAttributes: [] } }));
    const copy = mkdtempSync(join(tmpdir(), 'cognate-cache-'));
    try {
      cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
      cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
      const call = () =>
        run(
          process.execPath,
          [join(copy, 'bin', 'cognate.js'), 'cognito-idp', 'get-user', '--access-token', 't', '--endpoint-url', srv.url],
          bareEnv({ AWS_DEFAULT_REGION: 'us-east-1' }),
        );
      const good = await call();
      assert.equal(good.status, 0, good.stderr);
      assert.equal(good.stdout, '{\n    "Username": "bob",\n    "UserAttributes": []\n}\n');
      const cache = readFileSync(join(copy, 'dist', 'cli.cache'));
      // The cache of another bundle: the same CLI with one more statement, warmed up the same way.
      const other = mkdtempSync(join(tmpdir(), 'cognate-cache-other-'));
      cpSync(join(copy, 'bin'), join(other, 'bin'), { recursive: true });
      cpSync(join(copy, 'dist'), join(other, 'dist'), { recursive: true });
      writeFileSync(join(other, 'dist', 'cli.cjs'), `${readFileSync(join(other, 'dist', 'cli.cjs'), 'latin1')};void 0;`);
      rmSync(join(other, 'dist', 'cli.cache'));
      const warm = await run(process.execPath, [join(other, 'bin', 'cognate.js'), '--version'], {
        ...bareEnv(),
        COGNATE_WRITE_CODE_CACHE: join(other, 'dist', 'cli.cache'),
      });
      assert.equal(warm.status, 0, warm.stderr);
      const stale = readFileSync(join(other, 'dist', 'cli.cache'));
      rmSync(other, { recursive: true, force: true });
      assert.notDeepEqual(stale, cache);
      const variants: Array<[string, Buffer | undefined]> = [
        ['the cache of another bundle', stale],
        ['truncated', cache.subarray(0, cache.length >> 1)],
        ['not a cache at all', Buffer.from('hello')],
        ['empty', Buffer.alloc(0)],
        ['missing', undefined],
      ];
      for (const [name, bytes] of variants) {
        if (bytes) writeFileSync(join(copy, 'dist', 'cli.cache'), bytes);
        else rmSync(join(copy, 'dist', 'cli.cache'));
        const r = await call();
        assert.equal(r.status, 0, `${name}: ${r.stderr}`);
        assert.equal(r.stdout, good.stdout, name);
        assert.equal(r.stderr, '', name);
      }
      assert.equal(srv.requests.length, 1 + variants.length);
    } finally {
      rmSync(copy, { recursive: true, force: true });
      await srv.close();
    }
  });
});
