/**
 * CLI aliases from ~/.aws/cli/alias (`[toplevel]`) against AWS CLI v2 (/usr/bin/aws): the same alias file
 * and invocations through both, stdout byte for byte and exit codes equal — a command alias with the
 * user's arguments appended, global options inside an alias, an alias of an alias, `!` shell aliases
 * (arguments shell-quoted, a multi-line function, their exit code), lower-cased names, and the refused
 * --profile inside an alias. `[command <service>]` sub-command aliases are refused by cognate by name.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../helpers/server.ts';
import { AWS_V2, describe, test } from '../helpers/tools.ts';
import { bareEnv, cognate } from './cognate-helpers.ts';

const POOL = 'us-east-1:11111111-1111-1111-1111-111111111111';
const ALIASES = `[toplevel]
skel = cognito-identity get-id --identity-pool-id ${POOL} --generate-cli-skeleton output
skeltext = --output text cognito-identity get-id --generate-cli-skeleton output
skel2 = skel
hello = !echo hi
fn =
  !f() {
    echo "first=$1 n=$#"
  }; f
fail = !exit 3
Upper = !echo up
prof = --profile x cognito-identity get-id
cfg = configure
[command cognito-idp]
mine = list-users
`;

function env(): NodeJS.ProcessEnv {
  const e = bareEnv({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'x' });
  mkdirSync(join(e.HOME as string, '.aws', 'cli'), { recursive: true });
  writeFileSync(join(e.HOME as string, '.aws', 'cli', 'alias'), ALIASES);
  writeFileSync(e.AWS_CONFIG_FILE as string, '[default]\nregion = eu-west-3\n');
  return e;
}

describe('CLI aliases agree with AWS CLI v2', { needs: ['aws-v2'] }, () => {
  const cases: string[][] = [
    ['skel'],
    ['skeltext', '--identity-pool-id', POOL],
    ['--output', 'yaml', 'skel'],
    ['skel2'],
    ['hello', 'a b', 'c$d', "it's"],
    ['fn', 'x y', 'z'],
    ['fail'],
    ['upper'],
    ['Upper'],
    ['prof'],
    ['cfg', 'get', 'region'],
  ];
  for (const args of cases) {
    test(args.join(' '), async () => {
      const e = env();
      const [a, c] = await Promise.all([run(AWS_V2, args, e), cognate(args, e)]);
      assert.equal(c.status, a.status, `${c.stderr}\n${a.stderr}`);
      assert.equal(c.stdout, a.stdout);
      if (a.status === 255) assert.equal(c.stderr.replace('\ncognate: [ERROR]: ', '\n'), a.stderr);
    });
  }

  test('sub-command aliases are refused by name (v2 expands them; cognate does not)', async () => {
    const r = await cognate(['cognito-idp', 'mine', '--user-pool-id', 'x'], env());
    assert.equal(r.status, 255);
    assert.match(r.stderr, /The alias "mine" of \[command cognito-idp\] in ~\/\.aws\/cli\/alias: sub-command aliases are not supported/);
  });
});
