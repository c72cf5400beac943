/**
 * What an operator watches: metrics, logs, and the node's lifecycle (ready, shutting down). Built once
 * per server by start.ts and handed to the listener and the operations routes.
 */
import type { ServerConfig } from '../config/defaults.ts';
import { ServiceError } from '../protocol/errors.ts';
import { isStoreUnavailable } from '../store/errors.ts';
import { failureLine } from './failure-line.ts';
import type { LogFields, Logger } from './logger.ts';
import { Metrics, type OperationSeries } from './metrics.ts';

export class Observability {
  readonly metrics = new Metrics();
  /** Set when the node starts shutting down: readiness turns false so load balancers stop sending. */
  shuttingDown = false;
  /** One line per request (`--log-requests`). */
  readonly logRequests: boolean;

  constructor(
    config: ServerConfig,
    readonly log: Logger,
  ) {
    this.logRequests = config.logRequests;
  }
}

/** The wire error for an unexpected failure, logged once here (one line, no stack, when the store is down). */
export function unexpectedFailure(obs: Observability, err: unknown, fields: LogFields, code = 'InternalErrorException'): ServiceError {
  if (isStoreUnavailable(err)) {
    obs.log.error(`store unavailable: ${(err as Error).message}`, fields);
    return new ServiceError(code, 'The service is temporarily unavailable: its database did not answer. Try again.', 500);
  }
  obs.log.error(failureLine(err), fields);
  return new ServiceError(code, 'An internal error occurred.', 500);
}

/** Records a finished request: metrics always, a log line with `--log-requests`. */
export function requestDone(
  obs: Observability,
  series: OperationSeries,
  outcome: string,
  status: number,
  t0: number,
  requestId: string,
): void {
  const seconds = (performance.now() - t0) / 1000;
  obs.metrics.request(series, outcome, seconds);
  if (obs.logRequests) {
    obs.log.info('request', {
      requestId,
      service: series.service,
      operation: series.operation,
      status,
      outcome,
      durationMs: Math.round(seconds * 100_000) / 100,
    });
  }
}
