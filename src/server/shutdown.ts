/**
 * Graceful stop of an HTTP server: stop accepting, let the requests in flight finish, close each
 * keep-alive connection as soon as it is idle, and cut whatever is still open when the grace period
 * ends. Shared by `cognate serve` (SIGTERM/SIGINT) and anything else that stops a listener.
 */
import type { Server } from 'node:http';

/** Default grace for in-flight requests on SIGTERM/SIGINT (a sign-out's write is milliseconds). */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Resolves once every connection is closed. With `graceMs` 0 every connection is cut at once (tests'
 * quick stop); otherwise in-flight requests get up to `graceMs` to finish.
 */
export function drainServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let sweep: NodeJS.Timeout | undefined;
    let cut: NodeJS.Timeout | undefined;
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    if (graceMs <= 0) {
      server.closeAllConnections();
      return;
    }
    // A connection whose request has just finished goes idle: close it rather than wait for the client.
    server.closeIdleConnections();
    sweep = setInterval(() => server.closeIdleConnections(), 25);
    cut = setTimeout(() => server.closeAllConnections(), graceMs);
  });
}

/**
 * Calls `stop` once on the first SIGTERM or SIGINT; with `forceOnSecond` a second signal exits at once
 * (the operator insists). A cluster worker passes false: Ctrl-C reaches it and its primary's SIGTERM
 * follows, and that is still one stop. Returns a function that removes the handlers.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => void, forceOnSecond = true): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (forceOnSecond) process.exit(130);
      return;
    }
    stopping = true;
    stop(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
