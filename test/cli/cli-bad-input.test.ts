/**
 * Bad input gets the AWS CLI (v2) message and exit code, and nothing reaches the network: every case
 * runs against a request-counting server whose count must stay 0.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bareEnv, type CountingServer, cognate, startCountingServer } from './cognate-helpers.ts';

const USAGE_TAIL =
  'usage: cognate [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  cognate help\n  cognate <command> help\n  cognate <command> <subcommand> help\n';

describe('cognate bad input sends nothing', () => {
  let srv: CountingServer;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    srv = await startCountingServer();
    env = bareEnv({ AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_DEFAULT_REGION: 'us-east-1' });
  });
  after(() => srv.close());

  const cases: Array<{ name: string; args: string[]; code: number; stderr: string | RegExp; extraEnv?: Record<string, string> }> = [
    {
      name: 'unknown operation (with suggestion)',
      args: ['cognito-idp', 'global-sign-outt'],
      code: 252,
      stderr: `\ncognate: [ERROR]: An error occurred (ParamValidation): argument operation: Found invalid choice 'global-sign-outt'\n\nMaybe you meant:\n\n  * global-sign-out\n\n${USAGE_TAIL}`,
    },
    {
      name: 'unknown service',
      args: ['no-such-service', 'x'],
      code: 252,
      stderr: `\ncognate: [ERROR]: An error occurred (ParamValidation): argument command: Found invalid choice 'no-such-service'\n\n\n${USAGE_TAIL}`,
    },
    {
      name: 'no command',
      args: [],
      code: 252,
      stderr: `\ncognate: [ERROR]: An error occurred (ParamValidation): the following arguments are required: command\n\n${USAGE_TAIL}`,
    },
    {
      name: 'no operation',
      args: ['sso'],
      code: 252,
      stderr: `\ncognate: [ERROR]: An error occurred (ParamValidation): the following arguments are required: operation\n\n${USAGE_TAIL}`,
    },
    {
      name: 'missing required parameter',
      args: ['cognito-idp', 'admin-user-global-sign-out', '--user-pool-id', 'p_1'],
      code: 252,
      stderr: `\ncognate: [ERROR]: An error occurred (ParamValidation): the following arguments are required: --username\n\n${USAGE_TAIL}`,
    },
    {
      name: 'unknown options',
      args: ['cognito-idp', 'global-sign-out', '--access-token', 'x', '--bogus-flag', '1'],
      code: 252,
      stderr: `\n${USAGE_TAIL}\n\ncognate: [ERROR]: Unknown options: --bogus-flag,1\n`,
    },
    {
      name: 'bad shorthand',
      args: ['cognito-idp', 'sign-up', '--client-id', 'c', '--username', 'u', '--user-attributes', 'Name'],
      code: 252,
      stderr: `\ncognate: [ERROR]: An error occurred (ParamValidation): Error parsing parameter '--user-attributes': Expected: '=', received: 'EOF' for input:\nName\n    ^\n`,
    },
    {
      name: 'duplicate shorthand key',
      args: ['cognito-idp', 'sign-up', '--client-id', 'c', '--username', 'u', '--user-attributes', 'Name=a,Value=b,Name=c'],
      code: 252,
      stderr:
        /Second instance of key "Name" encountered for input:\nName=a,Value=b,Name=c\n {15}\^\nThis is often because there is a preceding "," instead of a space\./,
    },
    {
      name: 'bad JSON value',
      args: ['cognito-idp', 'sign-up', '--client-id', 'c', '--username', 'u', '--user-attributes', '{"Name":'],
      code: 252,
      stderr: `\ncognate: [ERROR]: An error occurred (ParamValidation): Error parsing parameter '--user-attributes': Invalid JSON: Expecting value: line 1 column 9 (char 8)\nJSON received: {"Name":\n`,
    },
    {
      name: 'bad --cli-input-json',
      args: ['cognito-idp', 'global-sign-out', '--cli-input-json', '{not json'],
      code: 252,
      stderr: "\ncognate: [ERROR]: An error occurred (ParamValidation): Error parsing parameter 'cli-input-json': Invalid JSON received.\n",
    },
    {
      name: 'bad --query',
      args: ['cognito-idp', 'get-user', '--access-token', 'x', '--query', '[[['],
      code: 252,
      stderr:
        '\ncognate: [ERROR]: An error occurred (ParamValidation): Bad value for --query [[[: Invalid jmespath expression: Incomplete expression:\n"[[["\n    ^\n',
    },
    {
      name: 'bad --output',
      args: ['cognito-idp', 'global-sign-out', '--access-token', 'x', '--output', 'bogus'],
      code: 252,
      stderr: `\ncognate: [ERROR]: An error occurred (ParamValidation): argument --output: Found invalid choice 'bogus'\n\n\n${USAGE_TAIL}`,
    },
    {
      name: 'bad --color',
      args: ['cognito-idp', 'global-sign-out', '--access-token', 'x', '--color', 'bogus'],
      code: 252,
      stderr: /argument --color: Found invalid choice 'bogus'/,
    },
    {
      name: 'unreadable file://',
      args: ['cognito-idp', 'global-sign-out', '--access-token', 'file:///nonexistent/token.txt'],
      code: 252,
      stderr:
        "\ncognate: [ERROR]: An error occurred (ParamValidation): Error parsing parameter '--access-token': Unable to load paramfile file:///nonexistent/token.txt: [Errno 2] No such file or directory: '/nonexistent/token.txt'\n",
    },
    {
      name: 'client-side min length',
      args: ['cognito-idp', 'admin-user-global-sign-out', '--user-pool-id', '', '--username', 'u'],
      code: 252,
      stderr:
        '\ncognate: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\nInvalid length for parameter UserPoolId, value: 0, valid min length: 1\n',
    },
    {
      name: 'unknown key in --cli-input-json',
      args: ['cognito-idp', 'global-sign-out', '--cli-input-json', '{"AccessToken":"a","Bogus":1}'],
      code: 252,
      stderr:
        '\ncognate: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\nUnknown parameter in input: "Bogus", must be one of: AccessToken\n',
    },
    {
      name: 'wrong type inside shorthand',
      args: ['cognito-idp', 'create-user-pool', '--pool-name', 'n', '--policies', 'PasswordPolicy={MinimumLength=8,Bogus=1}'],
      code: 252,
      stderr: /Unknown parameter in Policies\.PasswordPolicy: "Bogus", must be one of: MinimumLength, RequireUppercase/,
    },
    {
      name: 'bad --endpoint-url',
      args: ['cognito-idp', 'global-sign-out', '--access-token', 'x', '--endpoint-url', 'not-a-url'],
      code: 252,
      stderr:
        '\ncognate: [ERROR]: An error occurred (ParamValidation): Bad value for --endpoint-url "not-a-url": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/\n',
    },
    {
      name: 'non-integer timeout',
      args: ['cognito-idp', 'global-sign-out', '--access-token', 'x', '--cli-read-timeout', 'abc'],
      code: 255,
      stderr: "\ncognate: [ERROR]: invalid literal for int() with base 10: 'abc'\n",
    },
    {
      name: 'unknown profile',
      args: ['cognito-idp', 'global-sign-out', '--access-token', 'x', '--profile', 'nosuch'],
      code: 255,
      stderr: '\ncognate: [ERROR]: The config profile (nosuch) could not be found\n',
    },
    {
      name: 'bad region name',
      args: ['cognito-idp', 'global-sign-out', '--access-token', 'x', '--region', 'not_a_region'],
      code: 255,
      stderr: "\ncognate: [ERROR]: Provided region_name 'not_a_region' doesn't match a supported format.\n",
    },
    {
      name: 'no region',
      args: ['cognito-idp', 'global-sign-out', '--access-token', 'x'],
      code: 253,
      stderr:
        '\ncognate: [ERROR]: An error occurred (NoRegion): You must specify a region. You can also configure your region by running "aws configure".\n',
      extraEnv: { AWS_DEFAULT_REGION: '' },
    },
    {
      name: 'no credentials for a signed operation',
      args: ['cognito-idp', 'admin-user-global-sign-out', '--user-pool-id', 'us-east-1_a', '--username', 'u'],
      code: 253,
      stderr:
        '\ncognate: [ERROR]: An error occurred (NoCredentials): Unable to locate credentials. You can configure credentials by running "aws login".\n',
      extraEnv: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
    },
    {
      name: '--no-paginate with paging arguments',
      args: ['sso', 'list-accounts', '--access-token', 't', '--no-paginate', '--max-items', '1'],
      code: 252,
      stderr: /Cannot specify --no-paginate along with pagination arguments: --max-items/,
    },
  ];

  for (const c of cases) {
    test(c.name, async () => {
      const own = c.args.includes('--endpoint-url');
      const r = await cognate(own ? c.args : [...c.args, '--endpoint-url', srv.url], { ...env, ...(c.extraEnv ?? {}) });
      assert.equal(r.status, c.code, r.stderr);
      if (typeof c.stderr === 'string') assert.equal(r.stderr, c.stderr);
      else assert.match(r.stderr, c.stderr);
      assert.equal(r.stdout, '');
      assert.equal(srv.requests.length, 0, 'nothing may be sent');
    });
  }

  test('connection refused is exit 255 with the endpoint URL', async () => {
    const r = await cognate(['cognito-idp', 'global-sign-out', '--access-token', 'x', '--endpoint-url', 'http://127.0.0.1:1'], {
      ...env,
      AWS_MAX_ATTEMPTS: '1',
    });
    assert.equal(r.status, 255);
    assert.equal(r.stderr, '\ncognate: [ERROR]: Could not connect to the endpoint URL: "http://127.0.0.1:1/"\n');
  });

  test('a readable file:// value is sent as the parameter', async () => {
    const f = join(env.HOME as string, 'token.txt');
    writeFileSync(f, 'from-file');
    const r = await cognate(['cognito-idp', 'global-sign-out', '--access-token', `file://${f}`, '--endpoint-url', srv.url], env);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(srv.requests.length, 1);
    assert.equal(srv.requests[0]?.body, '{"AccessToken": "from-file"}');
    srv.requests.length = 0;
  });
});
