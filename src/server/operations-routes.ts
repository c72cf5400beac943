/**
 * Endpoints for load balancers, orchestrators and Prometheus:
 * - `GET /health/live`: the process answers (liveness; restart the node when it fails).
 * - `GET /health/ready`: the node can serve — its store answers and it is not shutting down (readiness;
 *   take the node out of rotation while it fails). 503 with the reason otherwise.
 * - `GET /metrics`: Prometheus text exposition.
 */
import type { App } from '../domain/app.ts';
import { sendJson } from '../protocol/json11.ts';
import type { Route } from './context.ts';
import type { Observability } from './observability.ts';

/** Longest a readiness probe waits for the store. */
const READY_TIMEOUT_MS = 2000;

async function storeAnswers(app: App): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the store did not answer within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      app.store.meta.get('master-key-check').then(
        () => undefined,
        (e: Error) => `the store is unavailable: ${e.message}`,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function operationsRoutes(app: App, obs: Observability): Route[] {
  return [
    {
      method: 'GET',
      path: '/health/live',
      handler: async ({ res }) => sendJson(res, 200, { status: 'live' }, 'application/json'),
    },
    {
      method: 'GET',
      path: '/health/ready',
      handler: async ({ res }) => {
        const reason = obs.shuttingDown ? 'shutting down' : await storeAnswers(app);
        res.setHeader('cache-control', 'no-store');
        if (reason === undefined) sendJson(res, 200, { status: 'ready', store: app.store.kind }, 'application/json');
        else sendJson(res, 503, { status: 'unavailable', reason }, 'application/json');
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async ({ res }) => {
        const { body, contentType } = await obs.metrics.scrape();
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(body);
      },
    },
  ];
}
