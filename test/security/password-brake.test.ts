/**
 * Pins the lost-update race on the wrong-password brake: the consecutive-failure count lived in the user
 * record (read, incremented, written back), so concurrent wrong passwords each read the same count and
 * each got a password check — 40 concurrent guesses were 40 checks where Cognito allows five before its
 * temporary lock-out. The count is now one atomic store statement per attempt, taken before the password
 * is judged, on every sign-in path that checks a password, across `--workers 2`, across PostgreSQL nodes
 * and across restarts. A right password resets it, as in Cognito.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  AdminInitiateAuthCommand,
  type AuthFlowType,
  ChangePasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { newAccessKeyId, newSecretAccessKey } from '../../src/domain/ids.ts';
import { CHILD_ROOT_KEYS, type Cluster, freePort, startCluster, stopCluster } from '../helpers/child-server.ts';
import { createClient, createPool, createUser, PASSWORD, signIn } from '../helpers/fixtures.ts';
import { createTestSchema, type TestSchema } from '../helpers/postgres.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { after, before, describe, it } from '../helpers/tools.ts';
import { Browser, CALLBACK, hiddenInputs, oauthWorld } from '../integration/managed-login-helpers.ts';
import { SrpAttempt, srpTimestamp } from '../integration/srp-client.ts';

const WRONG = 'Wrong-Horse-1';
const INCORRECT = 'Incorrect username or password.';
const EXCEEDED = 'Password attempts exceeded';
/** Cognito's brake: five wrong passwords, then a lock of 2^(n-5) s (1 s after the fifth). */
const FREE = 5;
const FIRST_LOCK_MS = 1000;
const FLOWS = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

type Outcome = 'ok' | 'incorrect' | 'exceeded';

/** What a sign-in attempt came to; anything but the three expected answers fails the test. */
async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    const err = e as Error;
    assert.equal(err.name, 'NotAuthorizedException', `${err.name}: ${err.message}`);
    if (err.message === INCORRECT) return 'incorrect';
    if (err.message === EXCEEDED) return 'exceeded';
    throw new Error(`unexpected message: ${err.message}`);
  }
}

function tally(xs: Outcome[]): Partial<Record<Outcome, number>> {
  const t: Partial<Record<Outcome, number>> = {};
  for (const x of xs) t[x] = (t[x] ?? 0) + 1;
  return t;
}

/** Runs every prepared attempt at once. */
async function burst(attempts: (() => Promise<Outcome>)[]): Promise<Partial<Record<Outcome, number>>> {
  return tally(await Promise.all(attempts.map((a) => a())));
}

/** A sign-in path: `prepare` does everything up to the password check and returns the judged step. */
interface SignInPath {
  name: string;
  prepare(username: string, password: string): Promise<() => Promise<Outcome>>;
}

describe('the wrong-password brake on one server (SQLite)', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;
  let hiddenClientId: string;
  let web: Awaited<ReturnType<typeof oauthWorld>>;
  let users = 0;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    poolId = await createPool(idp, 'brake');
    clientId = (await createClient(idp, poolId, { ExplicitAuthFlows: FLOWS })).ClientId;
    hiddenClientId = (await createClient(idp, poolId, { ExplicitAuthFlows: FLOWS, PreventUserExistenceErrors: 'ENABLED' })).ClientId;
    web = await oauthWorld(idp, 'brake-login');
  });
  after(() => server.stop());

  /** A fresh user in the API pool (or the managed-login pool). */
  async function freshUser(inPool = poolId): Promise<string> {
    const name = `user${++users}`;
    await createUser(idp, inPool, name);
    return name;
  }

  const initiate = (AuthFlow: AuthFlowType, AuthParameters: Record<string, string>, ClientId = clientId) =>
    idp.send(new InitiateAuthCommand({ ClientId, AuthFlow, AuthParameters }));
  const adminInitiate = (AuthFlow: AuthFlowType, AuthParameters: Record<string, string>) =>
    idp.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow, AuthParameters }));

  const apiPaths: SignInPath[] = [
    {
      name: 'USER_PASSWORD_AUTH',
      prepare: async (u, p) => () => outcome(initiate('USER_PASSWORD_AUTH', { USERNAME: u, PASSWORD: p })),
    },
    {
      name: 'ADMIN_USER_PASSWORD_AUTH',
      prepare: async (u, p) => () => outcome(adminInitiate('ADMIN_USER_PASSWORD_AUTH', { USERNAME: u, PASSWORD: p })),
    },
    {
      name: 'ADMIN_NO_SRP_AUTH',
      prepare: async (u, p) => () => outcome(adminInitiate('ADMIN_NO_SRP_AUTH', { USERNAME: u, PASSWORD: p })),
    },
    {
      name: 'USER_AUTH with PREFERRED_CHALLENGE=PASSWORD',
      prepare: async (u, p) => () => outcome(initiate('USER_AUTH', { USERNAME: u, PASSWORD: p, PREFERRED_CHALLENGE: 'PASSWORD' })),
    },
    {
      name: 'USER_AUTH, SELECT_CHALLENGE answered PASSWORD',
      prepare: async (u, p) => {
        const c = await initiate('USER_AUTH', { USERNAME: u });
        assert.equal(c.ChallengeName, 'SELECT_CHALLENGE');
        return () =>
          outcome(
            idp.send(
              new RespondToAuthChallengeCommand({
                ClientId: clientId,
                ChallengeName: 'SELECT_CHALLENGE',
                Session: c.Session,
                ChallengeResponses: { USERNAME: u, ANSWER: 'PASSWORD', PASSWORD: p },
              }),
            ),
          );
      },
    },
    {
      name: 'USER_SRP_AUTH, PASSWORD_VERIFIER',
      prepare: async (u, p) => {
        const attempt = new SrpAttempt(poolId);
        const c = await initiate('USER_SRP_AUTH', { USERNAME: u, SRP_A: await attempt.srpA() });
        const answer = await attempt.answer(c.ChallengeParameters as Record<string, string>, p, srpTimestamp(server.clock.now()));
        return () =>
          outcome(
            idp.send(
              new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer }),
            ),
          );
      },
    },
    {
      name: 'USER_AUTH, PASSWORD_SRP then PASSWORD_VERIFIER',
      prepare: async (u, p) => {
        const attempt = new SrpAttempt(poolId);
        const c = await initiate('USER_AUTH', { USERNAME: u, PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: await attempt.srpA() });
        assert.equal(c.ChallengeName, 'PASSWORD_VERIFIER');
        const answer = await attempt.answer(c.ChallengeParameters as Record<string, string>, p, srpTimestamp(server.clock.now()));
        return () =>
          outcome(
            idp.send(
              new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer }),
            ),
          );
      },
    },
  ];

  /** The managed-login sign-in form, each attempt from its own browser. */
  const loginPage: SignInPath = {
    name: 'managed login sign-in form',
    prepare: async (u, p) => {
      const b = new Browser(server.url);
      const q = new URLSearchParams({ client_id: web.web.ClientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' });
      const first = await b.get(`/oauth2/authorize?${q}`);
      assert.equal(first.status, 302);
      const form = hiddenInputs(await (await b.get(first.headers.get('location') as string)).text());
      return async () => {
        const res = await b.post('/login', { ...form, username: u, password: p });
        if (res.status === 302) return 'ok';
        const html = await res.text();
        assert.equal(res.status, 400, html);
        if (html.includes(EXCEEDED)) return 'exceeded';
        if (html.includes(INCORRECT)) return 'incorrect';
        throw new Error(`unexpected page: ${html}`);
      };
    },
  };

  /**
   * 20 concurrent wrong passwords on a fresh user: exactly five are checked (and answered "Incorrect
   * username or password."), the rest refused unchecked; even the right password is refused until the
   * one-second lock ends, and then accepted — which a count above five (a lock of 2 s or more) would not
   * allow. A success resets the count: the next wrong password is an ordinary one again.
   */
  async function brakeHolds(path: SignInPath, username: string): Promise<void> {
    server.clock.freeze();
    try {
      const attempts = [];
      for (let i = 0; i < 20; i++) attempts.push(await path.prepare(username, WRONG));
      const rightTooSoon = await path.prepare(username, PASSWORD);
      const rightLater = await path.prepare(username, PASSWORD);
      const wrongAfterReset = await path.prepare(username, WRONG);
      assert.deepEqual(await burst(attempts), { incorrect: FREE, exceeded: 20 - FREE }, path.name);
      assert.equal(await rightTooSoon(), 'exceeded', `${path.name}: the right password during the lock`);
      server.clock.advance(FIRST_LOCK_MS);
      assert.equal(await rightLater(), 'ok', `${path.name}: the right password once the lock ended`);
      assert.equal(await wrongAfterReset(), 'incorrect', `${path.name}: the count starts over after a success`);
    } finally {
      server.clock.thaw();
    }
  }

  for (const path of apiPaths) {
    it(`${path.name}: 20 concurrent wrong passwords get exactly ${FREE} checks`, async () => {
      await brakeHolds(path, await freshUser());
    });
  }

  it(`${loginPage.name}: 20 concurrent wrong passwords get exactly ${FREE} checks`, async () => {
    await brakeHolds(loginPage, await freshUser(web.poolId));
  });

  it('24 concurrent sign-ins with the right password all succeed: checks in flight never lock their own user out', async () => {
    const name = await freshUser();
    const results = await Promise.all(Array.from({ length: 24 }, () => outcome(signIn(idp, clientId, name))));
    assert.deepEqual(results, Array(24).fill('ok'));
    // And the count started over: five wrong passwords are still five ordinary refusals.
    const wrong = [];
    for (let i = 0; i < FREE; i++) wrong.push(await outcome(signIn(idp, clientId, name, WRONG)));
    assert.deepEqual(wrong, Array(FREE).fill('incorrect'));
  });

  it('the paths share one count per user: wrong passwords by different flows add up', async () => {
    const u = await freshUser();
    server.clock.freeze();
    try {
      const mixed = [];
      for (let i = 0; i < 21; i++) mixed.push(await (apiPaths[i % apiPaths.length] as SignInPath).prepare(u, WRONG));
      assert.deepEqual(await burst(mixed), { incorrect: FREE, exceeded: 21 - FREE });
    } finally {
      server.clock.thaw();
    }
  });

  it('40 concurrent wrong passwords, then the lock grows: 1 s after the fifth failure, 2 s after the sixth', async () => {
    const u = await freshUser();
    server.clock.freeze();
    try {
      const wrong = () => outcome(initiate('USER_PASSWORD_AUTH', { USERNAME: u, PASSWORD: WRONG }));
      const right = () => outcome(initiate('USER_PASSWORD_AUTH', { USERNAME: u, PASSWORD: PASSWORD }));
      assert.deepEqual(await burst(Array.from({ length: 40 }, () => wrong)), { incorrect: FREE, exceeded: 40 - FREE });
      server.clock.advance(FIRST_LOCK_MS);
      // The sixth counted failure: Cognito answers it as attempts exceeded, and locks for 2 s.
      assert.equal(await wrong(), 'exceeded');
      server.clock.advance(2 * FIRST_LOCK_MS - 1);
      assert.equal(await right(), 'exceeded', 'still locked 1 ms before the 2 s lock ends');
      server.clock.advance(1);
      assert.equal(await right(), 'ok');
    } finally {
      server.clock.thaw();
    }
  });

  it('an unknown user behind PreventUserExistenceErrors=ENABLED brakes exactly like a real one', async () => {
    server.clock.freeze();
    try {
      const real = await freshUser();
      const guess = (u: string) => () => outcome(initiate('USER_PASSWORD_AUTH', { USERNAME: u, PASSWORD: WRONG }, hiddenClientId));
      const realTally = await burst(Array.from({ length: 20 }, () => guess(real)));
      const ghostTally = await burst(Array.from({ length: 20 }, () => guess('nobody-here')));
      assert.deepEqual(realTally, { incorrect: FREE, exceeded: 20 - FREE });
      assert.deepEqual(ghostTally, realTally);
    } finally {
      server.clock.thaw();
    }
  });

  it('ChangePassword: wrong previous passwords count toward the same brake', async () => {
    const u = await freshUser();
    const { accessToken } = await signIn(idp, clientId, u);
    server.clock.freeze();
    try {
      const change = () =>
        outcome(
          idp.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: WRONG, ProposedPassword: 'Another-Pass-7' })),
        );
      assert.deepEqual(await burst(Array.from({ length: 20 }, () => change)), { incorrect: FREE, exceeded: 20 - FREE });
      assert.equal(await outcome(initiate('USER_PASSWORD_AUTH', { USERNAME: u, PASSWORD })), 'exceeded', 'sign-in is locked too');
    } finally {
      server.clock.thaw();
    }
  });

  it('a restart keeps the count', async () => {
    const u = await freshUser();
    server.clock.freeze();
    try {
      const wrong = () =>
        outcome(
          idpClient(server).send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: 'USER_PASSWORD_AUTH',
              AuthParameters: { USERNAME: u, PASSWORD: WRONG },
            }),
          ),
        );
      assert.deepEqual(await burst(Array.from({ length: 3 }, () => wrong)), { incorrect: 3 });
      server = await server.restart();
      assert.deepEqual(await burst(Array.from({ length: 10 }, () => wrong)), { incorrect: FREE - 3, exceeded: 10 - (FREE - 3) });
      const right = await outcome(
        idpClient(server).send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: u, PASSWORD } }),
        ),
      );
      assert.equal(right, 'exceeded');
    } finally {
      server.clock.thaw();
      idp = idpClient(server);
    }
  });
});

/** The brake rows of a data dir's SQLite store (read-only, beside the running server). */
function brakeRows(dataDir: string): { count: number; locked_until: number }[] {
  const db = new Database(join(dataDir, 'cognate.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT count, locked_until FROM attempt_limits WHERE key LIKE 'password:%'").all() as {
      count: number;
      locked_until: number;
    }[];
  } finally {
    db.close();
  }
}

describe('the wrong-password brake across --workers 2 and a restart', () => {
  let child: Cluster;
  before(async () => {
    child = await startCluster(mkdtempSync(join(tmpdir(), 'cognate-brake-')), await freePort());
  });
  after(async () => {
    await stopCluster(child);
    rmSync(child.dataDir, { recursive: true, force: true });
  });

  // A fresh client per call: its own connection, so both workers take the attempts.
  const client = () =>
    new CognitoIdentityProviderClient({ endpoint: child.url, region: 'us-east-1', credentials: CHILD_ROOT_KEYS, maxAttempts: 1 });
  const attempt = (clientId: string, password: string) =>
    outcome(
      client().send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice', PASSWORD: password },
        }),
      ),
    );

  it(`40 concurrent wrong passwords over both workers: exactly ${FREE} checks; the count survives a restart`, async () => {
    const idp = client();
    const poolId = await createPool(idp, 'cluster');
    const clientId = (await createClient(idp, poolId)).ClientId;
    await createUser(idp, poolId, 'alice');

    assert.deepEqual(await burst(Array.from({ length: 40 }, () => () => attempt(clientId, WRONG))), {
      incorrect: FREE,
      exceeded: 40 - FREE,
    });
    const [row] = brakeRows(child.dataDir);
    assert.ok(row, 'the count is in the store');
    assert.ok(row.count >= FREE);

    await stopCluster(child);
    child = await startCluster(child.dataDir, Number(new URL(child.url).port));
    const [kept] = brakeRows(child.dataDir);
    assert.deepEqual(kept, row, 'the restart kept the count and the lock');
    // Once the lock has passed, the next wrong password is a further counted failure ("attempts
    // exceeded", a 2 s lock or longer), not the first of a fresh count.
    await new Promise((r) => setTimeout(r, Math.max(0, (kept?.locked_until ?? 0) - Date.now() + 50)));
    assert.equal(await attempt(clientId, WRONG), 'exceeded');
    const [after1] = brakeRows(child.dataDir);
    assert.equal(after1?.count, (kept?.count ?? 0) + 1);
    assert.ok((after1?.locked_until ?? 0) - Date.now() > 500, 'locked again');
    assert.equal(await attempt(clientId, PASSWORD), 'exceeded', 'the right password waits for the lock');
  });
});

describe('the wrong-password brake across PostgreSQL nodes', { needs: ['postgres'] }, () => {
  let schema: TestSchema;
  let a: TestServer;
  let b: TestServer;
  const shared = {
    rootAccessKeyId: newAccessKeyId('AKIA'),
    rootSecretAccessKey: newSecretAccessKey(),
    publicUrl: 'https://auth.cognate.test',
  };

  before(async () => {
    process.env.COGNATE_MASTER_KEY = randomBytes(32).toString('base64');
    schema = await createTestSchema('brake');
    a = await startTestServer({ database: schema.url, ...shared });
    // One clock for both nodes, so the test can hold the lock still on both.
    b = await startTestServer({ database: schema.url, ...shared }, a.clock);
  });
  after(async () => {
    a.clock.thaw();
    await a?.stop();
    await b?.stop();
    await schema?.drop();
  });

  it('24 concurrent right-password sign-ins spread over two nodes all succeed', async () => {
    const idpA = idpClient(a);
    const idpB = idpClient(b);
    const poolId = await createPool(idpA, 'nodes-right');
    const clientId = (await createClient(idpA, poolId)).ClientId;
    await createUser(idpA, poolId, 'carol');
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => outcome(signIn(i % 2 ? idpA : idpB, clientId, 'carol'))));
    assert.deepEqual(results, Array(24).fill('ok'));
  });

  it(`40 concurrent wrong passwords spread over two nodes: exactly ${FREE} checks; a restarted node keeps the count`, async () => {
    assert.equal(a.app.store.kind, 'postgres');
    const idp = idpClient(a);
    const poolId = await createPool(idp, 'nodes');
    const clientId = (await createClient(idp, poolId)).ClientId;
    await createUser(idp, poolId, 'alice');
    await createUser(idp, poolId, 'bob');
    const attempt = (node: TestServer, username: string, password: string) =>
      outcome(
        idpClient(node).send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: username, PASSWORD: password },
          }),
        ),
      );
    a.clock.freeze();
    assert.deepEqual(await burst(Array.from({ length: 40 }, (_, i) => () => attempt(i % 2 ? b : a, 'alice', WRONG))), {
      incorrect: FREE,
      exceeded: 40 - FREE,
    });
    assert.equal(await attempt(b, 'alice', PASSWORD), 'exceeded');
    a.clock.advance(FIRST_LOCK_MS);
    assert.equal(await attempt(a, 'alice', PASSWORD), 'ok', 'a count of exactly five: a 1 s lock');

    // Three failures on one node, a restart of that node, then the rest on both.
    assert.deepEqual(await burst(Array.from({ length: 3 }, () => () => attempt(a, 'bob', WRONG))), { incorrect: 3 });
    a = await a.restart();
    assert.deepEqual(await burst(Array.from({ length: 10 }, (_, i) => () => attempt(i % 2 ? b : a, 'bob', WRONG))), {
      incorrect: FREE - 3,
      exceeded: 10 - (FREE - 3),
    });
    assert.equal(await attempt(a, 'bob', PASSWORD), 'exceeded');
  });
});
