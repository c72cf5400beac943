/** botocore (boto3 clients 'sso-oidc' and 'sso') against the real server: device flow, portal calls, Logout. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import { awsEnv, python, type TestServer } from '../helpers/server.ts';
import { FormBrowser, START_URL, approveDevice, startSsoServer } from './sso-fixtures.ts';

const PRELUDE = `
import json, os, sys, boto3, botocore
from botocore.config import Config
cfg = Config(retries={'max_attempts': 1})
oidc = boto3.client('sso-oidc', region_name='us-east-1', endpoint_url=os.environ['SERVER_URL'], config=cfg)
sso = boto3.client('sso', region_name='us-east-1', endpoint_url=os.environ['SERVER_URL'], config=cfg)
def err(f):
    try:
        f()
        return None
    except botocore.exceptions.ClientError as e:
        return {'code': e.response['Error']['Code'], 'message': e.response['Error'].get('Message'), 'status': e.response['ResponseMetadata']['HTTPStatusCode']}
`;

async function run(server: TestServer, code: string, state: Record<string, unknown> = {}) {
  const r = await python(server, PRELUDE + code, awsEnv(server, { STATE: JSON.stringify(state) }));
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string);
}

describe('botocore sso-oidc and sso', { needs: ['boto3'] }, () => {
  let server: TestServer;
  before(async () => {
    server = await startSsoServer();
  });
  after(() => server.stop());

  it('device flow, ListAccounts (paginated), ListAccountRoles, GetRoleCredentials, Logout → 401', async () => {
    const started = await run(
      server,
      `
reg = oidc.register_client(clientName='botocore-client-test', clientType='public', scopes=['sso:account:access'])
auth = oidc.start_device_authorization(clientId=reg['clientId'], clientSecret=reg['clientSecret'], startUrl='${START_URL}')
pending = err(lambda: oidc.create_token(clientId=reg['clientId'], clientSecret=reg['clientSecret'], grantType='urn:ietf:params:oauth:grant-type:device_code', deviceCode=auth['deviceCode']))
bad_client = err(lambda: oidc.start_device_authorization(clientId='nope', clientSecret='nope', startUrl='${START_URL}'))
print(json.dumps({'reg': {k: reg[k] for k in ('clientId', 'clientSecret')}, 'auth': {k: auth[k] for k in ('deviceCode', 'userCode', 'interval')}, 'pending': pending, 'bad_client': bad_client}))
`,
    );
    assert.deepEqual(started.pending, { code: 'AuthorizationPendingException', message: 'Authorization is still pending', status: 400 });
    assert.equal(started.bad_client.code, 'InvalidClientException');
    assert.equal(started.bad_client.status, 401);
    const done = await approveDevice(new FormBrowser(server.url), started.auth.userCode);
    assert.match(done.html, /close this window/);
    server.clock.advance(1_000);

    const out = await run(
      server,
      `
s = json.loads(os.environ['STATE'])
tok = oidc.create_token(clientId=s['reg']['clientId'], clientSecret=s['reg']['clientSecret'], grantType='urn:ietf:params:oauth:grant-type:device_code', deviceCode=s['auth']['deviceCode'])
at = tok['accessToken']
accounts = [a['accountId'] for page in sso.get_paginator('list_accounts').paginate(accessToken=at, PaginationConfig={'PageSize': 1}) for a in page['accountList']]
roles = [r['roleName'] for r in sso.list_account_roles(accessToken=at, accountId='111111111111')['roleList']]
creds = sso.get_role_credentials(accessToken=at, accountId='111111111111', roleName='AdministratorAccess')['roleCredentials']
sso.logout(accessToken=at)
after = err(lambda: sso.list_accounts(accessToken=at))
refresh = err(lambda: oidc.create_token(clientId=s['reg']['clientId'], clientSecret=s['reg']['clientSecret'], grantType='refresh_token', refreshToken=tok['refreshToken']))
print(json.dumps({'tokenType': tok['tokenType'], 'expiresIn': tok['expiresIn'], 'accounts': accounts, 'roles': roles, 'keyid': creds['accessKeyId'], 'expiration': creds['expiration'], 'after': after, 'refresh': refresh}))
`,
      started,
    );
    assert.equal(out.tokenType, 'Bearer');
    assert.equal(out.expiresIn, 3600);
    assert.deepEqual(out.accounts, ['111111111111', '222222222222', '333333333333']);
    assert.deepEqual(out.roles, ['AdministratorAccess', 'ReadOnly']);
    assert.match(out.keyid, /^ASIA/);
    assert.ok(Math.abs(out.expiration - (server.clock.now() + 3600_000)) < 30_000);
    assert.deepEqual(out.after, { code: 'UnauthorizedException', message: 'Session token not found or invalid', status: 401 });
    assert.equal(out.refresh.code, 'InvalidGrantException');
  });
});
