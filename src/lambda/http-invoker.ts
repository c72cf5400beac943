/**
 * The AWS Lambda Invoke API client: `POST /2015-03-31/functions/{FunctionName}/invocations` with
 * `X-Amz-Invocation-Type: RequestResponse`, signed with SigV4 for the `lambda` service in the function's
 * region. The endpoint is the configured one (AWS_ENDPOINT_URL_LAMBDA / --lambda-endpoint) or AWS's
 * regional endpoint, so the same ARNs work against AWS Lambda, an emulator, or any server speaking the API.
 * Connections are kept alive (node:http/https agents): a trigger is on the sign-in path.
 */
import http from 'node:http';
import https from 'node:https';
import { type InvokeOutcome, type LambdaInvoker, TIMEOUT_REASON } from '../domain/triggers/invoker.ts';
import { CredentialCache } from './credentials.ts';
import { signRequest, uriEncode } from '../protocol/sigv4-sign.ts';

/** The region an ARN names (arn:aws:lambda:REGION:ACCOUNT:function:NAME), or undefined for a bare name. */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts[2] === 'lambda' && parts[3] ? parts[3] : undefined;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class HttpLambdaInvoker implements LambdaInvoker {
  private readonly credentials: CredentialCache;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly opts: { endpoint?: string; region: string; env?: NodeJS.ProcessEnv }) {
    this.credentials = new CredentialCache(opts.env);
  }

  private endpointFor(region: string): URL {
    if (this.opts.endpoint) return new URL(this.opts.endpoint);
    return new URL(`https://lambda.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`);
  }

  private post(url: URL, path: string, headers: Record<string, string>, body: Buffer, timeoutMs: number): Promise<RawResponse> {
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        {
          host: url.hostname,
          port: url.port || (secure ? 443 : 80),
          path,
          method: 'POST',
          headers: { ...headers, 'content-length': String(body.length) },
          agent: secure ? this.httpsAgent : this.httpAgent,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      // One deadline for the whole exchange, as Cognito's 5 s.
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeoutMs);
      req.on('close', () => clearTimeout(timer));
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
      req.on('error', reject);
      req.end(body);
    });
  }

  async invoke(functionArn: string, payload: Buffer, timeoutMs: number): Promise<InvokeOutcome> {
    const region = regionOfArn(functionArn) ?? this.opts.region;
    const base = this.endpointFor(region);
    const path = `${base.pathname.replace(/\/+$/, '')}/2015-03-31/functions/${uriEncode(functionArn)}/invocations`;
    const credentials = this.credentials.get();
    if (!credentials) return { kind: 'failed', reason: 'MissingAuthenticationTokenException' };
    const headers = signRequest({
      method: 'POST',
      path,
      host: base.host,
      headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
      body: payload,
      region,
      service: 'lambda',
      credentials,
      now: new Date(),
    });
    let res: RawResponse;
    try {
      res = await this.post(base, path, headers, payload, timeoutMs);
    } catch (e) {
      if ((e as { name?: string }).name === 'TimeoutError') return { kind: 'failed', reason: TIMEOUT_REASON };
      return { kind: 'failed', reason: 'Unable to reach the Lambda endpoint' };
    }
    if (res.status >= 200 && res.status < 300) {
      return res.headers['x-amz-function-error'] !== undefined
        ? { kind: 'function-error', payload: res.body }
        : { kind: 'ok', payload: res.body };
    }
    // The Lambda service refused the call (unknown function, bad signature, throttling): its error type.
    const header = res.headers['x-amzn-errortype'];
    const type = (Array.isArray(header) ? header[0] : header)?.split(':')[0] ?? errorTypeOf(res.body) ?? `HTTP ${res.status}`;
    return { kind: 'failed', reason: type };
  }
}

function errorTypeOf(body: Buffer): string | undefined {
  try {
    const j = JSON.parse(body.toString('utf8')) as { __type?: unknown; code?: unknown };
    const t = j.__type ?? j.code;
    return typeof t === 'string' ? t.split('#').pop() : undefined;
  } catch {
    return undefined;
  }
}
