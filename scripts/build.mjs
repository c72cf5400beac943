#!/usr/bin/env node
// Bundles `cognate` into dist/ with esbuild: dist/cognate.js (ES modules, split) is what `cognate serve`
// loads; dist/cli.cjs is the CLI alone in one CommonJS file, which bin/cognate.js compiles with a V8 code
// cache (dist/cli.cache) written here by one warm-up call, so a CLI call starts without parsing it.
// Native and optional modules stay external. The bundle is built beside dist/ and swapped in with a
// rename, so a running CLI never sees it half-built.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { isBuiltin } from 'node:module';
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
  define: { 'import.meta.url': '__cognateModuleUrl', __COGNATE_CJS__: 'true' },
  banner: { js: "const __cognateModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
const cliBundle = readFileSync(`${tmp}/cli.cjs`);
const cliText = cliBundle.toString('latin1');
if (cliBundle.some((byte) => byte > 0x7f)) {
  console.error('build: dist/cli.cjs is not ASCII; bin/cognate.js reads it as latin1');
  process.exit(1);
}
if (/\bimport\(/.test(cliText)) {
  console.error('build: dist/cli.cjs has an import(); bin/cognate.js runs it without an ES module loader');
  process.exit(1);
}
const nonBuiltin = [...cliText.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !isBuiltin(m));
if (nonBuiltin.length > 0) {
  console.error(`build: dist/cli.cjs requires ${nonBuiltin.join(', ')}; bin/cognate.js gives it a require for Node's built-ins only`);
  process.exit(1);
}
cpSync('src/models', `${tmp}/models`, { recursive: true });
writeModelSlices(`${tmp}/models`);

// The code cache: V8 keeps the functions that ran, so the warm-up makes the calls a user makes most
// (a token call with JSON output, an empty answer, a signed call refused with a service error, a list in
// text and table form, --version) against a local stand-in that answers them, in a scratch HOME so
// nothing of the builder's AWS configuration is read. What it misses compiles on first use.
const ANSWERS = {
  GetUser: [200, { Username: 'warm-up', UserAttributes: [{ Name: 'sub', Value: '0' }] }],
  GlobalSignOut: [200, {}],
  AdminGetUser: [400, { __type: 'UserNotFoundException', message: 'User does not exist.' }],
  ListUsers: [
    200,
    {
      Users: [{ Username: 'u', Attributes: [{ Name: 'sub', Value: '0' }], Enabled: true, UserStatus: 'CONFIRMED', UserCreateDate: 1.7e9 }],
    },
  ],
};
const standIn = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const [status, body] = ANSWERS[String(req.headers['x-amz-target']).split('.')[1]] ?? [400, { __type: 'UnknownOperationException' }];
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'warm-up' });
    res.end(JSON.stringify(body));
  });
});
await new Promise((resolve) => standIn.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${standIn.address().port}`;
const pool = ['--user-pool-id', 'us-east-1_warmup', '--endpoint-url', url];
const calls = [
  ['--version'],
  ['cognito-idp', 'get-user', '--access-token', 'x', '--endpoint-url', url],
  ['cognito-idp', 'global-sign-out', '--access-token', 'x', '--endpoint-url', url],
  ['cognito-idp', 'admin-get-user', '--username', 'u', ...pool],
  ['cognito-idp', 'list-users', ...pool, '--output', 'text'],
  ['cognito-idp', 'list-users', ...pool, '--output', 'table', '--query', 'Users[].Username'],
];
const home = mkdtempSync(join(tmpdir(), 'cognate-build-'));
const warm = await new Promise((resolve) => {
  const child = spawn(process.execPath, ['bin/cognate.js'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_ACCESS_KEY_ID: 'AKIAWARMUPWARMUPWARM',
      AWS_SECRET_ACCESS_KEY: 'warm-up',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
      COGNATE_WRITE_CODE_CACHE: join(tmp, 'cli.cache'),
      COGNATE_CODE_CACHE_CALLS: JSON.stringify(calls),
    },
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  child.on('close', (status) => resolve({ status, stderr }));
});
standIn.close();
rmSync(home, { recursive: true, force: true });
if (!existsSync(join(tmp, 'cli.cache'))) {
  console.error(`build: the CLI warm-up wrote no code cache (exit ${warm.status}): ${warm.stderr}`);
  process.exit(1);
}
const old = `dist.old-${process.pid}`;
if (existsSync('dist')) renameSync('dist', old);
renameSync(tmp, 'dist');
rmSync(old, { recursive: true, force: true });
console.log('built dist/cognate.js, dist/cli.cjs and its code cache');
