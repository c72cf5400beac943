// Sign-in with a PreTokenGeneration trigger vs without: the same USER_PASSWORD_AUTH load against three
// pools of one Cognate — no trigger, the trigger as a local module (--lambda-modules: the trigger
// machinery alone), and the trigger behind the Lambda Invoke API (a small server in this process, reached
// through AWS_ENDPOINT_URL_LAMBDA: machinery + SigV4 + one loopback HTTP round trip). Rounds interleave
// the three; the overhead is the throughput lost against the pool without a trigger.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createWorld, sdkFor, signInBody } from './idp.mjs';
import { handler } from './pre-token.mjs';
import { startCognate, tempDir } from './targets.mjs';
import { measureRounds } from './throughput.mjs';

const MODULE_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:bench-pre-token-local';
const API_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:bench-pre-token';

/** A minimal Lambda Invoke API: runs the handler for POST /2015-03-31/functions/{arn}/invocations. */
async function startInvokeApi() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (!/^\/2015-03-31\/functions\/[^/]+\/invocations$/.test(req.url ?? '') || !req.headers.authorization) {
        res.writeHead(403, { 'x-amzn-errortype': 'AccessDeniedException' }).end('{}');
        return;
      }
      const out = JSON.stringify(handler(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

export async function measureTriggers(opts, log) {
  const api = await startInvokeApi();
  const dir = tempDir('triggers');
  mkdirSync(dir, { recursive: true });
  const modules = join(dir, 'functions.json');
  writeFileSync(modules, JSON.stringify({ [MODULE_ARN]: new URL('./pre-token.mjs', import.meta.url).pathname }));
  const cognate = await startCognate({
    label: 'cognate-triggers',
    args: ['--lambda-modules', modules],
    env: { AWS_ENDPOINT_URL_LAMBDA: api.url, AWS_ACCESS_KEY_ID: 'AKIABENCHLAMBDA00001', AWS_SECRET_ACCESS_KEY: 'bench-lambda-secret' },
  });
  try {
    const sdk = sdkFor(cognate.url, cognate.credentials);
    const worlds = {};
    for (const [key, arn] of [
      ['no trigger', undefined],
      ['PreTokenGeneration, local module', MODULE_ARN],
      ['PreTokenGeneration, Lambda Invoke API', API_ARN],
    ]) {
      const w = await createWorld(cognate, { users: 50, prefix: key.startsWith('no') ? 'plain' : arn === MODULE_ARN ? 'mod' : 'api' });
      if (arn) await sdk.send(new UpdateUserPoolCommand({ UserPoolId: w.poolId, LambdaConfig: { PreTokenGeneration: arn } }));
      worlds[key] = w;
    }
    sdk.destroy();
    const entries = Object.entries(worlds).map(([key, w]) => ({
      key,
      url: cognate.url,
      op: 'InitiateAuth',
      bodies: w.names.map((n) => signInBody(w.clientId, n)),
      // The trigger must really have run: the ID token carries its claim.
      probe: (r) => {
        const id = r.body?.AuthenticationResult?.IdToken;
        if (r.status !== 200 || !id) return false;
        const claims = JSON.parse(Buffer.from(id.split('.')[1], 'base64url').toString());
        return key === 'no trigger' ? claims.tenant === undefined : claims.tenant === 'bench-tenant';
      },
    }));
    const out = await measureRounds(entries, { rounds: opts.rounds, durationSec: opts.durationSec, connections: opts.connections, log });
    const base = out['no trigger']?.rps;
    for (const [key, rec] of Object.entries(out)) {
      if (key === 'no trigger' || !rec.rps) continue;
      rec.overheadPct = (1 - rec.rps / base) * 100;
      log(`  ${key}: ${Math.round(rec.rps)} req/s vs ${Math.round(base)} without, overhead ${rec.overheadPct.toFixed(1)}%`);
    }
    return out;
  } finally {
    await cognate.stop();
    await api.close();
  }
}
