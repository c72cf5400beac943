#!/usr/bin/env node
// Bundles the `cognate` CLI and server into dist/ with esbuild. The server half is a separate chunk
// loaded only by `cognate serve`, so CLI commands start fast. Native and optional modules stay external.
// The bundle is built beside dist/ and swapped in with a rename, so a running CLI never sees it half-built.
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
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
cpSync('src/models', `${tmp}/models`, { recursive: true });
writeModelSlices(`${tmp}/models`);
const old = `dist.old-${process.pid}`;
if (existsSync('dist')) renameSync('dist', old);
renameSync(tmp, 'dist');
rmSync(old, { recursive: true, force: true });
console.log('built dist/cognate.js');
