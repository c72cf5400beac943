/**
 * Text output of paginated commands, differential against the installed AWS CLI v1: in text mode the CLI
 * prints each page as it arrives, applies --query to each page on its own (json and table apply it to the
 * merged result), and with --max-items ends with a `NEXTTOKEN\t<token>` line (--query applied to that
 * line too). A pool with 5 users read 2 at a time gives 3 pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from '../helpers/tools.ts';
import { createPool, createUser } from '../helpers/fixtures.ts';
import { awsCli, awsEnv, idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { cognate } from './cognate-helpers.ts';

const USERS = ['ann', 'ben', 'cat', 'dan', 'eve'];

/**
 * v1 prints timestamps as epoch seconds, cognate (like v2) as ISO-8601: both become `T`. The server's
 * pagination tokens differ from call to call, so the resume token is compared by its decoded keys.
 */
const norm = (s: string) =>
  s.replace(/\d{4}-\d\d-\d\dT[\d:.]+\+00:00|\b\d{10}(\.\d+)?\b/g, 'T').replace(/\beyJ[A-Za-z0-9+/]+=*/g, (t) => {
    const decoded = JSON.parse(Buffer.from(t, 'base64').toString('utf8')) as Record<string, unknown>;
    return JSON.stringify({ ...decoded, PaginationToken: typeof decoded.PaginationToken });
  });

describe('text output of paginated commands agrees with aws v1', { needs: ['aws-v1'] }, () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  let poolId: string;
  const both = (args: string[]) => Promise.all([awsCli(server, args, env), cognate(['--endpoint-url', server.url, ...args], env)]);
  const listUsers = (...extra: string[]) => both(['cognito-idp', 'list-users', '--user-pool-id', poolId, '--page-size', '2', ...extra]);

  before(async () => {
    server = await startTestServer();
    env = awsEnv(server, { AWS_MAX_ATTEMPTS: '1' });
    const idp = idpClient(server);
    poolId = await createPool(idp);
    for (const u of USERS) await createUser(idp, poolId, u);
  });
  after(() => server?.stop());

  test('--query applies to each page: a JMESPath function shows one line per page', async () => {
    const [v1, c] = await listUsers('--output', 'text', '--query', 'length(Users)');
    assert.equal(v1.status, 0, v1.stderr);
    assert.equal(c.status, 0, c.stderr);
    assert.equal(v1.stdout, '2\n2\n1\n', 'v1 evaluates the query once per page');
    assert.equal(c.stdout, v1.stdout);
    // json applies it to the merged pages
    const [j1, j2] = await listUsers('--query', 'length(Users)');
    assert.equal(j1.stdout, '5\n');
    assert.equal(j2.stdout, j1.stdout);
  });

  test('a list projection prints one line per page', async () => {
    const [v1, c] = await listUsers('--output', 'text', '--query', 'Users[].Username');
    assert.equal(c.status, 0, c.stderr);
    assert.equal(v1.stdout.split('\n').length, 4, v1.stdout);
    assert.equal(c.stdout, v1.stdout);
    assert.deepEqual(c.stdout.split(/\s+/).filter(Boolean).sort(), USERS);
  });

  test('without --query: every page formatted on its own, the same lines as v1', async () => {
    const [v1, c] = await listUsers('--output', 'text');
    assert.equal(c.status, 0, c.stderr);
    assert.equal((v1.stdout.match(/^USERS\t/gm) ?? []).length, 5);
    assert.equal(norm(c.stdout), norm(v1.stdout));
  });

  test('--max-items 3 ends with a NEXTTOKEN line; the token resumes where the text stopped', async () => {
    const [v1, c] = await listUsers('--output', 'text', '--max-items', '3');
    assert.equal(c.status, 0, c.stderr);
    assert.equal((v1.stdout.match(/^USERS\t/gm) ?? []).length, 3);
    assert.match(v1.stdout, /\nNEXTTOKEN\t\S+\n$/);
    assert.equal(norm(c.stdout), norm(v1.stdout));
    const token = /NEXTTOKEN\t(\S+)\n$/.exec(c.stdout)?.[1] as string;

    const [r1, r2] = await listUsers('--output', 'text', '--query', 'Users[].Username', '--starting-token', token);
    assert.equal(r2.status, 0, r2.stderr);
    assert.equal(r2.stdout, r1.stdout);
    const first = (await listUsers('--output', 'text', '--query', 'Users[].Username', '--max-items', '3'))[1].stdout;
    // The first run ends with `None`: the query applied to the NextToken line.
    assert.deepEqual([...first.split(/\s+/), ...r2.stdout.split(/\s+/)].filter((w) => w && w !== 'None').sort(), USERS);
  });

  test('--max-items with --query: the query is applied to the NextToken line too', async () => {
    for (const query of ['Users[].Username', 'NextToken', '@', 'Users[0].Attributes[?Name==`email`].Value']) {
      const [v1, c] = await listUsers('--output', 'text', '--max-items', '3', '--query', query);
      assert.equal(v1.status, 0, v1.stderr);
      assert.equal(c.status, 0, c.stderr);
      assert.equal(norm(c.stdout), norm(v1.stdout), query);
    }
    const [v1] = await listUsers('--output', 'text', '--max-items', '3', '--query', 'Users[].Username');
    assert.match(v1.stdout, /\nNone\n$/, 'the token dict has no Users: the query gives null');
    // A function that fails on that line fails after the pages were printed, in both CLIs.
    const [f1, f2] = await listUsers('--output', 'text', '--max-items', '3', '--query', 'length(Users)');
    assert.equal(f1.status, 255);
    assert.equal(f1.stdout, '2\n1\n');
    assert.equal(f2.stdout, f1.stdout);
    assert.equal(f2.status, 255);
    assert.equal(f2.stderr.replace('\ncognate: [ERROR]: ', '\n'), f1.stderr);
  });

  test('--max-items at a page boundary and beyond the end', async () => {
    for (const n of ['2', '4', '5', '9']) {
      const [v1, c] = await listUsers('--output', 'text', '--max-items', n, '--query', 'Users[].Username');
      assert.equal(c.status, 0, c.stderr);
      assert.equal(c.stdout, v1.stdout, `--max-items ${n}`);
    }
  });

  test('an empty pool prints nothing; json and table still use the merged result', async () => {
    const empty = await createPool(idpClient(server), 'empty');
    for (const output of ['text', 'json', 'table']) {
      const args = ['cognito-idp', 'list-users', '--user-pool-id', empty, '--output', output];
      const [v1, c] = await both(args);
      assert.equal(c.status, 0, c.stderr);
      assert.equal(c.stdout, v1.stdout, output);
    }
    const [t1, t2] = await listUsers('--output', 'table', '--query', 'Users[].Username');
    assert.equal(t2.stdout, t1.stdout);
  });
});
