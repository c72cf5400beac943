/**
 * Operation tables: the typed description of each service's operations and shapes, derived from the
 * botocore service models by `scripts/gen-models.mjs` (facts only, no documentation strings). The
 * server's input validation and the CLI's commands, skeletons and shorthand parsing all read these.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface MemberRef {
  shape: string;
  location?: 'header' | 'querystring' | 'uri' | 'headers' | 'statusCode';
  locationName?: string;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
  deprecated?: boolean;
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'blob' | 'double' | 'float';
  required?: string[];
  members?: Record<string, MemberRef>;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  sensitive?: boolean;
  exception?: boolean;
  fault?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  timestampFormat?: string;
  document?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: string;
  output?: string;
  errors: string[];
  signed: boolean;
  deprecated?: boolean;
}

export interface Paginator {
  input_token: string | string[];
  output_token: string | string[];
  limit_key?: string;
  result_key?: string | string[];
  more_results?: string;
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: 'json' | 'rest-json';
    serviceId: string;
    signingName?: string;
    targetPrefix?: string;
    jsonVersion?: string;
    serviceFullName?: string;
  };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
  paginators: Record<string, Paginator>;
}

export type ServiceName = 'cognito-idp' | 'cognito-identity' | 'sso' | 'sso-oidc';
export const SERVICE_NAMES: readonly ServiceName[] = ['cognito-idp', 'cognito-identity', 'sso', 'sso-oidc'];

const cache = new Map<ServiceName, ServiceModel>();

/** src/models when run from source, dist/models when run from the bundle. */
function modelPath(service: ServiceName): string {
  for (const rel of [`../models/${service}.json`, `./models/${service}.json`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error(`the ${service} operation tables are missing (run npm run build)`);
}

/** Loads (once) the operation tables of one service. */
export function loadModel(service: ServiceName): ServiceModel {
  let m = cache.get(service);
  if (!m) {
    m = JSON.parse(readFileSync(modelPath(service), 'utf8')) as ServiceModel;
    cache.set(service, m);
  }
  return m;
}

export function shapeOf(model: ServiceModel, name: string): Shape {
  const s = model.shapes[name];
  if (!s) throw new Error(`shape ${name} is not in the ${model.metadata.serviceId} model`);
  return s;
}
