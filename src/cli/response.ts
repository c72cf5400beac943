/**
 * Response parsing as botocore does it: the output shape drives it (members in model order, unknown and
 * null members dropped, header-bound members read from headers), and AWS CLI v2 prints timestamps as
 * ISO-8601 (`2023-11-14T22:13:20.123000+00:00`). Errors take their code from x-amzn-ErrorType, then
 * body code/Code, then __type (after `#`, before `:`), then the HTTP status.
 */
import type { Operation, ServiceModel, Shape } from '../protocol/model.ts';
import type { HttpResponse } from './http.ts';

/** Python's datetime.isoformat() of a UTC instant given in epoch seconds. */
export function isoTimestamp(epochSeconds: number): string {
  const whole = Math.floor(epochSeconds);
  let micros = Math.round((epochSeconds - whole) * 1e6);
  let secs = whole;
  if (micros >= 1e6) {
    secs += 1;
    micros -= 1e6;
  }
  const base = new Date(secs * 1000).toISOString().slice(0, 19);
  return `${base}${micros ? `.${String(micros).padStart(6, '0')}` : ''}+00:00`;
}

function timestampValue(v: unknown): unknown {
  if (typeof v === 'number') return isoTimestamp(v);
  if (typeof v === 'string') {
    const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v) / 1000;
    return Number.isNaN(n) ? v : isoTimestamp(n);
  }
  return v;
}

/** Walks a parsed JSON value along its shape. */
export function shapeValue(model: ServiceModel, shape: Shape, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (shape.document || typeof v !== 'object' || Array.isArray(v)) return v;
      const src = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (ref.location) continue;
        const raw = src[ref.locationName ?? name];
        const val = shapeValue(model, model.shapes[ref.shape] as Shape, raw);
        if (val !== undefined) out[name] = val;
      }
      return out;
    }
    case 'list':
      return Array.isArray(v) ? v.map((x) => shapeValue(model, model.shapes[shape.member?.shape ?? ''] as Shape, x)) : v;
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        out[k] = shapeValue(model, model.shapes[shape.value?.shape ?? ''] as Shape, x);
      return out;
    }
    case 'timestamp':
      return timestampValue(v);
    default:
      return v;
  }
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The parsed output of a successful call. */
export function parseOutput(model: ServiceModel, op: Operation, res: HttpResponse): Record<string, unknown> {
  if (!op.output) return {};
  const shape = model.shapes[op.output] as Shape;
  const body = parseBody(res.body);
  const out = (shapeValue(model, shape, body) ?? {}) as Record<string, unknown>;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    if (ref.location === 'header') {
      const h = res.headers[(ref.locationName ?? name).toLowerCase()];
      if (h !== undefined) out[name] = Array.isArray(h) ? h.join(',') : h;
    } else if (ref.location === 'statusCode') out[name] = res.status;
  }
  return out;
}

export interface ParsedError {
  code: string;
  message: string;
  /** Modelled extra fields of the error shape (v2's "Additional error details"). */
  details: Array<[string, string]>;
}

/** The error code, message and modelled extra fields of an error response. */
export function parseError(model: ServiceModel, res: HttpResponse): ParsedError {
  const body = parseBody(res.body);
  const header = res.headers['x-amzn-errortype'];
  let code: string | undefined;
  if (typeof header === 'string' && header) code = header.split(':')[0];
  code ??= (typeof body.code === 'string' && body.code) || (typeof body.Code === 'string' && body.Code) || undefined;
  if (!code && typeof body.__type === 'string') code = body.__type.split('#').pop()?.split(':')[0];
  code ??= String(res.status);
  const message = String(body.message ?? body.Message ?? '');
  const details: Array<[string, string]> = [];
  const shape = model.shapes[code];
  if (shape?.exception) {
    for (const name of Object.keys(shape.members ?? {})) {
      if (name === 'message' || name === 'Message') continue;
      const v = body[name];
      if (v !== undefined && v !== null) details.push([name, typeof v === 'string' ? v : JSON.stringify(v)]);
    }
  }
  return { code, message, details };
}
