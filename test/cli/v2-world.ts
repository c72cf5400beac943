/**
 * The shared set-up of the AWS CLI v2 differential suites: one real server with a pool, a client and three
 * users, and the helpers that run the same command through /usr/bin/aws (v2) and `cognate` and compare
 * stdout byte for byte, exit codes and stderr. Call inside a `describe`: it registers its own hooks.
 */
import assert from 'node:assert/strict';
import { world } from '../helpers/fixtures.ts';
import { type CliResult, awsEnv, idpClient, run, startTestServer, type TestServer } from '../helpers/server.ts';
import { AWS_V2, after, before } from '../helpers/tools.ts';
import { cognate } from './cognate-helpers.ts';

/** cognate's service-error line carries v2 2.36's `cognate: [ERROR]: ` prefix; Debian's v2 2.9 has none. */
export const unprefixed = (stderr: string) => stderr.replace('\ncognate: [ERROR]: ', '\n');

export interface V2World {
  server: TestServer;
  env: NodeJS.ProcessEnv;
  poolId: string;
  clientId: string;
  v2(args: string[], e?: NodeJS.ProcessEnv): Promise<CliResult>;
  both(args: string[], e?: NodeJS.ProcessEnv): Promise<[CliResult, CliResult]>;
  /** Runs both CLIs, asserts they agree (stdout after `norm`), and returns cognate's result. */
  same(args: string[], e?: NodeJS.ProcessEnv, norm?: (s: string) => string): Promise<CliResult>;
}

export function v2World(): V2World {
  const w = {} as V2World;
  w.v2 = (args, e = w.env) => run(AWS_V2, ['--endpoint-url', w.server.url, ...args], e);
  w.both = (args, e = w.env) => Promise.all([w.v2(args, e), cognate(['--endpoint-url', w.server.url, ...args], e)]);
  w.same = async (args, e = w.env, norm = (s: string) => s) => {
    const [a, c] = await w.both(args, e);
    const what = args.join(' ');
    assert.equal(c.status, a.status, `${what}: exit ${c.status} vs v2 ${a.status}\n${c.stderr}\n${a.stderr}`);
    assert.equal(norm(c.stdout), norm(a.stdout), what);
    assert.equal(unprefixed(c.stderr), a.stderr, what);
    return c;
  };

  before(async () => {
    w.server = await startTestServer();
    // AWS_PAGER unset on purpose: v2 pages only to a terminal, and these outputs go to a pipe.
    w.env = awsEnv(w.server, { AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard' });
    const made = await world(idpClient(w.server));
    w.poolId = made.poolId;
    w.clientId = made.clientId as string;
    for (const name of ['bob', 'carol', 'dave']) {
      const r = await cognate(
        ['--endpoint-url', w.server.url, 'cognito-idp', 'admin-create-user', '--user-pool-id', w.poolId, '--username', name],
        w.env,
      );
      assert.equal(r.status, 0, r.stderr);
    }
  });
  after(() => w.server.stop());
  return w;
}
