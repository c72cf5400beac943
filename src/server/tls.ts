/**
 * The optional TLS listener: the same request handler as the main listener, over HTTPS, so apps that
 * build `https://{domain}/…` URLs (Amplify's signInWithRedirect) can reach the managed-login pages on
 * `{prefix}.auth.localhost`. Certificate and key come from `--tls-cert`/`--tls-key`, or, with
 * `--tls-self-signed`, from a certificate generated once with `openssl` into the data dir (key 0600) for
 * localhost, *.localhost, *.auth.localhost and 127.0.0.1 — for local use only; browsers will warn.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server as HttpServer, RequestListener } from 'node:http';
import { type Server as HttpsServer, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ServerConfig } from '../config/defaults.ts';
import { StartupError } from './startup-errors.ts';

export interface TlsListener {
  server: HttpsServer;
  port: number;
  url: string;
}

/** Creates (once) a self-signed certificate for local names in `{dataDir}/tls/`. */
export function selfSignedCertificate(dataDir: string, log: (l: string) => void): { cert: string; key: string } {
  const dir = join(dataDir, 'tls');
  const cert = join(dir, 'self-signed-cert.pem');
  const key = join(dir, 'self-signed-key.pem');
  if (!existsSync(cert) || !existsSync(key)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-sha256',
          '-days',
          '825',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost,DNS:*.localhost,DNS:*.auth.localhost,IP:127.0.0.1',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (e) {
      throw new StartupError(
        `--tls-self-signed needs the openssl command to make a certificate: ${(e as Error).message.split('\n')[0]}`,
        253,
      );
    }
    chmodSync(key, 0o600);
    log(`generated a self-signed TLS certificate for local use: ${cert}`);
  }
  return { cert, key };
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new StartupError(`cannot read the TLS ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`, 253);
  }
}

/** Starts the TLS listener when the configuration asks for one. */
export async function startTlsListener(cfg: ServerConfig, main: HttpServer, log: (l: string) => void): Promise<TlsListener | undefined> {
  if (!cfg.tlsCert && !cfg.tlsKey && !cfg.tlsSelfSigned) return undefined;
  if (!cfg.tlsSelfSigned && (!cfg.tlsCert || !cfg.tlsKey)) throw new StartupError('--tls-cert and --tls-key go together', 253);
  const files = cfg.tlsSelfSigned ? selfSignedCertificate(cfg.dataDir, log) : { cert: cfg.tlsCert as string, key: cfg.tlsKey as string };
  const handler = main.listeners('request')[0] as RequestListener;
  let server: HttpsServer;
  try {
    server = createServer(
      { cert: readPem(files.cert, 'certificate'), key: readPem(files.key, 'key'), keepAliveTimeout: main.keepAliveTimeout },
      handler,
    );
  } catch (e) {
    if (e instanceof StartupError) throw e;
    throw new StartupError(`the TLS certificate or key is not usable: ${(e as Error).message}`, 253);
  }
  // The same protections as the main listener (slow-header and request timeouts).
  server.headersTimeout = main.headersTimeout;
  server.requestTimeout = main.requestTimeout;
  server.maxHeadersCount = main.maxHeadersCount;
  if (main.maxConnections !== undefined) server.maxConnections = main.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.tlsPort, cfg.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host;
  const url = `https://${host}:${port}`;
  log(`TLS listener on ${url} (managed login on https://{prefix}.auth.localhost:${port})`);
  return { server, port, url };
}
