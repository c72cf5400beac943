/**
 * The settings chain, credential providers, signing, REST-JSON serialization and pagination, observed
 * on the wire through a request-recording server; names checked against botocore's xform_name.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, PYTHON, test } from '../helpers/tools.ts';
import { loadModel, SERVICE_NAMES } from '../../src/protocol/model.ts';
import { xformName } from '../../src/cli/names.ts';
import { bareEnv, type CountingServer, cognate, type SeenRequest, startCountingServer } from './cognate-helpers.ts';

function credentialOf(r: SeenRequest | undefined): string | undefined {
  return /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//
    .exec(String(r?.headers.authorization ?? ''))
    ?.slice(1, 4)
    .join('|');
}

describe('cognate settings, credentials and wire format', () => {
  let srv: CountingServer;
  before(async () => {
    srv = await startCountingServer((r) => {
      if (r.url.startsWith('/assignment/accounts')) {
        const next = new URL(r.url, 'http://x').searchParams.get('next_token');
        return next === 'p2'
          ? { body: { accountList: [{ accountId: '444455556666', accountName: 'prod', emailAddress: 'prod@example.com' }] } }
          : {
              body: { nextToken: 'p2', accountList: [{ accountId: '111122223333', accountName: 'dev', emailAddress: 'dev@example.com' }] },
            };
      }
      if (r.url === '/token') {
        return {
          status: 400,
          headers: { 'x-amzn-ErrorType': 'AuthorizationPendingException' },
          body: { error: 'authorization_pending', error_description: 'Authorization is still pending' },
        };
      }
      return {};
    });
  });
  after(() => srv.close());
  const last = () => srv.requests[srv.requests.length - 1];

  test('AWS_ENDPOINT_URL_<SERVICE_ID>, AWS_ENDPOINT_URL and the services section choose the endpoint', async () => {
    const base = { AWS_DEFAULT_REGION: 'us-east-1' };
    let r = await cognate(
      ['cognito-idp', 'global-sign-out', '--access-token', 'viaenv'],
      bareEnv({ ...base, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: srv.url }),
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(last()?.body, '{"AccessToken": "viaenv"}');
    r = await cognate(['sso', 'logout', '--access-token', 'viaglobal'], bareEnv({ ...base, AWS_ENDPOINT_URL: srv.url }));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      [last()?.method, last()?.url, last()?.headers['x-amz-sso_bearer_token'], last()?.body, last()?.headers['content-type']],
      ['POST', '/logout', 'viaglobal', '', undefined],
    );
    const env = bareEnv(base);
    writeFileSync(
      env.AWS_CONFIG_FILE as string,
      `[profile svc]\nservices = local\n[services local]\nsso_oidc =\n  endpoint_url = ${srv.url}\n`,
    );
    r = await cognate(
      [
        'sso-oidc',
        'create-token',
        '--client-id',
        'c',
        '--client-secret',
        's',
        '--grant-type',
        'refresh_token',
        '--refresh-token',
        'r',
        '--profile',
        'svc',
      ],
      env,
    );
    assert.equal(r.status, 254);
    assert.deepEqual([last()?.url, last()?.headers['content-type']], ['/token', 'application/json']);
    assert.deepEqual(JSON.parse(last()?.body ?? ''), { clientId: 'c', clientSecret: 's', grantType: 'refresh_token', refreshToken: 'r' });
    assert.equal(
      r.stderr,
      '\ncognate: [ERROR]: An error occurred (AuthorizationPendingException) when calling the CreateToken operation:\n\nAdditional error details:\nerror: authorization_pending\nerror_description: Authorization is still pending\n',
    );
  });

  test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS falls back to the AWS endpoint', async () => {
    const before = srv.requests.length;
    const r = await cognate(
      ['cognito-idp', 'global-sign-out', '--access-token', 'x', '--cli-connect-timeout', '2'],
      bareEnv({
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL: srv.url,
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
        AWS_MAX_ATTEMPTS: '1',
      }),
    );
    assert.equal(r.status, 255);
    assert.match(
      r.stderr,
      /(Could not connect to|Connect timeout on) the endpoint URL: "https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/"/,
    );
    assert.equal(srv.requests.length, before);
  });

  test('signing: env keys, region scope, session token; --no-sign-request sends none', async () => {
    const env = bareEnv({
      AWS_ACCESS_KEY_ID: 'AKIDENV',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SESSION_TOKEN: 'tok',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'us-east-1',
    });
    let r = await cognate(
      ['--endpoint-url', srv.url, 'cognito-idp', 'admin-user-global-sign-out', '--user-pool-id', 'p_1', '--username', 'u'],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(credentialOf(last()), 'AKIDENV|eu-west-1|cognito-idp');
    assert.equal(last()?.headers['x-amz-security-token'], 'tok');
    assert.match(String(last()?.headers.authorization), /SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,/);
    r = await cognate(
      [
        '--endpoint-url',
        srv.url,
        'cognito-idp',
        'admin-user-global-sign-out',
        '--user-pool-id',
        'p_1',
        '--username',
        'u',
        '--no-sign-request',
      ],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(last()?.headers.authorization, undefined);
    r = await cognate(['--endpoint-url', srv.url, 'cognito-idp', 'global-sign-out', '--access-token', 't'], env);
    assert.equal(last()?.headers.authorization, undefined, 'GlobalSignOut is unsigned');
  });

  test('credentials file, config profile, credential_process; --profile skips environment keys', async () => {
    const env = bareEnv({ AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 's' });
    const script = join(env.HOME as string, 'creds.sh');
    writeFileSync(
      script,
      '#!/bin/sh\necho \'{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "p", "SessionToken": "ptok"}\'\n',
    );
    chmodSync(script, 0o755);
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE as string, '[filep]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n');
    writeFileSync(
      env.AWS_CONFIG_FILE as string,
      `[profile filep]\nregion = ap-south-1\n[profile cfgp]\nregion = us-west-2\naws_access_key_id = AKIDCFG\naws_secret_access_key = c\n[profile procp]\nregion = us-east-2\ncredential_process = ${script}\n`,
    );
    const call = (profile: string) =>
      cognate(
        [
          '--endpoint-url',
          srv.url,
          'cognito-idp',
          'admin-user-global-sign-out',
          '--user-pool-id',
          'p_1',
          '--username',
          'u',
          '--profile',
          profile,
        ],
        env,
      );
    for (const [profile, expected] of [
      ['filep', 'AKIDFILE|ap-south-1|cognito-idp'],
      ['cfgp', 'AKIDCFG|us-west-2|cognito-idp'],
      ['procp', 'AKIDPROC|us-east-2|cognito-idp'],
    ] as const) {
      const r = await call(profile);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(credentialOf(last()), expected);
    }
    assert.equal(last()?.headers['x-amz-security-token'], 'ptok');
    const r = await cognate(['--endpoint-url', srv.url, 'cognito-idp', 'list-users', '--user-pool-id', 'p_1'], {
      ...env,
      AWS_PROFILE: 'cfgp',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(credentialOf(last()), 'AKIDENV|us-west-2|cognito-idp', 'AWS_PROFILE (unlike --profile) keeps environment keys');
  });

  test('sso pagination: merged pages, --max-items resume token, --starting-token, --no-paginate, --page-size', async () => {
    const env = bareEnv({ AWS_DEFAULT_REGION: 'us-east-1' });
    const run = (...extra: string[]) =>
      cognate(['--endpoint-url', srv.url, 'sso', 'list-accounts', '--access-token', 'tok', ...extra], env);
    let r = await run('--query', 'accountList[].accountId', '--output', 'text');
    // Text output prints each page as it arrives, the query applied per page: one line per page.
    assert.deepEqual([r.status, r.stdout], [0, '111122223333\n444455556666\n']);
    r = await run('--query', 'accountList[].accountId');
    assert.deepEqual(JSON.parse(r.stdout), ['111122223333', '444455556666'], 'json queries the merged pages');
    assert.equal(last()?.headers['x-amz-sso_bearer_token'], 'tok');
    r = await run('--max-items', '1');
    assert.equal(r.status, 0, r.stderr);
    const page = JSON.parse(r.stdout) as { accountList: unknown[]; NextToken: string };
    assert.equal(page.accountList.length, 1);
    assert.equal(page.NextToken, 'eyJuZXh0VG9rZW4iOiAicDIifQ==');
    r = await run('--starting-token', page.NextToken, '--query', 'accountList[].accountName', '--output', 'text');
    assert.deepEqual([r.status, r.stdout], [0, 'prod\n']);
    assert.equal(last()?.url, '/assignment/accounts?next_token=p2');
    r = await run('--no-paginate', '--query', 'nextToken');
    assert.deepEqual([r.status, r.stdout], [0, '"p2"\n']);
    await run('--page-size', '7');
    assert.equal(last()?.url, '/assignment/accounts?next_token=p2&max_result=7');
  });

  test('--debug logs to stderr; --version; help pages', async () => {
    const env = bareEnv({ AWS_DEFAULT_REGION: 'us-east-1' });
    let r = await cognate(['--endpoint-url', srv.url, 'cognito-idp', 'global-sign-out', '--access-token', 't', '--debug'], env);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - MainThread - awscli\.clidriver - DEBUG - CLI version: cognate\//);
    assert.match(r.stderr, /Making request for OperationModel\(name=GlobalSignOut\)/);
    r = await cognate(['--version'], env);
    assert.match(r.stdout, /^cognate\/\d+\.\d+\.\d+ Node\/\d+\.\d+\.\d+ \w+\/\S+\n$/);
    r = await cognate(['cognito-idp', 'help'], env);
    assert.match(r.stdout, /o admin-user-global-sign-out\n/);
    r = await cognate(['cognito-idp', 'admin-create-user', 'help'], env);
    assert.match(r.stdout, /--user-pool-id \(string\) \[required\]/);
    assert.match(r.stdout, /--user-attributes \(list\(structure\)\)\n/);
    assert.match(r.stdout, /\[--force-alias-creation \| --no-force-alias-creation\]/);
    r = await cognate(['help'], env);
    assert.match(r.stdout, /o sso-oidc/);
  });

  test('operation and option names match botocore xform_name for every operation and member', { needs: ['boto3'] }, () => {
    const names: Record<string, string[]> = {};
    for (const svc of SERVICE_NAMES) {
      const m = loadModel(svc);
      for (const op of Object.values(m.operations)) {
        names[op.name] = [];
        for (const member of Object.keys((op.input && m.shapes[op.input]?.members) || {})) names[op.name]?.push(member);
      }
    }
    const all = [...new Set([...Object.keys(names), ...Object.values(names).flat()])];
    const py = spawnSync(
      PYTHON,
      ['-c', 'import sys,json; from botocore import xform_name; print(json.dumps([xform_name(n, "-") for n in json.load(sys.stdin)]))'],
      {
        input: JSON.stringify(all),
        encoding: 'utf8',
      },
    );
    assert.equal(py.status, 0, py.stderr);
    assert.deepEqual(
      all.map((n) => xformName(n, '-')),
      JSON.parse(py.stdout),
    );
  });
});
