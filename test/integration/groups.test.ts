/**
 * User-pool groups with the AWS SDK v3: the nine group operations with their errors and pagination, and
 * the claims groups put in tokens — cognito:groups (access and ID), cognito:roles and
 * cognito:preferred_role (ID) by precedence — seen by aws-jwt-verify and by amazon-cognito-identity-js
 * after sign-in, changed in tokens issued afterwards (sign-in, refresh) and not in tokens already issued.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createUser, PASSWORD, signIn, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

type AwsError = Error & { $metadata?: { httpStatusCode?: number } };

async function rejects(p: Promise<unknown>, name: string, message: string | RegExp) {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.name, name);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
const ROLE = (n: string) => `arn:aws:iam::123456789012:role/${n}`;

describe('user pool groups (SDK v3, aws-jwt-verify, amazon-cognito-identity-js)', () => {
  let server: TestServer;
  let idp: ReturnType<typeof idpClient>;
  let w: Awaited<ReturnType<typeof world>>;

  before(async () => {
    server = await startTestServer({ issuerStyle: 'aws' });
    idp = idpClient(server);
    w = await world(idp);
  });
  after(() => server.stop());

  it('CreateGroup, GetGroup, UpdateGroup and DeleteGroup answer GroupType; names are unique and case sensitive', async () => {
    const created = await idp.send(
      new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'editors', Description: 'Edit', Precedence: 5, RoleArn: ROLE('Editor') }),
    );
    const g = created.Group;
    assert.deepEqual(Object.keys(g ?? {}).sort(), [
      'CreationDate',
      'Description',
      'GroupName',
      'LastModifiedDate',
      'Precedence',
      'RoleArn',
      'UserPoolId',
    ]);
    assert.equal(g?.UserPoolId, w.poolId);
    assert.ok(g?.CreationDate instanceof Date);
    assert.deepEqual((await idp.send(new GetGroupCommand({ UserPoolId: w.poolId, GroupName: 'editors' }))).Group, g);

    await rejects(
      idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'editors' })),
      'GroupExistsException',
      'A group with the name editors already exists.',
    );
    const bare = (await idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'Editors' }))).Group;
    assert.deepEqual(Object.keys(bare ?? {}).sort(), ['CreationDate', 'GroupName', 'LastModifiedDate', 'UserPoolId']);
    await rejects(
      idp.send(new GetGroupCommand({ UserPoolId: w.poolId, GroupName: 'EDITORS' })),
      'ResourceNotFoundException',
      'Group not found.',
    );

    // Members left out keep their values.
    const updated = (await idp.send(new UpdateGroupCommand({ UserPoolId: w.poolId, GroupName: 'editors', Precedence: 9 }))).Group;
    assert.equal(updated?.Precedence, 9);
    assert.equal(updated?.Description, 'Edit');
    assert.equal(updated?.RoleArn, ROLE('Editor'));
    await rejects(
      idp.send(new UpdateGroupCommand({ UserPoolId: w.poolId, GroupName: 'nope', Precedence: 1 })),
      'ResourceNotFoundException',
      'Group not found.',
    );

    await idp.send(new DeleteGroupCommand({ UserPoolId: w.poolId, GroupName: 'Editors' }));
    await rejects(
      idp.send(new DeleteGroupCommand({ UserPoolId: w.poolId, GroupName: 'Editors' })),
      'ResourceNotFoundException',
      'Group not found.',
    );
    await idp.send(new DeleteGroupCommand({ UserPoolId: w.poolId, GroupName: 'editors' }));
  });

  it('bad input is refused with AWS-shaped errors and writes nothing', async () => {
    await rejects(
      idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'g', Precedence: -1 })),
      'InvalidParameterException',
      /Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0/,
    );
    await rejects(
      idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'g', RoleArn: 'not-an-arn-at-all-at-all' })),
      'InvalidParameterException',
      /at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    await rejects(
      idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'has space' })),
      'InvalidParameterException',
      /at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    await rejects(
      idp.send(new CreateGroupCommand({ UserPoolId: 'us-east-1_missing', GroupName: 'g' })),
      'ResourceNotFoundException',
      'User pool us-east-1_missing does not exist.',
    );
    await rejects(
      idp.send(new ListGroupsCommand({ UserPoolId: w.poolId, NextToken: 'forged' })),
      'InvalidParameterException',
      'Invalid pagination token.',
    );
    assert.deepEqual((await idp.send(new ListGroupsCommand({ UserPoolId: w.poolId }))).Groups, []);
    await idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'solo' }));
    await rejects(
      idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'ghost', GroupName: 'solo' })),
      'UserNotFoundException',
      'User does not exist.',
    );
    await rejects(
      idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'alice', GroupName: 'ghosts' })),
      'ResourceNotFoundException',
      'Group not found.',
    );
    await rejects(
      idp.send(new AdminListGroupsForUserCommand({ UserPoolId: w.poolId, Username: 'ghost' })),
      'UserNotFoundException',
      'User does not exist.',
    );
    await rejects(
      idp.send(new ListUsersInGroupCommand({ UserPoolId: w.poolId, GroupName: 'ghosts' })),
      'ResourceNotFoundException',
      'Group not found.',
    );
    assert.deepEqual((await idp.send(new ListUsersInGroupCommand({ UserPoolId: w.poolId, GroupName: 'solo' }))).Users, []);
    await idp.send(new DeleteGroupCommand({ UserPoolId: w.poolId, GroupName: 'solo' }));
  });

  it('ListGroups, AdminListGroupsForUser and ListUsersInGroup page with sealed tokens bound to their list', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `team-${i}`);
    for (const n of names) await idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: n }));
    for (const u of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      await createUser(idp, w.poolId, u);
      await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: u, GroupName: 'team-0' }));
    }
    for (const n of names) await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'u1', GroupName: n }));
    // Adding again changes nothing.
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'u1', GroupName: 'team-0' }));

    const walk = async <T>(fetch: (token?: string) => Promise<{ items: T[]; next?: string }>) => {
      const out: T[] = [];
      let token: string | undefined;
      do {
        const p = await fetch(token);
        assert.ok(p.items.length <= 3);
        out.push(...p.items);
        token = p.next;
      } while (token);
      return out;
    };
    const all = await walk(async (t) => {
      const r = await idp.send(new ListGroupsCommand({ UserPoolId: w.poolId, Limit: 3, NextToken: t }));
      return { items: (r.Groups ?? []).map((g) => g.GroupName), next: r.NextToken };
    });
    assert.deepEqual(all, names);
    const ofU1 = await walk(async (t) => {
      const r = await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: w.poolId, Username: 'u1', Limit: 3, NextToken: t }));
      return { items: (r.Groups ?? []).map((g) => g.GroupName), next: r.NextToken };
    });
    assert.deepEqual(ofU1, names);
    const members = await walk(async (t) => {
      const r = await idp.send(new ListUsersInGroupCommand({ UserPoolId: w.poolId, GroupName: 'team-0', Limit: 3, NextToken: t }));
      for (const u of r.Users ?? []) assert.equal(u.UserStatus, 'CONFIRMED');
      return { items: (r.Users ?? []).map((u) => u.Username), next: r.NextToken };
    });
    assert.deepEqual(members, ['u1', 'u2', 'u3', 'u4', 'u5']);

    // A token of one list is refused by another.
    const first = await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: w.poolId, Username: 'u1', Limit: 1 }));
    await rejects(
      idp.send(new AdminListGroupsForUserCommand({ UserPoolId: w.poolId, Username: 'u2', NextToken: first.NextToken })),
      'InvalidParameterException',
      'Invalid pagination token.',
    );
    await rejects(
      idp.send(new ListGroupsCommand({ UserPoolId: w.poolId, NextToken: first.NextToken })),
      'InvalidParameterException',
      'Invalid pagination token.',
    );

    await idp.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: w.poolId, Username: 'u2', GroupName: 'team-0' }));
    await idp.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: w.poolId, Username: 'u2', GroupName: 'team-0' }));
    const after = await idp.send(new ListUsersInGroupCommand({ UserPoolId: w.poolId, GroupName: 'team-0' }));
    assert.deepEqual(
      after.Users?.map((u) => u.Username),
      ['u1', 'u3', 'u4', 'u5'],
    );
    for (const n of names) await idp.send(new DeleteGroupCommand({ UserPoolId: w.poolId, GroupName: n }));
    assert.deepEqual((await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: w.poolId, Username: 'u1' }))).Groups, []);
  });

  it('tokens carry cognito:groups, cognito:roles and cognito:preferred_role by precedence; aws-jwt-verify checks groups', async () => {
    await createUser(idp, w.poolId, 'carol');
    const groups = [
      { GroupName: 'readers', Precedence: 10, RoleArn: ROLE('Reader') },
      { GroupName: 'admins', Precedence: 1, RoleArn: ROLE('Admin') },
      { GroupName: 'beta' },
      { GroupName: 'staff', Precedence: 3 },
    ];
    for (const g of groups) {
      await idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, ...g }));
      await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'carol', GroupName: g.GroupName }));
    }
    const t = await signIn(idp, w.clientId, 'carol');
    const a = claims(t.accessToken);
    const i = claims(t.idToken);
    assert.deepEqual(a['cognito:groups'], ['admins', 'staff', 'readers', 'beta']);
    assert.equal(a['cognito:roles'], undefined, 'roles are an ID-token claim');
    assert.deepEqual(i['cognito:groups'], ['admins', 'staff', 'readers', 'beta']);
    assert.deepEqual(i['cognito:roles'], [ROLE('Admin'), ROLE('Reader')]);
    assert.equal(i['cognito:preferred_role'], ROLE('Admin'));

    const jwks = await (await fetch(`${server.url}/${w.poolId}/.well-known/jwks.json`)).json();
    const admins = CognitoJwtVerifier.create({ userPoolId: w.poolId, tokenUse: 'access', clientId: w.clientId, groups: 'admins' });
    admins.cacheJwks(jwks);
    assert.deepEqual((await admins.verify(t.accessToken))['cognito:groups'], ['admins', 'staff', 'readers', 'beta']);
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: w.poolId, tokenUse: 'id', clientId: w.clientId, groups: ['beta'] });
    idVerifier.cacheJwks(jwks);
    assert.equal((await idVerifier.verify(t.idToken))['cognito:preferred_role'], ROLE('Admin'));
    const owners = CognitoJwtVerifier.create({ userPoolId: w.poolId, tokenUse: 'access', clientId: w.clientId, groups: 'owners' });
    owners.cacheJwks(jwks);
    await assert.rejects(owners.verify(t.accessToken), /Cognito group not allowed/);

    // A tie at the top precedence with different roles: no preferred role.
    await idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'ops', Precedence: 1, RoleArn: ROLE('Ops') }));
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'carol', GroupName: 'ops' }));
    const tied = claims((await signIn(idp, w.clientId, 'carol')).idToken);
    assert.equal(tied['cognito:preferred_role'], undefined);
    assert.deepEqual(tied['cognito:roles'], [ROLE('Admin'), ROLE('Ops'), ROLE('Reader')]);
    // A tie with the same role keeps it.
    await idp.send(new UpdateGroupCommand({ UserPoolId: w.poolId, GroupName: 'ops', RoleArn: ROLE('Admin') }));
    const same = claims((await signIn(idp, w.clientId, 'carol')).idToken);
    assert.equal(same['cognito:preferred_role'], ROLE('Admin'));
    assert.deepEqual(same['cognito:roles'], [ROLE('Admin'), ROLE('Reader')]);

    // Only groups without roles: cognito:groups but neither roles claim.
    const plain = claims((await signIn(idp, w.clientId, 'alice')).idToken);
    assert.equal(plain['cognito:groups'], undefined, 'a user in no group has no groups claim');
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'alice', GroupName: 'beta' }));
    const beta = claims((await signIn(idp, w.clientId, 'alice')).idToken);
    assert.deepEqual(beta['cognito:groups'], ['beta']);
    assert.equal(beta['cognito:roles'], undefined);
    assert.equal(beta['cognito:preferred_role'], undefined);
  });

  it('group changes show in tokens issued afterwards by sign-in and refresh, not in tokens already issued', async () => {
    await createUser(idp, w.poolId, 'dave');
    await idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'night-shift', RoleArn: ROLE('Night') }));
    const before = await signIn(idp, w.clientId, 'dave');
    assert.equal(claims(before.accessToken)['cognito:groups'], undefined);

    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'dave', GroupName: 'night-shift' }));
    assert.equal(claims(before.accessToken)['cognito:groups'], undefined, 'tokens already issued do not change');
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: before.accessToken }))).Username, 'dave');
    const refreshed = await idp.send(
      new InitiateAuthCommand({
        ClientId: w.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: before.refreshToken },
      }),
    );
    const r = refreshed.AuthenticationResult;
    assert.deepEqual(claims(r?.AccessToken as string)['cognito:groups'], ['night-shift']);
    assert.equal(claims(r?.IdToken as string)['cognito:preferred_role'], ROLE('Night'));

    await idp.send(new UpdateGroupCommand({ UserPoolId: w.poolId, GroupName: 'night-shift', RoleArn: ROLE('Day') }));
    assert.equal(claims((await signIn(idp, w.clientId, 'dave')).idToken)['cognito:preferred_role'], ROLE('Day'));

    await idp.send(new DeleteGroupCommand({ UserPoolId: w.poolId, GroupName: 'night-shift' }));
    const gone = await signIn(idp, w.clientId, 'dave');
    assert.equal(claims(gone.accessToken)['cognito:groups'], undefined);
    assert.equal(claims(gone.idToken)['cognito:roles'], undefined);
  });

  it('amazon-cognito-identity-js reads the groups claim after an SRP sign-in', async () => {
    await createUser(idp, w.poolId, 'erin');
    await idp.send(new CreateGroupCommand({ UserPoolId: w.poolId, GroupName: 'js-users', Precedence: 0, RoleArn: ROLE('Js') }));
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: w.poolId, Username: 'erin', GroupName: 'js-users' }));
    const pool = new CognitoUserPool({ UserPoolId: w.poolId, ClientId: w.clientId, endpoint: `${server.url}/` });
    const user = new CognitoUser({ Username: 'erin', Pool: pool });
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: 'erin', Password: PASSWORD }), {
        onSuccess: resolve,
        onFailure: reject,
      }),
    );
    assert.deepEqual(session.getAccessToken().decodePayload()['cognito:groups'], ['js-users']);
    assert.deepEqual(session.getIdToken().decodePayload()['cognito:groups'], ['js-users']);
    assert.equal(session.getIdToken().decodePayload()['cognito:preferred_role'], ROLE('Js'));
  });
});
