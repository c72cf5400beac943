/**
 * Prometheus metrics (`GET /metrics`), registered in a prom-client registry with its process metrics:
 * requests by operation and outcome, request latency, store latency, sign-ins, sign-outs and
 * revocations by kind. The request path touches only pre-found plain series (see metric-series.ts).
 */
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import { type CounterCell, CounterFamily, type HistogramCell, HistogramFamily } from './metric-series.ts';

/** Seconds; from half a millisecond (a GetUser on SQLite) to the statement timeout's range. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Successful operations that sign a user in (the flow label is the AuthFlow or the answered challenge). */
const SIGN_IN_OPERATIONS = new Set(['InitiateAuth', 'AdminInitiateAuth', 'RespondToAuthChallenge', 'AdminRespondToAuthChallenge']);
/** Successful operations that end sessions, by the kind of sign-out or revocation they are. */
const SIGN_OUTS: Record<string, string> = {
  GlobalSignOut: 'global_sign_out',
  AdminUserGlobalSignOut: 'admin_user_global_sign_out',
  'POST /logout': 'sso_logout',
  'GET /logout': 'managed_login_logout',
};
const REVOCATIONS: Record<string, string> = {
  ...SIGN_OUTS,
  RevokeToken: 'revoke_token',
  'POST /oauth2/revoke': 'oauth2_revoke',
  AdminDisableUser: 'user_disabled',
  AdminDeleteUser: 'user_deleted',
  DeleteUser: 'user_deleted',
};

/** The per-operation series a request updates, found once per operation name. */
export interface OperationSeries {
  latency: HistogramCell;
  outcomes: Map<string, CounterCell>;
  service: string;
  operation: string;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new CounterFamily(
    'cognate_requests_total',
    'Requests by service, operation and outcome (success or the error code).',
  );
  private readonly latency = new HistogramFamily(
    'cognate_request_duration_seconds',
    'Time from reading a request to its response being ready, by service and operation.',
    LATENCY_BUCKETS,
  );
  private readonly storeLatency = new HistogramFamily(
    'cognate_store_operation_duration_seconds',
    'Time one store call took, by repository method (one statement or one transaction).',
    STORE_BUCKETS,
  );
  private readonly signIns: Counter<'flow'>;
  private readonly signOuts: Counter<'kind'>;
  private readonly revocations: Counter<'kind'>;
  private readonly tokenRefreshes: Counter;
  private readonly operations = new Map<string, OperationSeries>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'cognate_' });
    this.registry.registerMetric(this.requests as never);
    this.registry.registerMetric(this.latency as never);
    this.registry.registerMetric(this.storeLatency as never);
    const registers = [this.registry];
    this.signIns = new Counter({
      name: 'cognate_sign_ins_total',
      help: 'Sign-ins that issued tokens, by flow.',
      labelNames: ['flow'],
      registers,
    });
    this.signOuts = new Counter({ name: 'cognate_sign_outs_total', help: 'Sign-outs, by kind.', labelNames: ['kind'], registers });
    this.revocations = new Counter({
      name: 'cognate_revocations_total',
      help: 'Operations that ended grants (sign-outs, revoked refresh tokens, disabled or deleted users), by kind.',
      labelNames: ['kind'],
      registers,
    });
    this.tokenRefreshes = new Counter({
      name: 'cognate_token_refreshes_total',
      help: 'Refresh-token sign-ins that issued new tokens.',
      registers,
    });
  }

  /** The series of one operation; `operation` must come from a bounded set (the model, or a route template). */
  operation(service: string, operation: string): OperationSeries {
    const key = `${service} ${operation}`;
    let s = this.operations.get(key);
    if (!s) {
      s = { latency: this.latency.cell(key, { service, operation }), outcomes: new Map(), service, operation };
      this.operations.set(key, s);
    }
    return s;
  }

  /** Counts a finished request and its latency. `outcome` is `success` or an error code. */
  request(s: OperationSeries, outcome: string, seconds: number): void {
    let c = s.outcomes.get(outcome);
    if (!c) {
      c = this.requests.cell(`${s.service} ${s.operation} ${outcome}`, { service: s.service, operation: s.operation, outcome });
      s.outcomes.set(outcome, c);
    }
    c.value++;
    s.latency.observe(seconds);
  }

  /** Session events of a successful operation (sign-ins, sign-outs, revocations); cheap for any other. */
  sessionEvent(operation: string, input: Record<string, unknown>, output: Record<string, unknown> | undefined): void {
    if (SIGN_IN_OPERATIONS.has(operation)) {
      if (!output?.AuthenticationResult) return;
      const flow = String(input.AuthFlow ?? input.ChallengeName ?? 'unknown');
      if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') this.tokenRefreshes.inc();
      else this.signIns.inc({ flow });
      return;
    }
    const revocation = REVOCATIONS[operation];
    if (revocation === undefined) return;
    this.revocations.inc({ kind: revocation });
    const signOut = SIGN_OUTS[operation];
    if (signOut !== undefined) this.signOuts.inc({ kind: signOut });
  }

  /** A timer for one store call, by repository method. */
  storeCell(method: string): HistogramCell {
    return this.storeLatency.cell(method, { method });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
