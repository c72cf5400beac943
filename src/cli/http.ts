/**
 * One HTTP exchange over node:http/https (no fetch: it costs start-up time), with the AWS CLI's
 * connect and read timeouts and its error texts for refused connections, timeouts and TLS failures.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { https as tls } from './builtins.ts';
import { type Http1Failure, Http1Error, http1Exchange } from './http1.ts';
import type { HttpRequestSpec } from './serialize.ts';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface TransportOptions {
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  verifySsl: boolean;
  /** PEM text of the CA bundle, already read. */
  ca?: string;
}

/** A failure before a response arrived; `retryable` follows botocore (connection errors and read timeouts). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** botocore's text for a failure before a response arrived, on either transport (all are retried). */
function transportFailure(kind: Http1Failure, url: string): TransportError {
  switch (kind) {
    case 'connect-timeout':
      return new TransportError(`Connect timeout on endpoint URL: "${url}"`, true);
    case 'read-timeout':
      return new TransportError(`Read timeout on endpoint URL: "${url}"`, true);
    case 'closed':
      return new TransportError(`Connection was closed before we received a valid response from endpoint URL: "${url}".`, true);
    case 'connect':
      return new TransportError(`Could not connect to the endpoint URL: "${url}"`, true);
  }
}

// The texts OpenSSL (and so Python) gives for the verification failures Node reports by code.
const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to get local issuer certificate',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
};

function pyQuote(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The full request URL: the endpoint's path, then the operation's path and query string. */
export function requestUrl(endpoint: URL, spec: HttpRequestSpec): string {
  const base = endpoint.pathname.replace(/\/+$/, '');
  const qs = spec.query.map(([k, v]) => `${pyQuote(k)}=${pyQuote(v)}`).join('&');
  return `${endpoint.protocol}//${endpoint.host}${base}${spec.path}${qs ? `?${qs}` : ''}`;
}

/** Sends the request once. Resolves with any HTTP response; rejects with a TransportError. */
export async function sendOnce(
  url: string,
  spec: HttpRequestSpec,
  headers: Record<string, string>,
  opts: TransportOptions,
): Promise<HttpResponse> {
  const u = new URL(url);
  const https = u.protocol === 'https:';
  if (!https) return sendPlain(u, url, spec, headers, opts);
  const mod = tls();
  return new Promise<HttpResponse>((resolve, reject) => {
    let connectTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const fail = (e: TransportError) => {
      if (settled) return;
      settled = true;
      if (connectTimer) clearTimeout(connectTimer);
      req.destroy();
      reject(e);
    };
    const req = mod.request(
      {
        protocol: u.protocol,
        hostname: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port || 443,
        path: `${u.pathname}${u.search}`,
        method: spec.method,
        headers,
        agent: false,
        rejectUnauthorized: opts.verifySsl,
        ...(opts.ca ? { ca: opts.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('error', () => fail(transportFailure('closed', url)));
      },
    );
    req.on('socket', (socket) => {
      const onConnected = () => {
        if (connectTimer) clearTimeout(connectTimer);
        if (opts.readTimeoutMs !== undefined) {
          socket.setTimeout(opts.readTimeoutMs, () => fail(transportFailure('read-timeout', url)));
        }
      };
      if (opts.connectTimeoutMs !== undefined) {
        connectTimer = setTimeout(() => fail(transportFailure('connect-timeout', url)), opts.connectTimeoutMs);
      }
      socket.once('connect', onConnected);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? '';
      const tls = TLS_REASONS[code];
      if (tls)
        return fail(
          new TransportError(`SSL validation failed for ${url} [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${tls}`, false),
        );
      if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
        return fail(
          new TransportError(
            `SSL validation failed for ${url} [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${err.message}`,
            false,
          ),
        );
      if (code === 'ECONNRESET' || code === 'EPIPE') return fail(transportFailure('closed', url));
      fail(transportFailure('connect', url));
    });
    req.end(spec.body.length > 0 ? spec.body : undefined);
  });
}

/** An http:// exchange through http1.ts, with the same error texts as the node:https path. */
async function sendPlain(
  u: URL,
  url: string,
  spec: HttpRequestSpec,
  headers: Record<string, string>,
  opts: TransportOptions,
): Promise<HttpResponse> {
  try {
    return await http1Exchange({
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port: Number(u.port || 80),
      hostHeader: u.host,
      method: spec.method,
      target: `${u.pathname}${u.search}`,
      headers,
      body: spec.body,
      connectTimeoutMs: opts.connectTimeoutMs,
      readTimeoutMs: opts.readTimeoutMs,
    });
  } catch (err) {
    if (!(err instanceof Http1Error)) throw err;
    throw transportFailure(err.kind, url);
  }
}
