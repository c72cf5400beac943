/**
 * Several nodes on one PostgreSQL database, started as an operator would: the nodes share the master key
 * through COGNATE_MASTER_KEY and everything else (signing keys, root credentials) through the database.
 * A node whose master key cannot open the database's sealed keys refuses to start in one line (it used
 * to start and answer every token call with 500), and every start-up failure an operator can cause —
 * bad URL, a schema PostgreSQL refuses, an unreachable or missing database — is one line and an exit code.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from '../helpers/tools.ts';
import { CognitoIdentityProviderClient, GetUserCommand, GlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { type ChildServer, startChildServer } from '../helpers/child-server.ts';
import { createUser, signIn, world } from '../helpers/fixtures.ts';
import { createTestSchema, TEST_POSTGRES_URL, type TestSchema } from '../helpers/postgres.ts';
import { run } from '../helpers/server.ts';

const NO_ROOT_KEYS = { COGNATE_ROOT_ACCESS_KEY_ID: '', COGNATE_ROOT_SECRET_ACCESS_KEY: '', COGNATE_MASTER_KEY: '' };

const serve = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, ['bin/cognate.js', 'serve', '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'cognate-mn-')), ...args], {
    ...process.env,
    ...NO_ROOT_KEYS,
    ...env,
  });

/** One line on stderr, no stack trace. */
function oneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0] as string, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

function client(s: ChildServer, keys: { accessKeyId: string; secretAccessKey: string }) {
  return new CognitoIdentityProviderClient({ endpoint: s.url, region: 'us-east-1', credentials: keys, maxAttempts: 1 });
}

function rootKeysOf(stderr: string): string | undefined {
  return /root access key id: (AKIA\w+)/.exec(stderr)?.[1];
}

describe('start-up failures are one line and an exit code', { needs: ['postgres'] }, () => {
  const pgUrl = (over: (u: URL) => void) => {
    const u = new URL(TEST_POSTGRES_URL);
    over(u);
    return u.toString();
  };

  it('a URL that does not parse: 252, the password not shown', async () => {
    const r = await serve(['--database', 'postgres://cognate:hunter2@[::1/test']);
    assert.equal(r.status, 252);
    oneLine(r.stderr, /^cognate serve: --database "postgres:\/\/cognate:\*\*\*@\[::1\/test" is not a valid URL/);
    assert.doesNotMatch(r.stderr, /hunter2/);
  });

  it('a schema name PostgreSQL refuses (pg_…) or that is not an identifier: 252', { needs: ['postgres'] }, async () => {
    let r = await serve(['--database', pgUrl((u) => u.searchParams.set('schema', 'pg_cognate'))]);
    assert.equal(r.status, 252);
    oneLine(r.stderr, /schema "pg_cognate" starts with pg_, which PostgreSQL reserves/);
    r = await serve(['--database', pgUrl((u) => u.searchParams.set('schema', 'Bad-Name'))]);
    assert.equal(r.status, 252);
    oneLine(r.stderr, /schema "Bad-Name" must be a lower-case identifier/);
  });

  it('an unreachable server, an unknown host, a missing database: one line each', { needs: ['postgres'] }, async () => {
    let r = await serve(['--database', pgUrl((u) => (u.port = '1'))]);
    assert.equal(r.status, 255);
    oneLine(r.stderr, /^cognate serve: cannot reach PostgreSQL at 127\.0\.0\.1:1\/test \(ECONNREFUSED\): is it running\?/);
    r = await serve(['--database', pgUrl((u) => (u.hostname = 'cognate-no-such-host.invalid'))]);
    assert.equal(r.status, 255);
    oneLine(r.stderr, /cannot reach PostgreSQL at cognate-no-such-host\.invalid.*does not resolve/);
    r = await serve(['--database', pgUrl((u) => (u.pathname = '/cognate_no_such_db'))]);
    assert.equal(r.status, 253);
    oneLine(r.stderr, /database "cognate_no_such_db" does not exist/);
  });

  it('a malformed COGNATE_MASTER_KEY: 253', async () => {
    const r = await serve([], { COGNATE_MASTER_KEY: 'c2hvcnQ=' });
    assert.equal(r.status, 253);
    oneLine(r.stderr, /COGNATE_MASTER_KEY must be 32 bytes, base64-encoded/);
  });
});

describe('nodes share the master key from the environment and the rest through the database', { needs: ['postgres'] }, () => {
  let schema: TestSchema;
  const nodes: ChildServer[] = [];
  before(async () => {
    schema = await createTestSchema('keys');
  });
  after(async () => {
    for (const n of nodes) n.proc.kill('SIGKILL');
    await schema?.drop();
  });

  it('a second node with the same COGNATE_MASTER_KEY serves the first node’s tokens; one without it refuses to start', async () => {
    const env = { ...NO_ROOT_KEYS, COGNATE_MASTER_KEY: randomBytes(32).toString('base64') };
    const args = ['--database', schema.url, '--public-url', 'https://auth.cognate.test'];
    const a = await startChildServer(undefined, args, env);
    nodes.push(a);
    const b = await startChildServer(undefined, args, env);
    nodes.push(b);

    // The first node generated the root credentials and sealed them in the database; the second reads them.
    const id = /AWS_ACCESS_KEY_ID=(AKIA\w+)/.exec(a.stderr())?.[1];
    const secret = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(a.stderr())?.[1];
    assert.ok(id && secret, a.stderr());
    assert.equal(rootKeysOf(b.stderr()), id);
    assert.doesNotMatch(b.stderr(), /AWS_SECRET_ACCESS_KEY/, 'the secret is printed once, by the node that made it');
    const keys = { accessKeyId: id, secretAccessKey: secret };
    const idpA = client(a, keys);
    const idpB = client(b, keys);

    // Signing keys live in the database, sealed: a pool made on A signs on B, and B verifies A's tokens.
    const w = await world(idpA);
    await createUser(idpB, w.poolId, 'bob');
    const onA = await signIn(idpA, w.clientId, 'alice');
    const onB = await signIn(idpB, w.clientId, 'bob');
    assert.equal((await idpB.send(new GetUserCommand({ AccessToken: onA.accessToken }))).Username, 'alice');
    assert.equal((await idpA.send(new GetUserCommand({ AccessToken: onB.accessToken }))).Username, 'bob');
    await idpA.send(new GlobalSignOutCommand({ AccessToken: onA.accessToken }));
    await assert.rejects(idpB.send(new GetUserCommand({ AccessToken: onA.accessToken })), /Access Token has been revoked/);

    // A third node without the shared key (so with a fresh one of its own) refuses, in one line.
    let r = await serve(args, {});
    assert.equal(r.status, 253);
    oneLine(
      r.stderr,
      /^cognate serve: the master key cannot open the sealed keys in the PostgreSQL database: set COGNATE_MASTER_KEY to the master key the other nodes of this database use/,
    );
    r = await serve(args, { COGNATE_MASTER_KEY: randomBytes(32).toString('base64') });
    assert.equal(r.status, 253);
    oneLine(r.stderr, /set COGNATE_MASTER_KEY/);
  });
});
