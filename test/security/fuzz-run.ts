/**
 * The fuzzing driver shared by the CI suite (test/security/fuzz.test.ts) and `npm run fuzz`: builds a
 * world on a real server, runs systematic and seeded random cases, rebuilds the world whenever an accepted
 * call may have changed it, and reports counts.
 */
import { CognitoIdentityClient, CreateIdentityPoolCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { createClient, createPool, createUser, signIn } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import {
  type FuzzReport,
  type FuzzWorld,
  ciCases,
  emptyReport,
  operations,
  prng,
  randomCase,
  runCase,
  systematicCases,
} from './fuzz-lib.ts';

export async function buildWorld(server: TestServer): Promise<FuzzWorld> {
  const idp = idpClient(server);
  const poolId = await createPool(idp, 'fuzz');
  const { ClientId } = await createClient(idp, poolId);
  await createUser(idp, poolId, 'fuzzer');
  const { accessToken, refreshToken } = await signIn(idp, ClientId, 'fuzzer');
  const ci = new CognitoIdentityClient({ endpoint: server.url, region: 'us-east-1', credentials: server.rootKeys, maxAttempts: 1 });
  const ip = await ci.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'fuzz', AllowUnauthenticatedIdentities: true }));
  const id = await ci.send(new GetIdCommand({ IdentityPoolId: ip.IdentityPoolId }));
  return {
    poolId,
    clientId: ClientId,
    accessToken,
    refreshToken,
    identityPoolId: ip.IdentityPoolId as string,
    identityId: id.IdentityId as string,
  };
}

const READ_ONLY = /^(Get|List|Describe|Lookup)/;

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** First walk every operation × position × basic mutation (long). */
  systematic: boolean;
  /** First run the CI set: every operation × the six basic mutations, plus body and target mutations. */
  perOperation: boolean;
  onProgress?: (r: FuzzReport) => void;
}

/** Runs a fuzzing session against `server` (which it does not stop). */
export async function fuzz(server: TestServer, opts: FuzzOptions): Promise<FuzzReport> {
  const report = emptyReport();
  let world = await buildWorld(server);
  const rand = prng(opts.seed);
  const ops = operations();
  const accept = async (operation: string, accepted: boolean) => {
    // An accepted call may have deleted or signed out what later cases point at.
    if (accepted && !READ_ONLY.test(operation)) world = await buildWorld(server);
  };
  if (opts.perOperation) {
    for (const c of ciCases(world, rand)) await accept(c.operation, await runCase(server, c, report));
  }
  if (opts.systematic) {
    for (const c of systematicCases(world)) await accept(c.operation, await runCase(server, c, report));
  }
  for (let i = 0; i < opts.cases; i++) {
    const c = randomCase(world, rand, ops);
    await accept(c.operation, await runCase(server, c, report));
    if (opts.onProgress && i % 1000 === 999) opts.onProgress(report);
  }
  return report;
}

/** `npm run fuzz -- --cases N --seed S [--systematic]` */
async function main(argv: string[]): Promise<number> {
  const arg = (name: string, dflt: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const cases = arg('--cases', 5000);
  const seed = arg('--seed', 1);
  const systematic = argv.includes('--systematic');
  const server = await startTestServer();
  const t0 = Date.now();
  try {
    const r = await fuzz(server, {
      cases,
      seed,
      systematic,
      perOperation: true,
      onProgress: (p) =>
        process.stderr.write(`  ${p.cases} cases, ${p.serverErrors} ≥500, ${p.storeChangesOnRefusal} store changes on refusal\n`),
    });
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    process.stdout.write(
      `fuzz: ${r.cases} cases (${cases} random, seed ${seed}, plus every operation × the basic mutations${systematic ? ' and the systematic walk' : ''}) over ${r.operations} operations in ${secs} s\n` +
        `  responses ≥ 500:                 ${r.serverErrors}\n` +
        `  store changes on refused calls:  ${r.storeChangesOnRefusal}\n` +
        `  refusals not AWS-shaped:         ${r.malformedErrors}\n` +
        `  refused (4xx):                   ${r.refused} (UnsupportedOperationException: ${r.unsupported})\n` +
        `  accepted (2xx):                  ${r.accepted}\n`,
    );
    for (const f of r.findings.slice(0, 30)) process.stdout.write(`  ! ${f.operation} [${f.mutation.slice(0, 100)}]: ${f.problem}\n`);
    return r.serverErrors + r.storeChangesOnRefusal + r.malformedErrors === 0 ? 0 : 1;
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/test\//, '/test/'))) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
