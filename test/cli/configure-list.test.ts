/**
 * `cognate configure list` against the installed AWS CLI v1's `aws configure list`: the same table for
 * the same files and environment (where the profile, keys and region come from, keys masked).
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from '../helpers/tools.ts';
import { run } from '../helpers/server.ts';
import { bareEnv, cognate } from './cognate-helpers.ts';

const CONFIG =
  '[default]\nregion = eu-west-1\n[profile p]\nregion = us-west-2\naws_access_key_id = AKIAEXAMPLE1234\naws_secret_access_key = secretABCD\n';
const CREDENTIALS =
  '[default]\naws_access_key_id = AKIAFILE5555\naws_secret_access_key = s\n[c]\naws_access_key_id = AKIAC\naws_secret_access_key = cc\n';

/** A temp HOME with the files, plus the AWS CLI's pyenv root when it is a shim. */
function env(extra: Record<string, string> = {}, files = true): NodeJS.ProcessEnv {
  const pyenv = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  const e = bareEnv({ ...(existsSync(pyenv) ? { PYENV_ROOT: pyenv } : {}), ...extra });
  if (files) {
    writeFileSync(e.AWS_CONFIG_FILE as string, CONFIG);
    writeFileSync(e.AWS_SHARED_CREDENTIALS_FILE as string, CREDENTIALS);
  }
  return e;
}

describe('cognate configure list agrees with aws configure list', { needs: ['aws-v1'] }, () => {
  const cases: Array<[string, string[], NodeJS.ProcessEnv]> = [
    ['nothing configured', [], env({}, false)],
    ['default profile: keys from the credentials file, region from the config file', [], env()],
    ['--profile with keys in the config file', ['--profile', 'p'], env()],
    ['--profile that only the credentials file has', ['--profile', 'c'], env()],
    ['AWS_PROFILE', [], env({ AWS_PROFILE: 'p' })],
    [
      'environment keys and region',
      [],
      env({ AWS_ACCESS_KEY_ID: 'AKIAENV9999', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'ap-east-1' }),
    ],
    ['--profile skips environment keys', ['--profile', 'p'], env({ AWS_ACCESS_KEY_ID: 'AKIAENV9999', AWS_SECRET_ACCESS_KEY: 'x' })],
    ['--region is not shown', ['--region', 'sa-east-1'], env({}, false)],
  ];
  for (const [name, args, e] of cases) {
    test(name, async () => {
      const [v1, c] = await Promise.all([run('aws', ['configure', 'list', ...args], e), cognate(['configure', 'list', ...args], e)]);
      assert.equal(v1.status, 0, v1.stderr);
      assert.equal(c.status, 0, c.stderr);
      assert.equal(c.stdout, v1.stdout);
      assert.match(c.stdout, /^ {6}Name {20}Value {13}Type {4}Location\n/);
    });
  }

  test('an unknown profile: the profile line, then the error (exit 255 in both)', async () => {
    const e = env();
    const [v1, c] = await Promise.all([
      run('aws', ['configure', 'list', '--profile', 'nope'], e),
      cognate(['configure', 'list', '--profile', 'nope'], e),
    ]);
    assert.equal(v1.status, 255);
    assert.equal(c.status, 255);
    assert.equal(c.stdout, v1.stdout);
    assert.equal(c.stderr.replace('\ncognate: [ERROR]: ', '\n'), v1.stderr);
  });
});
