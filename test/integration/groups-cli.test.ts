/**
 * User-pool groups through the installed AWS CLI v1: create/get/update/delete, membership, the CLI's own
 * pagination over our sealed page tokens (--page-size), and errors as the CLI prints them (exit 255).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from '../helpers/tools.ts';
import { createUser, world } from '../helpers/fixtures.ts';
import { awsCli, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

describe('user pool groups with the AWS CLI v1', { needs: ['aws-v1'] }, () => {
  let server: TestServer;
  let poolId: string;

  const ok = async (...args: string[]) => {
    const r = await awsCli(server, ['cognito-idp', ...args]);
    assert.equal(r.status, 0, `aws ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout.trim() ? JSON.parse(r.stdout) : {};
  };
  const fails = async (op: string, code: string, message: string, ...args: string[]) => {
    const r = await awsCli(server, ['cognito-idp', ...args]);
    assert.equal(r.status, 255, r.stderr);
    assert.equal(r.stderr, `\nAn error occurred (${code}) when calling the ${op} operation: ${message}\n`);
  };

  before(async () => {
    server = await startTestServer();
    const idp = idpClient(server);
    poolId = (await world(idp)).poolId;
    for (const u of ['bob', 'carol', 'dan']) await createUser(idp, poolId, u);
  });
  after(() => server.stop());

  it('aws v1: create, get, update, list (paginated), membership, delete', async () => {
    const created = await ok(
      'create-group',
      '--user-pool-id',
      poolId,
      '--group-name',
      'admins',
      '--precedence',
      '1',
      '--role-arn',
      'arn:aws:iam::123456789012:role/Admin',
      '--description',
      'Administrators',
    );
    assert.equal(created.Group.GroupName, 'admins');
    assert.equal(created.Group.Precedence, 1);
    assert.equal(typeof created.Group.CreationDate, 'number', 'the CLI prints epoch seconds');
    await fails(
      'CreateGroup',
      'GroupExistsException',
      'A group with the name admins already exists.',
      'create-group',
      '--user-pool-id',
      poolId,
      '--group-name',
      'admins',
    );

    for (let i = 0; i < 5; i++) await ok('create-group', '--user-pool-id', poolId, '--group-name', `g${i}`);
    // The CLI follows NextToken itself: a page size of 2 still lists every group.
    const listed = await ok('list-groups', '--user-pool-id', poolId, '--page-size', '2');
    assert.deepEqual(
      listed.Groups.map((g: { GroupName: string }) => g.GroupName),
      ['admins', 'g0', 'g1', 'g2', 'g3', 'g4'],
    );

    const updated = await ok('update-group', '--user-pool-id', poolId, '--group-name', 'admins', '--description', 'Root');
    assert.equal(updated.Group.Description, 'Root');
    assert.equal(updated.Group.Precedence, 1);
    assert.equal((await ok('get-group', '--user-pool-id', poolId, '--group-name', 'admins')).Group.Description, 'Root');

    for (const u of ['alice', 'bob', 'carol', 'dan']) {
      await ok('admin-add-user-to-group', '--user-pool-id', poolId, '--username', u, '--group-name', 'admins');
    }
    for (let i = 0; i < 5; i++) await ok('admin-add-user-to-group', '--user-pool-id', poolId, '--username', 'bob', '--group-name', `g${i}`);
    const members = await ok('list-users-in-group', '--user-pool-id', poolId, '--group-name', 'admins', '--page-size', '3');
    assert.deepEqual(
      members.Users.map((u: { Username: string }) => u.Username),
      ['alice', 'bob', 'carol', 'dan'],
    );
    const ofBob = await ok('admin-list-groups-for-user', '--user-pool-id', poolId, '--username', 'bob', '--page-size', '2');
    assert.deepEqual(
      ofBob.Groups.map((g: { GroupName: string }) => g.GroupName),
      ['admins', 'g0', 'g1', 'g2', 'g3', 'g4'],
    );
    await ok('admin-remove-user-from-group', '--user-pool-id', poolId, '--username', 'bob', '--group-name', 'admins');
    const left = await ok('list-users-in-group', '--user-pool-id', poolId, '--group-name', 'admins');
    assert.deepEqual(
      left.Users.map((u: { Username: string }) => u.Username),
      ['alice', 'carol', 'dan'],
    );

    await fails(
      'AdminAddUserToGroup',
      'UserNotFoundException',
      'User does not exist.',
      'admin-add-user-to-group',
      '--user-pool-id',
      poolId,
      '--username',
      'ghost',
      '--group-name',
      'admins',
    );
    await fails(
      'GetGroup',
      'ResourceNotFoundException',
      'Group not found.',
      'get-group',
      '--user-pool-id',
      poolId,
      '--group-name',
      'ghosts',
    );
    await ok('delete-group', '--user-pool-id', poolId, '--group-name', 'admins');
    await fails(
      'DeleteGroup',
      'ResourceNotFoundException',
      'Group not found.',
      'delete-group',
      '--user-pool-id',
      poolId,
      '--group-name',
      'admins',
    );
  });
});
