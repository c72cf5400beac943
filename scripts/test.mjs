#!/usr/bin/env node
// The README's test command: builds the bundle, probes the tools npm cannot install (Chromium, AWS CLI
// v1/v2, boto3, PostgreSQL), then runs every test file with node's test runner (TypeScript through tsx).
// A test needing a missing tool is skipped and counted, its reason naming the tool and its install
// command; the missing tools are listed before and after the run. COGNATE_TEST_REQUIRE=chromium,postgres
// (or `all`) turns those tools' absence into a failure (CI sets it: a skip there would hide an install step).
// Pass file paths or substrings to run a subset.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeMissing, probeTools, TOOLS } from './test-tools.mjs';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}
const filters = process.argv.slice(2);
const files = walk('test')
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const tools = await probeTools();
const missingLines = describeMissing(tools.missing);
const required = (process.env.COGNATE_TEST_REQUIRE ?? '').split(',').filter(Boolean);
const mustHave = required.includes('all') ? Object.keys(TOOLS) : required;
const fatal = mustHave.filter((t) => t in tools.missing);
if (missingLines.length) {
  console.log(`Missing tools — the tests that need them are skipped (and counted as skipped):\n${missingLines.join('\n')}\n`);
}
if (fatal.length) {
  console.error(
    `COGNATE_TEST_REQUIRE lists ${fatal.join(', ')}, which ${fatal.length > 1 ? 'are' : 'is'} missing: failing instead of skipping.`,
  );
  process.exit(1);
}

const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NODE_NO_WARNINGS: '1', COGNATE_TEST_TOOLS: JSON.stringify(tools) },
});
if (missingLines.length) {
  console.log(`\nSkipped tests above need these missing tools:\n${missingLines.join('\n')}`);
}
process.exit(r.status ?? 1);
