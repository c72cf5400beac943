#!/usr/bin/env node
// Bundles the `cognate` CLI and server into dist/ with esbuild. The server half is a separate chunk
// loaded only by `cognate serve`, so CLI commands start fast. Native and optional modules stay external.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
await build({
  entryPoints: { cognate: 'src/cli/main.ts' },
  outdir: 'dist',
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
cpSync('src/models', 'dist/models', { recursive: true });
console.log('built dist/cognate.js');
