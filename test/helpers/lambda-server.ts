/**
 * A small AWS Lambda Invoke API server for tests: `POST /2015-03-31/functions/{FunctionName}/invocations`
 * with RequestResponse. It verifies the SigV4 signature it receives (service `lambda`) over the bytes it
 * got, runs the named function's module (handler(event, context)) and answers as Lambda does: 200 with
 * the result, or 200 + `X-Amz-Function-Error: Unhandled` with `{errorType, errorMessage}`; unknown
 * functions get 404 ResourceNotFoundException. Tests can also make it answer raw bytes.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { RootKeys } from '../../src/domain/credentials.ts';
import { verifySigV4 } from '../../src/protocol/sigv4.ts';

export const LAMBDA_KEYS = { accessKeyId: 'AKIALAMBDATEST000001', secretAccessKey: 'lambda-test-secret-key-0000000000000000' };

export interface LambdaServer {
  url: string;
  /** Every request, with whether its signature verified. */
  requests: { path: string; signed: boolean; invocationType: string | undefined; credentialScope: string }[];
  /** When set for an ARN, the server answers these bytes instead of running the function. */
  raw: Map<string, { status: number; body: string; headers?: Record<string, string> }>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startLambdaServer(modules: Map<string, string>): Promise<LambdaServer> {
  const keys = new RootKeys(LAMBDA_KEYS.accessKeyId, LAMBDA_KEYS.secretAccessKey, '123456789012');
  const requests: LambdaServer['requests'] = [];
  const raw: LambdaServer['raw'] = new Map();
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, payload: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload);
    };
    const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
    const auth = String(req.headers.authorization ?? '');
    const entry = {
      path: url.pathname,
      signed: false,
      invocationType: req.headers['x-amz-invocation-type'] as string | undefined,
      credentialScope: /Credential=[^/]+\/\d{8}\/([^,]+)/.exec(auth)?.[1] ?? '',
    };
    requests.push(entry);
    try {
      await verifySigV4(
        { method: req.method ?? 'POST', path: url.pathname, query: {}, headers: req.headers, body },
        { region: 'us-east-1', service: 'lambda', now: Date.now(), keys },
      );
      entry.signed = true;
    } catch (e) {
      return send(403, JSON.stringify({ message: (e as Error).message }), { 'x-amzn-errortype': (e as Error).name });
    }
    if (!m || req.method !== 'POST')
      return send(404, JSON.stringify({ message: 'not found' }), { 'x-amzn-errortype': 'ResourceNotFoundException' });
    const arn = decodeURIComponent(m[1] ?? '');
    const canned = raw.get(arn);
    if (canned) return send(canned.status, canned.body, canned.headers);
    const file = modules.get(arn);
    if (!file) {
      return send(404, JSON.stringify({ Type: 'User', message: `Function not found: ${arn}` }), {
        'x-amzn-errortype': 'ResourceNotFoundException',
      });
    }
    const mod = (await import(pathToFileURL(file).href)) as { handler: (e: unknown, c: unknown) => unknown };
    try {
      const result = await mod.handler(JSON.parse(body.toString('utf8')), { invokedFunctionArn: arn, functionName: arn.split(':').pop() });
      send(200, JSON.stringify(result ?? null));
    } catch (e) {
      send(200, JSON.stringify({ errorType: (e as Error).name, errorMessage: (e as Error).message }), {
        'x-amz-function-error': 'Unhandled',
      });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    raw,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
