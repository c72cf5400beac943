/**
 * Pins finding 2 (unlimited code guessing: every ForgotPassword issued a fresh code with a fresh attempt
 * budget, 1,295 codes and 6,475 guesses in 20 s). Code requests and wrong codes are limited per user, across
 * codes, atomically under concurrency, across `--workers 2` and across restarts; the outbox is bounded.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { FileOutbox, OUTBOX_MEMORY_LIMIT } from '../../src/domain/outbox.ts';
import { LIMITS } from '../../src/domain/limits.ts';
import { CHILD_ROOT_KEYS, type Cluster, freePort, startCluster, stopCluster } from '../helpers/child-server.ts';
import { createClient, createPool, createUser, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const EXCEEDED = 'Attempt limit exceeded, please try after some time.';
const NEW_PASSWORD = 'Brand-New-Pass-7';

/** The error name of a rejected call, or 'ok'. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    if (err.name === 'LimitExceededException') assert.equal(err.message, EXCEEDED);
    assert.ok((err.$metadata?.httpStatusCode ?? 0) < 500, `${err.name}: ${err.message}`);
    return err.name;
  }
}

function tally(names: string[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const n of names) t[n] = (t[n] ?? 0) + 1;
  return t;
}

function wrongCodeFor(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

describe('code limits (in-process server)', () => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof world>>;
  let idp: CognitoIdentityProviderClient;
  let ClientId: string;
  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    w = await world(idp);
    for (const u of ['req', 'guess', 'race', 'racereq']) await createUser(idp, w.poolId, u);
    // Signed set-up first: later tests move the server clock past the SigV4 window.
    const poolId = await createPool(idp, 'verifying', { AutoVerifiedAttributes: ['email'] });
    ClientId = (await createClient(idp, poolId)).ClientId;
  });
  after(() => server.stop());

  const lastCode = (username: string, kind: string) =>
    server.app.outbox
      .recent()
      .filter((m) => m.username === username && m.kind === kind)
      .at(-1)?.code as string;

  it(`ForgotPassword: ${LIMITS.codeRequests.max} requests per user per hour, then LimitExceededException until the window ends`, async () => {
    for (let i = 0; i < LIMITS.codeRequests.max; i++) {
      assert.equal(await outcome(idp.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'req' }))), 'ok');
    }
    const sent = server.app.outbox.recent().length;
    assert.equal(await outcome(idp.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'req' }))), 'LimitExceededException');
    assert.equal(server.app.outbox.recent().length, sent, 'no code sent past the limit');
    // Another user is not affected.
    assert.equal(await outcome(idp.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'guess' }))), 'ok');
    server.clock.advance(LIMITS.codeRequests.windowMs);
    assert.equal(await outcome(idp.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'req' }))), 'ok');
  });

  it('wrong codes count across codes: asking for a fresh code buys no fresh guesses', async () => {
    await idp.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'guess' }));
    for (let i = 0; i < LIMITS.wrongCodes.max; i++) {
      // A fresh code before every guess (up to the request limit) used to reset the budget.
      if (i < 3) await idp.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'guess' }));
      const code = lastCode('guess', 'forgot-password-code');
      const r = await outcome(
        idp.send(
          new ConfirmForgotPasswordCommand({
            ClientId: w.clientId,
            Username: 'guess',
            ConfirmationCode: wrongCodeFor(code),
            Password: NEW_PASSWORD,
          }),
        ),
      );
      assert.equal(r, 'CodeMismatchException');
    }
    const code = lastCode('guess', 'forgot-password-code');
    const r = await outcome(
      idp.send(
        new ConfirmForgotPasswordCommand({ ClientId: w.clientId, Username: 'guess', ConfirmationCode: code, Password: NEW_PASSWORD }),
      ),
    );
    assert.equal(r, 'LimitExceededException', 'even the right code waits for the window');
    server.clock.advance(LIMITS.wrongCodes.windowMs);
    await idp.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'guess' }));
    const fresh = lastCode('guess', 'forgot-password-code');
    assert.equal(
      await outcome(
        idp.send(
          new ConfirmForgotPasswordCommand({ ClientId: w.clientId, Username: 'guess', ConfirmationCode: fresh, Password: NEW_PASSWORD }),
        ),
      ),
      'ok',
    );
  });

  it('40 concurrent wrong guesses: exactly the limit are judged, the rest are LimitExceededException', async () => {
    await idp.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'race' }));
    const code = lastCode('race', 'forgot-password-code');
    const guesses = Array.from({ length: 40 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const results = await Promise.all(
      guesses.map((g) =>
        outcome(
          idp.send(
            new ConfirmForgotPasswordCommand({ ClientId: w.clientId, Username: 'race', ConfirmationCode: g, Password: NEW_PASSWORD }),
          ),
        ),
      ),
    );
    assert.deepEqual(tally(results), { CodeMismatchException: LIMITS.wrongCodes.max, LimitExceededException: 40 - LIMITS.wrongCodes.max });
  });

  it('20 concurrent ForgotPassword calls: exactly the limit send a code', async () => {
    const before = server.app.outbox.recent().filter((m) => m.username === 'racereq').length;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => outcome(idp.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'racereq' })))),
    );
    assert.deepEqual(tally(results), { ok: LIMITS.codeRequests.max, LimitExceededException: 20 - LIMITS.codeRequests.max });
    assert.equal(server.app.outbox.recent().filter((m) => m.username === 'racereq').length - before, LIMITS.codeRequests.max);
  });

  it('ResendConfirmationCode and ConfirmSignUp are limited the same way', async () => {
    await idp.send(
      new SignUpCommand({
        ClientId,
        Username: 'newbie',
        Password: 'Passw0rd!x1A',
        UserAttributes: [{ Name: 'email', Value: 'n@example.com' }],
      }),
    );
    const results: string[] = [];
    for (let i = 0; i < LIMITS.codeRequests.max + 2; i++) {
      results.push(await outcome(idp.send(new ResendConfirmationCodeCommand({ ClientId, Username: 'newbie' }))));
    }
    assert.deepEqual(tally(results), { ok: LIMITS.codeRequests.max, LimitExceededException: 2 });
    const code = lastCode('newbie', 'signup-code');
    for (let i = 0; i < LIMITS.wrongCodes.max; i++) {
      assert.equal(
        await outcome(idp.send(new ConfirmSignUpCommand({ ClientId, Username: 'newbie', ConfirmationCode: wrongCodeFor(code) }))),
        'CodeMismatchException',
      );
    }
    assert.equal(
      await outcome(idp.send(new ConfirmSignUpCommand({ ClientId, Username: 'newbie', ConfirmationCode: code }))),
      'LimitExceededException',
    );
  });
});

describe('code limits hold across --workers 2 and a restart', () => {
  let child: Cluster;
  const rootKeys = CHILD_ROOT_KEYS;
  before(async () => {
    child = await startCluster(mkdtempSync(join(tmpdir(), 'cognate-cluster-')), await freePort());
  });
  after(async () => {
    await stopCluster(child);
    rmSync(child.dataDir, { recursive: true, force: true });
  });

  function client(url: string): CognitoIdentityProviderClient {
    return new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials: rootKeys, maxAttempts: 1 });
  }

  it('concurrent requests spread over both workers share one budget, and a restart keeps it', async () => {
    const idp = client(child.url);
    const w = await world(idp);
    // Separate connections (a fresh client each) so both workers take requests.
    const requests = await Promise.all(
      Array.from({ length: 16 }, () =>
        outcome(client(child.url).send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'alice' }))),
      ),
    );
    assert.deepEqual(tally(requests), { ok: LIMITS.codeRequests.max, LimitExceededException: 16 - LIMITS.codeRequests.max });
    const outbox = readFileSync(join(child.dataDir, 'outbox.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const code = outbox.filter((m) => m.kind === 'forgot-password-code').at(-1).code as string;
    const guesses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        outcome(
          client(child.url).send(
            new ConfirmForgotPasswordCommand({
              ClientId: w.clientId,
              Username: 'alice',
              ConfirmationCode: String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
              Password: NEW_PASSWORD,
            }),
          ),
        ),
      ),
    );
    assert.deepEqual(tally(guesses), { CodeMismatchException: LIMITS.wrongCodes.max, LimitExceededException: 16 - LIMITS.wrongCodes.max });

    await stopCluster(child);
    child = await startCluster(child.dataDir, Number(new URL(child.url).port));
    const after1 = await outcome(client(child.url).send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'alice' })));
    assert.equal(after1, 'LimitExceededException');
    const after2 = await outcome(
      client(child.url).send(
        new ConfirmForgotPasswordCommand({ ClientId: w.clientId, Username: 'alice', ConfirmationCode: code, Password: NEW_PASSWORD }),
      ),
    );
    assert.equal(after2, 'LimitExceededException');
  });
});

describe('the outbox is bounded', () => {
  it(`keeps ${OUTBOX_MEMORY_LIMIT} messages in memory and rotates the file at its size limit`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-outbox-'));
    const limit = 64 * 1024;
    const outbox = new FileOutbox(dir, () => {}, limit);
    for (let i = 0; i < 3000; i++) {
      outbox.deliver({
        at: 'now',
        poolId: 'p',
        username: `u${i}`,
        medium: 'EMAIL',
        destination: 'a@b.c',
        kind: 'signup-code',
        code: '123456',
      });
    }
    assert.equal(outbox.recent().length, OUTBOX_MEMORY_LIMIT);
    assert.equal(outbox.recent().at(-1)?.username, 'u2999');
    assert.ok(statSync(join(dir, 'outbox.jsonl')).size <= limit);
    assert.ok(statSync(join(dir, 'outbox.jsonl.1')).size <= limit);
    assert.equal(statSync(join(dir, 'outbox.jsonl')).mode & 0o777, 0o600);
    const last = readFileSync(join(dir, 'outbox.jsonl'), 'utf8').trim().split('\n').at(-1) as string;
    assert.equal(JSON.parse(last).username, 'u2999');
  });
});
