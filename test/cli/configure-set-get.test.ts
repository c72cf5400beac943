/**
 * `cognate configure set|get|list-profiles|export-credentials` against AWS CLI v2 (/usr/bin/aws): the same
 * command sequence in two scratch homes (same seed files), each step's stdout byte for byte and exit code
 * equal, then the config and credentials files written byte for byte, with the same modes. Refusals of
 * nested values are checked on cognate alone (v2 writes them; cognate says so instead).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from '../helpers/server.ts';
import { AWS_V2, describe, test } from '../helpers/tools.ts';
import { bareEnv, cognate } from './cognate-helpers.ts';

const SEED_CONFIG =
  '# kept as is\n[default]\nregion = us-east-1\noutput=json\n\n[profile dev]\nregion = eu-west-1\ns3 =\n    max_concurrent_requests = 4\n[sso-session s]\nsso_region = us-east-1\n';
const SEED_CREDENTIALS =
  '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = secretdefault\n[credsonly]\naws_access_key_id = AKIACREDS\naws_secret_access_key = secretcreds\naws_session_token = tokencreds\n';
const PROCESS_JSON =
  '{"Version":1,"AccessKeyId":"AKIAPROC","SecretAccessKey":"procsecret","SessionToken":"proctoken","Expiration":"2030-01-02T03:04:05Z"}';

/** A scratch home whose files live in a directory that does not exist yet (unless seeded). */
function scratch(seed: boolean, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e = bareEnv(extra);
  e.AWS_CONFIG_FILE = join(e.HOME as string, 'aws', 'config');
  e.AWS_SHARED_CREDENTIALS_FILE = join(e.HOME as string, 'aws', 'credentials');
  if (seed) {
    mkdirSync(dirname(e.AWS_CONFIG_FILE), { recursive: true });
    writeFileSync(e.AWS_CONFIG_FILE, SEED_CONFIG);
    writeFileSync(e.AWS_SHARED_CREDENTIALS_FILE, SEED_CREDENTIALS);
  }
  return e;
}

function file(path: string): { text: string; mode: number } | undefined {
  return existsSync(path) ? { text: readFileSync(path, 'utf8'), mode: statSync(path).mode & 0o777 } : undefined;
}

/** Runs the steps in both homes; compares every step, then both files. */
async function differential(steps: Array<{ args: string[]; env?: Record<string, string> }>, seed: boolean) {
  const v2Env = scratch(seed);
  const cEnv = scratch(seed);
  for (const { args, env = {} } of steps) {
    const [a, c] = await Promise.all([run(AWS_V2, args, { ...v2Env, ...env }), cognate(args, { ...cEnv, ...env })]);
    const what = args.join(' ');
    assert.equal(c.status, a.status, `${what}: exit ${c.status} vs v2 ${a.status}\n${c.stderr}\n${a.stderr}`);
    assert.equal(c.stdout, a.stdout, what);
    if (a.status === 253 || a.status === 1) assert.equal(c.stderr.replace('\ncognate: [ERROR]: ', '\n'), a.stderr, what);
  }
  for (const key of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) {
    assert.deepEqual(file(cEnv[key] as string), file(v2Env[key] as string), key);
  }
  return cEnv;
}

describe('cognate configure set/get/list-profiles/export-credentials agree with AWS CLI v2', { needs: ['aws-v2'] }, () => {
  test('set creates both files (0600, directory made) and get reads them back', async () => {
    const cEnv = await differential(
      [
        { args: ['configure', 'set', 'region', 'us-west-2'] },
        { args: ['configure', 'set', 'aws_access_key_id', 'AKIA1'] },
        { args: ['configure', 'set', 'aws_secret_access_key', 'SECRET1'] },
        { args: ['configure', 'set', 'aws_session_token', 'TOKEN1'] },
        { args: ['configure', 'set', 'profile.dev.region', 'eu-west-1'] },
        { args: ['configure', 'set', 'default.output', 'text'] },
        { args: ['configure', 'set', 'aws_access_key_id', 'AKIADEV', '--profile', 'dev'] },
        { args: ['configure', 'set', 'output', 'table'], env: { AWS_PROFILE: 'dev' } },
        { args: ['configure', 'set', 'region', 'ap-south-1', '--profile', 'my p'] },
        { args: ['configure', 'set', 'aws_secret_access_key', 'S', '--profile', 'my p'] },
        { args: ['configure', 'set', 'region', 'us-east-2'] },
        { args: ['configure', 'set', 'plugins.cli_legacy_plugin_path', '/opt/p'] },
        { args: ['configure', 'get', 'region'] },
        { args: ['configure', 'get', 'aws_session_token'] },
        { args: ['configure', 'get', 'region', '--profile', 'dev'] },
        { args: ['configure', 'get', 'profile.dev.output'] },
        { args: ['configure', 'get', 'dev.aws_access_key_id'] },
        { args: ['configure', 'get', 'default.output'] },
        { args: ['configure', 'get', 'region', '--profile', 'my p'] },
        { args: ['configure', 'get', 'plugins.cli_legacy_plugin_path'] },
        { args: ['configure', 'get', 'output'], env: { AWS_PROFILE: 'dev' } },
        { args: ['configure', 'get', 'nothing'] },
        { args: ['configure', 'get', 'profile.nobody.region'] },
        { args: ['configure', 'get', 'region', '--profile', 'nobody'] },
        { args: ['configure', 'list-profiles'] },
        { args: ['configure', 'export-credentials'] },
        { args: ['configure', 'export-credentials', '--profile', 'dev'] },
      ],
      false,
    );
    assert.equal(file(cEnv.AWS_SHARED_CREDENTIALS_FILE as string)?.mode, 0o600);
    assert.equal(file(cEnv.AWS_CONFIG_FILE as string)?.mode, 0o600);
  });

  test('set edits seeded files in place (comments, other sections and nested blocks kept)', async () => {
    await differential(
      [
        { args: ['configure', 'set', 'region', 'us-west-1'] },
        { args: ['configure', 'set', 'cli_pager', '', '--profile', 'dev'] },
        { args: ['configure', 'set', 'aws_session_token', 'T2', '--profile', 'credsonly'] },
        { args: ['configure', 'set', 'aws_secret_access_key', 'NEW'] },
        { args: ['configure', 'get', 's3.max_concurrent_requests', '--profile', 'dev'] },
        { args: ['configure', 'get', 'dev.s3.max_concurrent_requests'] },
        { args: ['configure', 'get', 's3', '--profile', 'dev'] },
        { args: ['configure', 'get', 'aws_session_token', '--profile', 'credsonly'] },
        { args: ['configure', 'get', 'sso_region'] },
        { args: ['configure', 'list-profiles'] },
      ],
      true,
    );
  });

  test('export-credentials in every format, from files, environment and credential_process', async () => {
    const formats = ['process', 'env', 'env-no-export', 'powershell', 'windows-cmd'];
    const steps: Array<{ args: string[]; env?: Record<string, string> }> = [
      { args: ['configure', 'set', 'credential_process', `printf '%s' '${PROCESS_JSON}'`, '--profile', 'proc'] },
    ];
    for (const f of formats) {
      steps.push({ args: ['configure', 'export-credentials', '--format', f] });
      steps.push({ args: ['configure', 'export-credentials', '--format', f, '--profile', 'credsonly'] });
      steps.push({ args: ['configure', 'export-credentials', '--format', f, '--profile', 'proc'] });
      steps.push({
        args: ['configure', 'export-credentials', `--format=${f}`],
        env: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'envsecret' },
      });
    }
    steps.push({ args: ['configure', 'export-credentials', '--profile', 'nobody'] });
    steps.push({ args: ['configure', 'export-credentials', '--profile', 'dev'] });
    steps.push({ args: ['configure', 'export-credentials'], env: { AWS_ACCESS_KEY_ID: 'AKIAPARTIAL' } });
    await differential(steps, true);
  });

  test('usage errors: missing and extra arguments, unknown options, a bad --format (exit 252)', async () => {
    await differential(
      [
        { args: ['configure', 'set', 'region'] },
        { args: ['configure', 'get'] },
        { args: ['configure', 'get', 'a', 'b'] },
        { args: ['configure', 'list-profiles', '--x'] },
        { args: ['configure', 'export-credentials', '--format', 'yaml'] },
      ],
      true,
    );
  });

  test('a credential_process that calls export-credentials for its own profile is stopped (253), as in v2', async () => {
    const e = scratch(true);
    writeFileSync(
      e.AWS_CONFIG_FILE as string,
      `[profile loop]\ncredential_process = ${process.execPath} ${join(import.meta.dirname, '..', '..', 'bin', 'cognate.js')} configure export-credentials --profile loop\n`,
    );
    const r = await cognate(['configure', 'export-credentials', '--profile', 'loop'], e);
    assert.equal(r.status, 253);
    assert.match(r.stderr, /profile cycle: loop -> loop/);
  });

  test('nested values are refused by name and write nothing', async () => {
    const e = scratch(false);
    for (const v of ['s3.max_concurrent_requests', 'profile.dev.s3.max_bandwidth', 'default.s3.x']) {
      const r = await cognate(['configure', 'set', v, '1'], e);
      assert.equal(r.status, 252);
      assert.match(r.stderr, new RegExp(`nested values such as '${v.replace(/\./g, '\\.')}' are not supported`));
    }
    assert.equal(existsSync(e.AWS_CONFIG_FILE as string), false);
  });
});
