#!/usr/bin/env node
// Bundles `cognate` into dist/ with esbuild: dist/cognate.js (ES modules, split) is what `cognate serve`
// loads; dist/cli.cjs is the CLI alone in one CommonJS file, which bin/cognate.js compiles with a V8 code
// cache (dist/cli.cache) written here by one warm-up call, so a CLI call starts without parsing it.
// Native and optional modules stay external. The bundle is built beside dist/ and swapped in with a
// rename, so a running CLI never sees it half-built.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { writeModelSlices } from './model-slices.mjs';

const tmp = `dist.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
await build({
  entryPoints: { cognate: 'src/cli/main.ts' },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  external: ['better-sqlite3', 'pg', 'pg-native', 'playwright-core'],
  banner: {
    js: "import { createRequire as __cognateCreateRequire } from 'node:module'; const require = __cognateCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// The CLI: lazily needed parts stay in the file but are compiled only when first run (the code cache
// holds what the warm-up ran). import.meta.url, used to find dist/models, becomes the file's URL.
await build({
  entryPoints: { cli: 'src/cli/driver.ts' },
  outdir: tmp,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  // Whitespace and comments out, names kept (stack traces under --debug stay readable). ASCII only, so
  // bin/cognate.js reads it as latin1, which costs a fraction of decoding UTF-8.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  legalComments: 'none',
  external: ['better-sqlite3', 'pg', 'pg-native', 'playwright-core'],
  define: { 'import.meta.url': '__cognateModuleUrl' },
  banner: { js: "const __cognateModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
if (readFileSync(`${tmp}/cli.cjs`).some((byte) => byte > 0x7f)) {
  console.error('build: dist/cli.cjs is not ASCII; bin/cognate.js reads it as latin1');
  process.exit(1);
}
cpSync('src/models', `${tmp}/models`, { recursive: true });
writeModelSlices(`${tmp}/models`);
const old = `dist.old-${process.pid}`;
if (existsSync('dist')) renameSync('dist', old);
renameSync(tmp, 'dist');
rmSync(old, { recursive: true, force: true });

// The code cache: one call that goes through argument parsing, the model slice, serialization and the
// HTTP client to an address that refuses it (no retries), in a scratch HOME, so nothing of the
// builder's AWS configuration is read. V8 keeps what ran; the rest compiles on first use.
const home = mkdtempSync(join(tmpdir(), 'cognate-build-'));
const warm = spawnSync(
  process.execPath,
  ['bin/cognate.js', 'cognito-idp', 'global-sign-out', '--access-token', 'x', '--endpoint-url', 'http://127.0.0.1:9', '--output', 'json'],
  {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
      COGNATE_WRITE_CODE_CACHE: 'dist/cli.cache',
    },
  },
);
rmSync(home, { recursive: true, force: true });
if (!existsSync('dist/cli.cache')) {
  console.error(`build: the CLI warm-up wrote no code cache (exit ${warm.status}): ${warm.stderr}`);
  process.exit(1);
}
console.log('built dist/cognate.js, dist/cli.cjs and its code cache');
