/**
 * The HTTP listener: request ids, body limits, CORS, and routing — JSON 1.1 services by X-Amz-Target on
 * `POST /`, everything else by method and path. Handlers never see a malformed envelope.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { App } from '../domain/app.ts';
import type { Principal } from '../domain/credentials.ts';
import {
  AccessDeniedException,
  RequestEntityTooLargeException,
  SerializationException,
  ServiceError,
  UnknownOperationException,
  UnsupportedOperationException,
} from '../protocol/errors.ts';
import { JsonBodyError, decodeJsonObject } from '../protocol/json-body.ts';
import { JSON11_CONTENT_TYPE, sendJson11Error, writeJsonPayload } from '../protocol/json11.ts';
import { loadModel } from '../protocol/model.ts';
import { sendRestJsonError } from '../protocol/rest-json.ts';
import { verifySigV4 } from '../protocol/sigv4.ts';
import { validateInput } from '../protocol/validate.ts';
import type { Json11Service, RequestContext, Route } from './context.ts';
import { applyCors, handlePreflight } from './cors.ts';
import { listenerOptions } from './connection-limits.ts';
import type { OperationSeries } from './metrics.ts';
import { type Observability, requestDone, unexpectedFailure } from './observability.ts';
import { routeLabel } from './route-label.ts';

export interface Routes {
  json11: Json11Service[];
  rest: Route[];
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Verifies the signature of a signed operation and returns the caller; admin powers are required. */
async function authorize(
  app: App,
  svc: Json11Service,
  op: string,
  raw: { req: IncomingMessage; url: URL | undefined; body: Buffer },
): Promise<Principal> {
  if (app.config.acceptAnyCredentials) {
    return { kind: 'emulator', arn: `arn:aws:iam::${app.accountId}:root`, admin: true, accountId: app.accountId };
  }
  const url = raw.url ?? new URL(raw.req.url ?? '/', 'http://localhost');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const principal = await verifySigV4(
    { method: raw.req.method ?? 'POST', path: url.pathname, query, headers: raw.req.headers, body: raw.body },
    { region: app.config.region, service: svc.signingName, now: app.now(), keys: app.keyDirectory },
  );
  if (!principal.admin) {
    throw new AccessDeniedException(
      `User: ${principal.arn} is not authorized to perform: ${svc.signingName}:${op} because no identity-based policy allows the ${svc.signingName}:${op} action`,
    );
  }
  return principal;
}

/** `table[key]` for own members only: an X-Amz-Target naming `constructor` or `__proto__` finds nothing. */
function ownValue<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function createHttpServer(app: App, routes: Routes, obs: Observability): Server {
  const byPrefix = new Map(routes.json11.map((s) => [s.targetPrefix, s]));
  const literal = new Map<string, Route>();
  const patterns: Route[] = [];
  for (const r of routes.rest) {
    if (typeof r.path === 'string') literal.set(`${r.method} ${r.path}`, r);
    else patterns.push(r);
  }

  // Successful JSON 1.1 responses made in one event-loop turn are written together at its end, so under load
  // the kernel sends them back to back instead of waking the client once per response (measured on the
  // GetUser bench); a lone request waits only for the end of the turn. Serialisation stays in the handler.
  let pending: { res: ServerResponse; payload: string; requestId: string }[] = [];
  function flushPending(): void {
    const batch = pending;
    pending = [];
    for (const p of batch) {
      try {
        if (!p.res.destroyed) writeJsonPayload(p.res, 200, p.payload, JSON11_CONTENT_TYPE, p.requestId);
      } catch (err) {
        obs.log.error(`writing response: ${(err as Error)?.stack ?? err}`, { requestId: p.requestId });
      }
    }
  }

  /** JSON 1.1 on `POST /`; `url` is undefined on the fast path (the path is exactly `/`, parsed only if SigV4 needs it). */
  // Metrics series per X-Amz-Target, added only for operations the model knows (bounded label values).
  const seriesByTarget = new Map<string, OperationSeries>();
  const unknownOperation = obs.metrics.operation('unknown', 'unknown');

  async function handleJson11(req: IncomingMessage, res: ServerResponse, url: URL | undefined, ctx: RequestContext): Promise<void> {
    const t0 = performance.now();
    const target = String(req.headers['x-amz-target'] ?? '');
    const dot = target.lastIndexOf('.');
    const svc = dot > 0 ? byPrefix.get(target.slice(0, dot)) : undefined;
    let series = seriesByTarget.get(target) ?? unknownOperation;
    try {
      let body: Buffer;
      try {
        body = await readBody(req, app.config.maxBodyBytes);
      } catch (e) {
        if (e instanceof BodyTooLarge)
          throw new RequestEntityTooLargeException(`Request body exceeds the ${app.config.maxBodyBytes}-byte limit`);
        throw e;
      }
      if (!svc) throw new UnknownOperationException(target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header');
      const opName = target.slice(dot + 1);
      const model = loadModel(svc.model);
      const op = ownValue(model.operations, opName);
      if (!op) throw new UnknownOperationException(`Unknown operation ${target}`);
      if (series === unknownOperation) {
        series = obs.metrics.operation(svc.signingName, opName);
        seriesByTarget.set(target, series);
      }
      if (op.signed) ctx.caller = await authorize(app, svc, opName, { req, url, body });
      let input: Record<string, unknown>;
      try {
        input = decodeJsonObject(body);
      } catch (e) {
        throw e instanceof JsonBodyError ? new SerializationException(e.message) : e;
      }
      validateInput(model, op.input, input);
      const handler = ownValue(svc.operations, opName);
      if (!handler) throw new UnsupportedOperationException(`Cognate does not support ${opName} yet.`);
      const out = await handler(input, ctx);
      const payload = JSON.stringify(out ?? {});
      if (pending.push({ res, payload, requestId: ctx.requestId }) === 1) setImmediate(flushPending);
      requestDone(obs, series, 'success', 200, t0, ctx.requestId);
      obs.metrics.sessionEvent(opName, input as Record<string, unknown>, out);
    } catch (err) {
      const e = err instanceof ServiceError ? err : unexpectedFailure(obs, err, { requestId: ctx.requestId, operation: target });
      res.setHeader('x-amzn-RequestId', ctx.requestId);
      sendJson11Error(res, e);
      requestDone(obs, series, e.code, e.status, t0, ctx.requestId);
    }
  }

  const unmatched = obs.metrics.operation('http', 'unmatched');
  const seriesByRoute = new Map<Route, OperationSeries>();
  function routeSeries(r: Route): OperationSeries {
    let s = seriesByRoute.get(r);
    if (!s) {
      s = obs.metrics.operation('http', `${r.method} ${routeLabel(r.path)}`);
      seriesByRoute.set(r, s);
    }
    return s;
  }

  return createServer(listenerOptions(app.config), (req, res) => {
    const requestId = randomUUID();
    const ctx: RequestContext = { app, requestId, headers: req.headers, sourceIp: req.socket.remoteAddress ?? '' };
    // The hot path (every Cognito call): JSON 1.1 on exactly `POST /` needs no URL object, and its request
    // id goes out with the response's writeHead. Anything else (queries, other paths) takes the general route.
    if (req.method === 'POST' && req.url === '/' && req.headers['x-amz-target'] !== undefined) {
      applyCors(req, res);
      void handleJson11(req, res, undefined, ctx);
      return;
    }
    res.setHeader('x-amzn-RequestId', requestId);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendRestJsonError(res, new ServiceError('InvalidRequestException', 'Malformed request URL', 400));
      return;
    }
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      handlePreflight(req, res);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/' && req.headers['x-amz-target'] !== undefined) {
      void handleJson11(req, res, url, ctx);
      return;
    }
    let route = literal.get(`${req.method} ${url.pathname}`);
    let params: Record<string, string> = {};
    if (!route) {
      for (const r of patterns) {
        if (r.method !== req.method) continue;
        const m = (r.path as RegExp).exec(url.pathname);
        if (m) {
          route = r;
          params = { ...(m.groups ?? {}) };
          break;
        }
      }
    }
    if (!route) {
      if (req.method === 'POST' && url.pathname === '/') {
        void handleJson11(req, res, url, ctx);
        return;
      }
      req.resume();
      sendRestJsonError(res, new ServiceError('NotFoundException', `No route for ${req.method} ${url.pathname}`, 404));
      requestDone(obs, unmatched, 'NotFoundException', 404, performance.now(), requestId);
      return;
    }
    const found = route;
    const t0 = performance.now();
    const series = routeSeries(found);
    void (async () => {
      let body: Buffer;
      try {
        body = await readBody(req, app.config.maxBodyBytes);
      } catch {
        sendRestJsonError(res, new ServiceError('RequestEntityTooLargeException', 'Request body too large', 413));
        return;
      }
      try {
        await found.handler({ req, res, url, body, params, ctx });
      } catch (err) {
        const e =
          err instanceof ServiceError
            ? err
            : unexpectedFailure(obs, err, { requestId, operation: `${req.method} ${url.pathname}` }, 'InternalServerException');
        if (!res.headersSent) sendRestJsonError(res, e);
        else res.end();
      }
      const status = res.statusCode;
      requestDone(obs, series, status < 400 ? 'success' : `http_${status}`, status, t0, requestId);
      if (status < 400) obs.metrics.sessionEvent(series.operation, {}, undefined);
    })();
  });
}
