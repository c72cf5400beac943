/** `cognate sso logout` with an option of the Logout API runs that API command, as v1's `aws sso logout` does. */
import assert from 'node:assert/strict';
import { test } from '../helpers/tools.ts';
import { bareEnv, cognate } from './cognate-helpers.ts';

test('sso logout --generate-cli-skeleton prints the Logout input skeleton (v1 command shape)', async () => {
  const r = await cognate(['sso', 'logout', '--generate-cli-skeleton'], bareEnv());
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '{\n    "accessToken": ""\n}\n');
  const y = await cognate(['sso', 'logout', '--generate-cli-skeleton', 'input'], bareEnv());
  assert.equal(y.stdout, r.stdout);
  // yaml-input: AWS CLI v2's YAML skeleton, its comment without the documentation sentence.
  const yaml = await cognate(['sso', 'logout', '--generate-cli-skeleton', 'yaml-input'], bareEnv());
  assert.deepEqual([yaml.status, yaml.stdout, yaml.stderr], [0, "accessToken: ''  # [REQUIRED]\n", '']);
});
