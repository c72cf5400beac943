/** Running `cognate` as a user would (node bin/cognate.js, a temp HOME), and a tiny request-counting HTTP server. */
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliResult, run } from '../helpers/server.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'cognate.js');

/** Runs `node bin/cognate.js ...args` with exactly `env`. */
export function cognate(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return run(process.execPath, [BIN, ...args], env);
}

/** A bare environment: temp HOME, config files inside it, and whatever `extra` adds (no credentials, no region). */
export function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'cognate-cli-home-'));
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    ...extra,
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CountingServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type Reply = { status?: number; headers?: Record<string, string>; body?: unknown };

/** Records every request and answers with `reply(request)` (default: 200 `{}`). */
export async function startCountingServer(reply: (r: SeenRequest) => Reply = () => ({})): Promise<CountingServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      const r = reply(seen);
      const text = r.body === undefined ? '{}' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status ?? 200, { 'content-type': 'application/json', 'x-amzn-RequestId': 'req-1', ...(r.headers ?? {}) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
