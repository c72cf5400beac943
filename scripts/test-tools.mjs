#!/usr/bin/env node
// The tools the test suite drives besides what npm installs, how to tell whether each is here, and the
// command that installs it. `scripts/test.mjs` probes once and hands the answer to every test process in
// COGNATE_TEST_TOOLS; a test that needs a missing tool is skipped (and counted) with that command as its
// reason. Run on its own it prints the probe as JSON.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const PG_URL = process.env.COGNATE_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Every tool: a display name and what installs it (as root on Debian bookworm). */
export const TOOLS = {
  chromium: { name: 'Chromium', install: 'apt-get install chromium (or, as root on Debian: bash scripts/install-test-tools.sh)' },
  'aws-v1': {
    name: 'AWS CLI v1 (`aws` on PATH printing aws-cli/1.x, with its Python package awscli)',
    install: 'pip install awscli boto3 (from PyPI; Debian has no v1 package)',
  },
  'aws-v2': {
    name: 'AWS CLI v2 (/usr/bin/aws printing aws-cli/2.x)',
    install: 'apt-get install awscli (or bash scripts/install-test-tools.sh)',
  },
  boto3: { name: 'boto3 (python3 -c "import boto3")', install: 'apt-get install python3-boto3 (or bash scripts/install-test-tools.sh)' },
  postgres: {
    name: `PostgreSQL answering at ${PG_URL}`,
    install: 'as root on Debian: bash scripts/install-test-tools.sh (installs, starts, creates db test), or set COGNATE_TEST_POSTGRES_URL',
  },
};

function runs(cmd, args, timeout = 20_000) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout });
  return r.status === 0 ? `${r.stdout}${r.stderr}` : undefined;
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first python that imports the module, or undefined. */
function pythonWith(mod) {
  return ['python3', '/usr/bin/python3'].find((py) => runs(py, ['-c', `import ${mod}`]) !== undefined);
}

async function postgresAnswers() {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch (e) {
    return `${e.message || e.code || e}`;
  } finally {
    await c.end().catch(() => {});
  }
}

/**
 * Probes every tool. Returns `{ found: {tool: detail}, missing: {tool: why} }` where detail is what the
 * tests use (the interpreter with boto3, the path of AWS CLI v2).
 */
export async function probeTools() {
  const found = {};
  const missing = {};
  const chromium = process.env.COGNATE_TEST_CHROMIUM || '/usr/bin/chromium';
  if (executable(chromium)) found.chromium = chromium;
  else missing.chromium = `${chromium} not found`;

  const v1 = runs('aws', ['--version']);
  const v1py = v1 && /^aws-cli\/1\./.test(v1) ? runs('python3', ['-c', 'import awscli, boto3']) : undefined;
  if (v1py !== undefined) found['aws-v1'] = 'aws';
  else missing['aws-v1'] = v1 ? `aws on PATH is ${v1.split(' ')[0]}` : 'no aws on PATH';

  const v2 = [process.env.COGNATE_TEST_AWS_V2, '/usr/bin/aws', 'aws']
    .filter(Boolean)
    .find((p) => /^aws-cli\/2\./.test(runs(p, ['--version']) ?? ''));
  if (v2) found['aws-v2'] = v2;
  else missing['aws-v2'] = 'neither /usr/bin/aws nor aws on PATH is v2';

  const py = pythonWith('boto3');
  if (py) found.boto3 = py;
  else missing.boto3 = 'neither python3 nor /usr/bin/python3 imports boto3';

  const pgOk = await postgresAnswers();
  if (pgOk === true) found.postgres = PG_URL;
  else missing.postgres = `${PG_URL}: ${pgOk}`;

  // COGNATE_TEST_HIDE=chromium,postgres (or all) reports tools as missing: how the skip paths are checked
  // on a machine that has everything.
  const hide = (process.env.COGNATE_TEST_HIDE ?? '').split(',').filter(Boolean);
  for (const t of hide.includes('all') ? Object.keys(TOOLS) : hide) {
    if (!(t in TOOLS)) throw new Error(`COGNATE_TEST_HIDE: unknown tool ${t} (known: ${Object.keys(TOOLS).join(', ')})`);
    if (t in found) {
      delete found[t];
      missing[t] = 'hidden by COGNATE_TEST_HIDE';
    }
  }
  return { found, missing };
}

/** Lines naming each missing tool, why, and its install command. */
export function describeMissing(missing) {
  return Object.entries(missing).map(([t, why]) => `  - ${TOOLS[t].name}: ${why}\n    install: ${TOOLS[t].install}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await probeTools())}\n`);
}
