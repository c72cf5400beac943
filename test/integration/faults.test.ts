/**
 * Faults a multi-node deployment meets, on real processes and a real PostgreSQL:
 * - a PostgreSQL restart: requests fail with a clean 500 InternalErrorException while the database is
 *   away (never a crash, never a revoked token accepted), readiness turns false, and the node recovers
 *   by itself when the database is back (a private PostgreSQL, so the shared one is never stopped);
 * - `kill -9` of a node under load: every user and sign-out it acknowledged is there on the other node;
 * - a full pool and a blocked statement: requests fail within the configured timeouts instead of hanging.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import pg from 'pg';
import { type ChildServer, kill9, startChildServer } from '../helpers/child-server.ts';
import { createUser, signIn, world } from '../helpers/fixtures.ts';
import { createTestSchema, TEST_POSTGRES_URL, type TestSchema } from '../helpers/postgres.ts';
import { type PrivatePostgres, startPrivatePostgres } from '../helpers/private-postgres.ts';
import { idpClient, startTestServer } from '../helpers/server.ts';
import { after, before, describe, it } from '../helpers/tools.ts';

type SdkError = Error & { $metadata?: { httpStatusCode?: number } };

function client(s: ChildServer) {
  return new CognitoIdentityProviderClient({ endpoint: s.url, region: 'us-east-1', credentials: s.rootKeys, maxAttempts: 1 });
}

/** Rejects with a clean 500 InternalErrorException saying the database did not answer. */
async function unavailable(p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (e: SdkError) => {
    assert.equal(e.name, 'InternalErrorException', e.message);
    assert.equal(e.$metadata?.httpStatusCode, 500);
    assert.match(e.message, /temporarily unavailable/);
    return true;
  });
}

async function readiness(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0;
  }
}

async function waitFor(what: string, cond: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const refresh = (idp: CognitoIdentityProviderClient, clientId: string, token: string) =>
  idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: token } }));

describe('a PostgreSQL restart under a running node', { needs: ['postgres'] }, () => {
  let db: PrivatePostgres | undefined;
  let node: ChildServer | undefined;
  before(async () => {
    db = await startPrivatePostgres();
  });
  after(async () => {
    if (node) await kill9(node);
    db?.destroy();
  });

  it('fails cleanly while the database is away, never accepts a revoked token, and recovers by itself', async () => {
    const pgdb = db as PrivatePostgres;
    node = await startChildServer(
      undefined,
      ['--database', pgdb.url, '--database-connect-timeout-ms', '1000', '--database-statement-timeout-ms', '3000'],
      { COGNATE_MASTER_KEY: randomBytes(32).toString('base64') },
    );
    const n = node;
    const idp = client(n);
    const w = await world(idp);
    await createUser(idp, w.poolId, 'bob');
    const dead = await signIn(idp, w.clientId, 'alice');
    const live = await signIn(idp, w.clientId, 'bob');
    await idp.send(new GlobalSignOutCommand({ AccessToken: dead.accessToken }));
    assert.equal(await readiness(n.url), 200);

    // Traffic throughout: the revoked token must never be accepted, every failure must be a clean 500.
    const tally = { revokedAccepted: 0, liveAccepted: 0, unavailable: 0, refusedAsRevoked: 0, other: [] as string[] };
    let running = true;
    const traffic = (async () => {
      while (running) {
        for (const [token, isDead] of [
          [dead.accessToken, true],
          [live.accessToken, false],
        ] as const) {
          try {
            await idp.send(new GetUserCommand({ AccessToken: token }));
            if (isDead) tally.revokedAccepted++;
            else tally.liveAccepted++;
          } catch (e) {
            const err = e as SdkError;
            if (err.name === 'InternalErrorException' && err.$metadata?.httpStatusCode === 500) tally.unavailable++;
            else if (isDead && err.message === 'Access Token has been revoked') tally.refusedAsRevoked++;
            else tally.other.push(`${err.name}: ${err.message}`);
          }
        }
        await sleep(20);
      }
    })();

    await sleep(300);
    pgdb.stop();
    await waitFor('readiness to turn false', async () => (await readiness(n.url)) === 503);
    await unavailable(idp.send(new GetUserCommand({ AccessToken: live.accessToken })));
    await unavailable(idp.send(new GetUserCommand({ AccessToken: dead.accessToken })));
    await unavailable(signIn(idp, w.clientId, 'bob'));
    await unavailable(refresh(idp, w.clientId, dead.refreshToken));
    await sleep(500);
    assert.equal(n.proc.exitCode, null, 'the node is still running');

    pgdb.start();
    await waitFor('readiness to turn true again', async () => (await readiness(n.url)) === 200);
    running = false;
    await traffic;

    // Back to exact answers with no restart of the node.
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: live.accessToken }))).Username, 'bob');
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: dead.accessToken })), /Access Token has been revoked/);
    await assert.rejects(refresh(idp, w.clientId, dead.refreshToken), /Refresh Token has been revoked/);
    const again = await signIn(idp, w.clientId, 'alice');
    assert.equal((await idp.send(new GetUserCommand({ AccessToken: again.accessToken }))).Username, 'alice');

    assert.equal(tally.revokedAccepted, 0, 'a revoked token was accepted');
    assert.deepEqual(tally.other, [], 'every failure is a clean 500 or the revocation');
    assert.ok(tally.unavailable > 0 && tally.liveAccepted > 0 && tally.refusedAsRevoked > 0, JSON.stringify(tally));
    assert.equal(n.proc.exitCode, null, 'the node never crashed');
    assert.doesNotMatch(n.stderr(), /\n\s+at /, 'no stack traces in the log while the database was away');
  });
});

describe('kill -9 of a node under load', { needs: ['postgres'] }, () => {
  let schema: TestSchema;
  const nodes: ChildServer[] = [];
  before(async () => {
    schema = await createTestSchema('kill');
  });
  after(async () => {
    for (const n of nodes) await kill9(n);
    await schema?.drop();
  });

  it('loses no user or sign-out the killed node acknowledged', async () => {
    const env = { COGNATE_MASTER_KEY: randomBytes(32).toString('base64') };
    // One deployment: the same master key and the same public URL (the tokens' issuer) on every node.
    const args = ['--database', schema.url, '--public-url', 'https://auth.cognate.test'];
    const a = await startChildServer(undefined, args, env);
    nodes.push(a);
    const b = await startChildServer(undefined, args, env);
    nodes.push(b);
    const idpA = client(a);
    const idpB = client(b);
    const w = await world(idpB);
    // Sessions to end through A, made on B: one per user for global sign-out, several of alice's for RevokeToken.
    const users = Array.from({ length: 24 }, (_, i) => `u${i}`);
    for (const u of users) await createUser(idpB, w.poolId, u);
    const toSignOut = await Promise.all(users.map((u) => signIn(idpB, w.clientId, u)));
    const toRevoke = await Promise.all(Array.from({ length: 24 }, () => signIn(idpB, w.clientId, 'alice')));

    const acked = { created: [] as string[], signedOut: [] as string[], revoked: [] as string[] };
    let next = 0;
    let stop = false;
    let killed = false;
    const unexpected: string[] = [];
    const worker = async (id: number) => {
      for (let i = 0; !stop; i++) {
        const k = next++;
        try {
          const name = `new-${id}-${i}`;
          await idpA.send(new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: name, MessageAction: 'SUPPRESS' }));
          acked.created.push(name);
          const so = toSignOut[k];
          if (so) {
            await idpA.send(new GlobalSignOutCommand({ AccessToken: so.accessToken }));
            acked.signedOut.push(so.accessToken);
          }
          const rv = toRevoke[k];
          if (rv) {
            await idpA.send(new RevokeTokenCommand({ ClientId: w.clientId, Token: rv.refreshToken }));
            acked.revoked.push(rv.refreshToken);
          }
        } catch (e) {
          if (!killed) unexpected.push(`${(e as Error).name}: ${(e as Error).message}`);
          return; // the node is gone
        }
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, i) => worker(i)));
    await waitFor(
      'load to be acknowledged',
      async () => {
        assert.deepEqual(unexpected, [], 'no request fails before the kill');
        return acked.signedOut.length >= 8 && acked.created.length >= 12;
      },
      60_000,
    );
    killed = true;
    await kill9(a); // mid-load: requests are in flight
    stop = true;
    await load;

    // Every acknowledged change is on the other node.
    assert.ok(acked.created.length >= 12);
    for (const name of acked.created) {
      assert.equal((await idpB.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: name }))).Username, name);
    }
    for (const token of acked.signedOut) {
      await assert.rejects(idpB.send(new GetUserCommand({ AccessToken: token })), /Access Token has been revoked/);
    }
    const revokedGrants = toRevoke.filter((s) => acked.revoked.includes(s.refreshToken));
    for (const s of revokedGrants) {
      await assert.rejects(refresh(idpB, w.clientId, s.refreshToken), /Refresh Token has been revoked/);
      await assert.rejects(idpB.send(new GetUserCommand({ AccessToken: s.accessToken })), /Access Token has been revoked/);
    }
  });
});

describe('a full pool and a blocked statement are bounded by timeouts', { needs: ['postgres'] }, () => {
  let schema: TestSchema;
  before(async () => {
    schema = await createTestSchema('timeouts');
  });
  after(async () => {
    await schema?.drop();
  });

  it('requests fail with a clean 500 within the configured timeouts, then succeed once the lock is gone', async () => {
    const server = await startTestServer({
      database: schema.url,
      databasePoolSize: 1,
      databaseConnectTimeoutMs: 400,
      databaseStatementTimeoutMs: 400,
    });
    const locker = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    try {
      const idp = idpClient(server);
      const w = await world(idp);
      const s = await signIn(idp, w.clientId, 'alice');
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${schema.schema}.grants IN ACCESS EXCLUSIVE MODE`);

      // One request holds the only pooled connection, blocked on the lock until the statement timeout; the
      // others wait for a connection until the connect timeout. Nothing hangs.
      const t0 = Date.now();
      await Promise.all(Array.from({ length: 4 }, () => unavailable(idp.send(new GetUserCommand({ AccessToken: s.accessToken })))));
      const took = Date.now() - t0;
      assert.ok(took < 15_000, `bounded by the timeouts (took ${took} ms)`);

      await locker.query('ROLLBACK');
      assert.equal((await idp.send(new GetUserCommand({ AccessToken: s.accessToken }))).Username, 'alice');
    } finally {
      await locker.end().catch(() => {});
      await server.stop();
    }
  });
});
