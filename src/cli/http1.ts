/**
 * A plain-HTTP/1.1 exchange over node:net for http:// endpoints (local servers: the common case for
 * this CLI), one request per connection (`Connection: close`). It skips loading node:http, a few
 * milliseconds of every call's start-up. It reads what a server may answer: a status line, headers
 * (lower-cased, repeated ones combined as node:http does), interim 1xx responses, and a body framed by
 * Content-Length, chunked Transfer-Encoding, or the end of the connection. TLS goes through node:https.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { net } from './builtins.ts';

export interface Http1Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Ways an exchange can fail before a complete response: the caller turns them into the CLI's texts. */
export type Http1Failure = 'connect' | 'closed' | 'connect-timeout' | 'read-timeout';

export class Http1Error extends Error {
  constructor(readonly kind: Http1Failure) {
    super(kind);
  }
}

// node:http keeps only the first of these when a response repeats them; set-cookie becomes a list;
// any other repeated header is joined with ", ".
const FIRST_WINS = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

const MAX_HEAD = 64 * 1024;

interface Head {
  status: number;
  headers: IncomingHttpHeaders;
  /** Where the body starts (after the head's blank line). */
  bodyAt: number;
}

/** Parses one response head from the start of `buf`; undefined until the blank line has arrived. */
function parseHead(buf: Buffer): Head | undefined {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) {
    if (buf.length > MAX_HEAD) throw new Http1Error('closed');
    return undefined;
  }
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (!m) throw new Http1Error('closed');
  const headers: IncomingHttpHeaders = {};
  const bag = headers as Record<string, string | string[]>;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Http1Error('closed');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prev = bag[name];
    if (name === 'set-cookie') bag[name] = [...((prev as string[] | undefined) ?? []), value];
    else if (prev === undefined) bag[name] = value;
    else if (!FIRST_WINS.has(name)) bag[name] = `${prev}, ${value}`;
  }
  return { status: Number(m[1]), headers, bodyAt: end + 4 };
}

/** Decodes a complete chunked body; undefined while more bytes are needed. */
function dechunk(buf: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = Number.parseInt(buf.subarray(at, eol).toString('latin1').split(';')[0]?.trim() ?? '', 16);
    if (!Number.isFinite(size) || size < 0) throw new Http1Error('closed');
    if (size === 0) {
      // Then optional trailers, and a blank line.
      if (buf.indexOf('\r\n\r\n', eol) < 0) return undefined;
      return Buffer.concat(parts);
    }
    if (buf.length < eol + 2 + size + 2) return undefined;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

export interface Http1Request {
  host: string;
  port: number;
  /** The Host header's value. */
  hostHeader: string;
  method: string;
  /** Path and query, already encoded. */
  target: string;
  headers: Record<string, string>;
  body: Buffer;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
}

/** Sends one request and resolves with the complete response; rejects with an Http1Error. */
export function http1Exchange(req: Http1Request): Promise<Http1Response> {
  return new Promise((resolve, reject) => {
    let head = `${req.method} ${req.target} HTTP/1.1\r\nHost: ${req.hostHeader}\r\n`;
    for (const [k, v] of Object.entries(req.headers)) {
      if (/[\r\n]/.test(k) || /[\r\n]/.test(v)) return reject(new TypeError(`Invalid character in header ${k}`));
      head += `${k}: ${v}\r\n`;
    }
    head += 'Connection: close\r\n\r\n';
    const socket = net().connect({ host: req.host, port: req.port });
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    // The head is parsed from `received`; the body's bytes then collect in `parts` and are joined once,
    // when complete (a body read in many pieces is not copied again for each).
    let received: Buffer = Buffer.alloc(0);
    let parsed: Head | undefined;
    let parts: Buffer[] = [];
    let bodyLength = 0;
    const finish = (err: Http1Error | undefined, res?: Http1Response) => {
      if (settled) return;
      settled = true;
      if (connectTimer) clearTimeout(connectTimer);
      socket.destroy();
      if (err) reject(err);
      else resolve(res as Http1Response);
    };
    const body = (): Buffer => {
      if (parts.length !== 1) parts = [Buffer.concat(parts, bodyLength)];
      return parts[0] as Buffer;
    };
    /** Tries to complete the response from what has arrived; `ended` when the server closed. */
    const advance = (ended: boolean) => {
      try {
        while (!parsed) {
          const head = parseHead(received);
          if (!head) return ended ? finish(new Http1Error('closed')) : undefined;
          received = received.subarray(head.bodyAt);
          // Interim responses (100 Continue …) come before the real one.
          if (head.status >= 100 && head.status < 200) continue;
          parsed = head;
          parts = received.length > 0 ? [received] : [];
          bodyLength = received.length;
        }
        const { status, headers } = parsed;
        if (req.method === 'HEAD' || status === 204 || status === 304) return finish(undefined, { status, headers, body: Buffer.alloc(0) });
        const te = String(headers['transfer-encoding'] ?? '').toLowerCase();
        if (te.includes('chunked')) {
          const decoded = dechunk(body());
          if (decoded) return finish(undefined, { status, headers, body: decoded });
          return ended ? finish(new Http1Error('closed')) : undefined;
        }
        if (headers['content-length'] !== undefined) {
          const len = Number(headers['content-length']);
          if (!Number.isSafeInteger(len) || len < 0) return finish(new Http1Error('closed'));
          if (bodyLength >= len) return finish(undefined, { status, headers, body: Buffer.from(body().subarray(0, len)) });
          return ended ? finish(new Http1Error('closed')) : undefined;
        }
        if (ended) return finish(undefined, { status, headers, body: Buffer.from(body()) });
      } catch (e) {
        finish(e instanceof Http1Error ? e : new Http1Error('closed'));
      }
    };
    if (req.connectTimeoutMs !== undefined) {
      connectTimer = setTimeout(() => finish(new Http1Error('connect-timeout')), req.connectTimeoutMs);
    }
    socket.once('connect', () => {
      if (connectTimer) clearTimeout(connectTimer);
      if (req.readTimeoutMs !== undefined) socket.setTimeout(req.readTimeoutMs, () => finish(new Http1Error('read-timeout')));
      socket.write(head);
      if (req.body.length > 0) socket.write(req.body);
    });
    socket.on('data', (chunk: Buffer) => {
      if (parsed) {
        parts.push(chunk);
        bodyLength += chunk.length;
      } else received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      advance(false);
    });
    socket.on('end', () => advance(true));
    // As with node:http: a reset or broken pipe is a connection closed early, anything else (refused,
    // unreachable) a failure to connect.
    socket.on('error', (err: NodeJS.ErrnoException) =>
      finish(new Http1Error(err.code === 'ECONNRESET' || err.code === 'EPIPE' ? 'closed' : 'connect')),
    );
    socket.on('close', () => finish(new Http1Error('closed')));
  });
}
