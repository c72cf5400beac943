/**
 * Request serialization for the two protocols of these services, as botocore writes them:
 * awsJson1_1 (POST /, X-Amz-Target, application/x-amz-json-1.1, `{}` when there are no members) and
 * restJson1 (method and path from the model, members bound to headers / query string / URI by their
 * `location`, the rest as a JSON body; no body at all when every member has a location).
 */
import type { Operation, ServiceModel, Shape } from '../protocol/model.ts';
import { pyJsonDumps } from './py-json.ts';
import { parseTimestamp } from './validate-params.ts';

export interface HttpRequestSpec {
  method: string;
  /** Path relative to the endpoint (starts with /). */
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body: Buffer;
}

/** Converts parameter values to their wire form (timestamps → epoch seconds, blobs → base64). */
function toWire(model: ServiceModel, shape: Shape, v: unknown): unknown {
  switch (shape.type) {
    case 'structure': {
      if (shape.document) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const ref = shape.members?.[k];
        out[ref?.locationName && !ref.location ? ref.locationName : k] = ref ? toWire(model, model.shapes[ref.shape] as Shape, x) : x;
      }
      return out;
    }
    case 'list':
      return (v as unknown[]).map((x) => toWire(model, model.shapes[shape.member?.shape ?? ''] as Shape, x));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        out[k] = toWire(model, model.shapes[shape.value?.shape ?? ''] as Shape, x);
      return out;
    }
    case 'timestamp':
      return parseTimestamp(v) / 1000;
    case 'blob':
      return Buffer.isBuffer(v) ? v.toString('base64') : Buffer.from(String(v)).toString('base64');
    default:
      return v;
  }
}

function scalarText(shape: Shape, v: unknown): string {
  if (shape.type === 'timestamp') return new Date(parseTimestamp(v)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (shape.type === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/** Serializes one call. */
export function serializeRequest(model: ServiceModel, op: Operation, params: Record<string, unknown>): HttpRequestSpec {
  const input = op.input ? (model.shapes[op.input] as Shape) : undefined;
  if (model.metadata.protocol === 'json') {
    const body = input ? toWire(model, input, params) : {};
    return {
      method: 'POST',
      path: op.http.requestUri || '/',
      query: [],
      headers: {
        'X-Amz-Target': `${model.metadata.targetPrefix}.${op.name}`,
        'Content-Type': `application/x-amz-json-${model.metadata.jsonVersion ?? '1.1'}`,
      },
      body: Buffer.from(pyJsonDumps(body)),
    };
  }
  // rest-json
  const [rawPath = '/', staticQuery] = op.http.requestUri.split('?');
  const query: Array<[string, string]> = [];
  if (staticQuery) {
    for (const part of staticQuery.split('&')) {
      const [k = '', v = ''] = part.split('=');
      query.push([decodeURIComponent(k), decodeURIComponent(v)]);
    }
  }
  const headers: Record<string, string> = {};
  const bodyMembers: Record<string, unknown> = {};
  let path = rawPath;
  let hasBodyMembers = false;
  for (const [name, ref] of Object.entries(input?.members ?? {})) {
    if (!ref.location) hasBodyMembers = true;
    const v = params[name];
    if (v === undefined) continue;
    const shape = model.shapes[ref.shape] as Shape;
    const wireName = ref.locationName ?? name;
    if (ref.location === 'header') headers[wireName] = scalarText(shape, v);
    else if (ref.location === 'querystring') {
      if (shape.type === 'list') for (const x of v as unknown[]) query.push([wireName, String(x)]);
      else query.push([wireName, scalarText(shape, v)]);
    } else if (ref.location === 'uri') {
      const enc = path.includes(`{${wireName}+}`) ? encodeURIComponent(String(v)).replace(/%2F/g, '/') : encodeURIComponent(String(v));
      path = path.replace(`{${wireName}+}`, enc).replace(`{${wireName}}`, enc);
    } else bodyMembers[wireName] = toWire(model, shape, v);
  }
  let body = Buffer.alloc(0);
  if (hasBodyMembers) {
    body = Buffer.from(pyJsonDumps(bodyMembers));
    headers['Content-Type'] = 'application/json';
  }
  return { method: op.http.method, path, query, headers, body };
}
