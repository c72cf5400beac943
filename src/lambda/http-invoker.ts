/**
 * The AWS Lambda Invoke API client: `POST /2015-03-31/functions/{FunctionName}/invocations` with
 * `X-Amz-Invocation-Type: RequestResponse`, signed with SigV4 for the `lambda` service in the function's
 * region. The endpoint is the configured one (AWS_ENDPOINT_URL_LAMBDA / --lambda-endpoint) or AWS's
 * regional endpoint, so the same ARNs work against AWS Lambda, an emulator, or any server speaking the API.
 */
import { signRequest } from '../cli/sign.ts';
import { type InvokeOutcome, type LambdaInvoker, TIMEOUT_REASON } from '../domain/triggers/invoker.ts';
import { CredentialCache } from './credentials.ts';

/** The region an ARN names (arn:aws:lambda:REGION:ACCOUNT:function:NAME), or undefined for a bare name. */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts[2] === 'lambda' && parts[3] ? parts[3] : undefined;
}

export class HttpLambdaInvoker implements LambdaInvoker {
  private readonly credentials: CredentialCache;

  constructor(private readonly opts: { endpoint?: string; region: string; env?: NodeJS.ProcessEnv }) {
    this.credentials = new CredentialCache(opts.env);
  }

  private endpointFor(region: string): string {
    if (this.opts.endpoint) return this.opts.endpoint.replace(/\/+$/, '');
    return `https://lambda.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
  }

  async invoke(functionArn: string, payload: Buffer, timeoutMs: number): Promise<InvokeOutcome> {
    const region = regionOfArn(functionArn) ?? this.opts.region;
    const url = new URL(`${this.endpointFor(region)}/2015-03-31/functions/${encodeURIComponent(functionArn)}/invocations`);
    const credentials = this.credentials.get();
    if (!credentials) return { kind: 'failed', reason: 'MissingAuthenticationTokenException' };
    const headers = await signRequest({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
      body: payload,
      region,
      service: 'lambda',
      credentials,
    });
    let res: Response;
    let body: Buffer;
    try {
      res = await fetch(url, { method: 'POST', headers, body: new Uint8Array(payload), signal: AbortSignal.timeout(timeoutMs) });
      body = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'failed', reason: TIMEOUT_REASON };
      return { kind: 'failed', reason: 'Unable to reach the Lambda endpoint' };
    }
    if (res.status >= 200 && res.status < 300) {
      return res.headers.has('x-amz-function-error') ? { kind: 'function-error', payload: body } : { kind: 'ok', payload: body };
    }
    // The Lambda service refused the call (unknown function, bad signature, throttling): its error type.
    const type = res.headers.get('x-amzn-errortype')?.split(':')[0] ?? errorTypeOf(body) ?? `HTTP ${res.status}`;
    return { kind: 'failed', reason: type };
  }
}

function errorTypeOf(body: Buffer): string | undefined {
  try {
    const j = JSON.parse(body.toString('utf8')) as { Type?: unknown; __type?: unknown; code?: unknown };
    const t = j.__type ?? j.code;
    return typeof t === 'string' ? t.split('#').pop() : undefined;
  } catch {
    return undefined;
  }
}
