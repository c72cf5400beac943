/**
 * One API call: serialize, sign (unless the operation is unsigned or --no-sign-request), send, retry
 * as botocore's standard (or legacy) mode does, parse. Service errors become ServiceError (exit 254)
 * with botocore's "(reached max retries: N)" note; transport failures become GeneralError (255).
 */
import type { Operation, ServiceModel } from '../protocol/model.ts';
import type { Credentials } from './credentials.ts';
import { debug, debugEnabled } from './debug.ts';
import { GeneralError, ServiceError } from './errors.ts';
import { type HttpResponse, requestUrl, sendOnce, TransportError, type TransportOptions } from './http.ts';
import { parseError, parseOutput } from './response.ts';
import { serializeRequest } from './serialize.ts';

export interface CallContext {
  model: ServiceModel;
  op: Operation;
  endpoint: URL;
  region: string;
  /** Credentials for a signed call; undefined sends it unsigned. */
  credentials?: Credentials;
  transport: TransportOptions;
  maxAttempts: number;
  retryMode: 'standard' | 'legacy' | 'adaptive';
  userAgent: string;
  /** Called before the first HTTPS request without verification (the --no-verify-ssl warning). */
  onInsecure?: (host: string) => void;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const TRANSIENT_CODES = new Set(['RequestTimeout', 'RequestTimeoutException', 'PriorRequestNotComplete']);
const LEGACY_THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
]);

function retryable(mode: CallContext['retryMode'], status: number, code: string): boolean {
  if (mode === 'legacy') return [429, 500, 502, 503, 504, 509].includes(status) || LEGACY_THROTTLING.has(code);
  return [500, 502, 503, 504].includes(status) || THROTTLING.has(code) || TRANSIENT_CODES.has(code);
}

/**
 * The amz-sdk-invocation-id header: a version-4 UUID that ties an operation's attempts together in
 * logs. It protects nothing, so Math.random serves, and unsigned calls never load node:crypto.
 */
function invocationUuid(): string {
  const b = Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Performs the call and returns the parsed output (timestamps already ISO-8601). */
export async function invoke(ctx: CallContext, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const spec = serializeRequest(ctx.model, ctx.op, params);
  const url = requestUrl(ctx.endpoint, spec);
  const parsedUrl = new URL(url);
  const invocationId = invocationUuid();
  if (debugEnabled()) {
    debug(
      'botocore.endpoint',
      `Making request for OperationModel(name=${ctx.op.name}) with params: ${JSON.stringify({ url_path: spec.path, method: spec.method, headers: spec.headers, body: spec.body.toString('utf8'), url })}`,
    );
  }
  if (parsedUrl.protocol === 'https:' && !ctx.transport.verifySsl) ctx.onInsecure?.(parsedUrl.hostname);
  for (let attempt = 1; ; attempt++) {
    let headers: Record<string, string> = { ...spec.headers };
    if (ctx.credentials) {
      const { signRequest } = await import('./sign.ts');
      const service = ctx.model.metadata.signingName ?? ctx.model.metadata.endpointPrefix;
      headers = signRequest({
        method: spec.method,
        url: parsedUrl,
        headers,
        body: spec.body,
        region: ctx.region,
        service,
        credentials: ctx.credentials,
      });
    }
    headers['User-Agent'] = ctx.userAgent;
    headers['amz-sdk-invocation-id'] = invocationId;
    headers['amz-sdk-request'] = `attempt=${attempt}; max=${ctx.maxAttempts}`;
    headers['Content-Length'] = String(spec.body.length);
    debug(
      'botocore.endpoint',
      `Sending http request: <AWSPreparedRequest method=${spec.method}, url=${url}, headers=${JSON.stringify(headers)}>`,
    );
    let res: HttpResponse;
    try {
      res = await sendOnce(url, spec, headers, ctx.transport);
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      debug('botocore.retries', `${err.message}`);
      if (err.retryable && attempt < ctx.maxAttempts) {
        await sleep(Math.random() * Math.min(2 ** (attempt - 1), 20) * 1000);
        continue;
      }
      throw new GeneralError(err.message);
    }
    debug(
      'urllib3.connectionpool',
      `${parsedUrl.origin} "${spec.method} ${parsedUrl.pathname}${parsedUrl.search} HTTP/1.1" ${res.status} ${res.body.length}`,
    );
    debug('botocore.parsers', `Response headers: ${JSON.stringify(res.headers)}`);
    debug('botocore.parsers', `Response body:\n${res.body.toString('utf8')}`);
    if (res.status >= 200 && res.status < 300) {
      const rid = res.headers['x-amzn-requestid'];
      if (rid) debug('botocore.endpoint', `RequestId: ${String(rid)}`);
      return parseOutput(ctx.model, ctx.op, res);
    }
    const e = parseError(ctx.model, res);
    const canRetry = retryable(ctx.retryMode, res.status, e.code);
    if (canRetry && attempt < ctx.maxAttempts) {
      debug('botocore.retries.standard', `Retry needed, retrying request after delay (attempt ${attempt}).`);
      await sleep(Math.random() * Math.min(2 ** (attempt - 1), 20) * 1000);
      continue;
    }
    // Standard mode notes "max retries" whenever the attempt budget is spent; legacy only for retryable errors.
    const reached = attempt >= ctx.maxAttempts && (ctx.retryMode !== 'legacy' || canRetry);
    throw new ServiceError(e.code, e.message, ctx.op.name, e.details, reached ? attempt - 1 : undefined, res.status);
  }
}
