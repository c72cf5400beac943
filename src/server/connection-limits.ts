/**
 * Connection hygiene for an identity service exposed to the network: a client gets `headersTimeoutMs` to
 * send its headers and `requestTimeoutMs` for the whole request (Node's defaults allow 300 s, so a client
 * sending one byte every few seconds held a connection for five minutes), idle keep-alive connections close
 * after `keepAliveTimeoutMs`, and one address may hold at most `maxConnectionsPerAddress` connections.
 */
import type { ServerOptions } from 'node:http';
import type { Server } from 'node:net';
import type { ServerConfig } from '../config/defaults.ts';

type Limits = Pick<ServerConfig, 'requestTimeoutMs' | 'headersTimeoutMs' | 'keepAliveTimeoutMs' | 'maxConnectionsPerAddress'>;

/** Options for `http.createServer` / `https.createServer`. */
export function listenerOptions(cfg: Limits): ServerOptions {
  return {
    requestTimeout: cfg.requestTimeoutMs,
    headersTimeout: cfg.headersTimeoutMs,
    keepAliveTimeout: cfg.keepAliveTimeoutMs,
    // Node checks the two timeouts on this interval (30 s by default): check often enough to honour them.
    connectionsCheckingInterval: Math.max(250, Math.min(1000, Math.floor(cfg.headersTimeoutMs / 2))),
  };
}

/** Closes new connections from an address that already holds `max` (0 = no limit). */
export function capConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const addr = socket.remoteAddress ?? '';
    const n = (open.get(addr) ?? 0) + 1;
    if (n > max) {
      socket.destroy();
      return;
    }
    open.set(addr, n);
    socket.once('close', () => {
      const left = (open.get(addr) ?? 1) - 1;
      if (left <= 0) open.delete(addr);
      else open.set(addr, left);
    });
  });
}
