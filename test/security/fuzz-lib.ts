/**
 * Model-driven malformed-input fuzzing of the two JSON 1.1 services. The operation list and every input
 * shape come from the operation tables (src/models/*.json) at run time, so operations added later are
 * covered without touching this file; operations the server does not serve answer
 * UnsupportedOperationException, which counts as a proper refusal.
 *
 * Each case sends one signed request built from a plausible base input (real pool, client, token and
 * identity ids) with one mutation: a wrong type, null/0/true/[]/{}/"" at any nested position, over-long
 * strings and lists, a wrong enum, deep nesting, prototype-named keys, invalid UTF-8, a broken or
 * non-object body, or an odd X-Amz-Target. Every answer must be below 500; a refusal (4xx) must be
 * AWS-shaped (`__type`, `message`, `x-amzn-ErrorType`) and must leave every table as it was.
 */
import { loadModel, type ServiceModel, type ServiceName, type Shape } from '../../src/protocol/model.ts';
import type { TestServer } from '../helpers/server.ts';
import { post, signHeaders, storeDigest } from './helpers.ts';

/**
 * Tables whose change is the purpose of a refused call (the attempt counters, wrong-password counts among
 * them), left out of the digest.
 */
export const COUNTER_TABLES = ['attempt_limits'] as const;

export interface FuzzService {
  name: ServiceName;
  targetPrefix: string;
  signingName: string;
}

export const FUZZ_SERVICES: FuzzService[] = [
  { name: 'cognito-idp', targetPrefix: 'AWSCognitoIdentityProviderService', signingName: 'cognito-idp' },
  { name: 'cognito-identity', targetPrefix: 'AWSCognitoIdentityService', signingName: 'cognito-identity' },
];

/** Values of the world the base inputs point at, so that mutated requests get past the first lookups. */
export interface FuzzWorld {
  poolId: string;
  clientId: string;
  accessToken: string;
  refreshToken: string;
  identityPoolId: string;
  identityId: string;
}

/** A small deterministic PRNG (mulberry32), so a seed replays the same cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The world value for a member of this name, if it names one. */
function worldValue(w: FuzzWorld, member: string): string | undefined {
  const byName: Record<string, string> = {
    UserPoolId: w.poolId,
    ClientId: w.clientId,
    AccessToken: w.accessToken,
    RefreshToken: w.refreshToken,
    Token: w.refreshToken,
    IdentityPoolId: w.identityPoolId,
    IdentityId: w.identityId,
    // An unknown user: refusals then touch no per-user counters.
    Username: 'fuzz-nobody',
    Password: 'Fuzz-Passw0rd!1',
    ProposedPassword: 'Fuzz-Passw0rd!2',
    PreviousPassword: 'Fuzz-Passw0rd!1',
    ConfirmationCode: '123456',
    Session: 'f'.repeat(32),
  };
  return Object.hasOwn(byName, member) ? byName[member] : undefined;
}

/**
 * A plausible value of a shape, to `depth`: with `full`, every optional member is filled (one list item,
 * one map entry), which gives the positions to mutate; without it only required members and members the
 * world names are, which is what requests are built on (so that a mutation is usually the only fault).
 */
export function baseValue(model: ServiceModel, shapeName: string, w: FuzzWorld, full: boolean, member = '', depth = 0): Json {
  const shape = model.shapes[shapeName] as Shape;
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, Json> = {};
      if (depth > 5) return out;
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (!full && !shape.required?.includes(name) && worldValue(w, name) === undefined) continue;
        out[name] = baseValue(model, ref.shape, w, full, name, depth + 1);
      }
      return out;
    }
    case 'list':
      return depth > 5 || !shape.member ? [] : [baseValue(model, shape.member.shape, w, full, member, depth + 1)];
    case 'map':
      return depth > 5 || !shape.value ? {} : { key1: baseValue(model, shape.value.shape, w, full, member, depth + 1) };
    case 'string': {
      const known = worldValue(w, member);
      if (known !== undefined) return known;
      if (shape.enum) return shape.enum[0] as string;
      return 'a'.repeat(Math.max(shape.min ?? 1, 1));
    }
    case 'integer':
    case 'long':
      return shape.min ?? 1;
    case 'double':
    case 'float':
      return 1;
    case 'boolean':
      return true;
    case 'timestamp':
      return 1_700_000_000;
    case 'blob':
      return 'AAAA';
    default:
      return null;
  }
}

type Path = (string | number)[];

/** Every position in a value: object members, list items, map values (to a depth of 8). */
function positions(v: Json, path: Path = [], out: Path[] = []): Path[] {
  if (path.length >= 8 || out.length > 500) return out;
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([...path, i]);
      positions(x, [...path, i], out);
    });
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([...path, k]);
      positions(x, [...path, k], out);
    }
  }
  return out;
}

/** Sets `value` at `path` in a copy of `root`, first filling missing containers on the way from `full`. */
function setAt(root: Json, path: Path, value: Json, full: Json = root): Json {
  const copy = structuredClone(root);
  let cur = copy as Record<string | number, Json>;
  let model = full as Record<string | number, Json> | undefined;
  for (const p of path.slice(0, -1)) {
    model = model?.[p] as Record<string | number, Json> | undefined;
    if (cur[p] === undefined || cur[p] === null || typeof cur[p] !== 'object') cur[p] = structuredClone(model ?? {}) as Json;
    cur = cur[p] as Record<string | number, Json>;
  }
  cur[path.at(-1) as string | number] = value;
  return copy;
}

/** Stands for a deeply nested list; spliced in as text by `serialize` (a 3000-deep value would overflow stringify). */
const DEEP = '\u0001deep\u0001';
const DEEP_TEXT = `${'['.repeat(3000)}${']'.repeat(3000)}`;

/** The request body of a mutated input. */
function serialize(v: Json): string {
  return JSON.stringify(v).replaceAll(JSON.stringify(DEEP), DEEP_TEXT);
}

/** The value mutations: the first six are the "every nested position" set the CI suite walks in full. */
export const VALUE_MUTATIONS: { name: string; value: () => Json }[] = [
  { name: 'null', value: () => null },
  { name: '0', value: () => 0 },
  { name: 'true', value: () => true },
  { name: '[]', value: () => [] },
  { name: '{}', value: () => ({}) },
  { name: '""', value: () => '' },
  { name: '-1', value: () => -1 },
  { name: '1.5', value: () => 1.5 },
  { name: '2^53+1', value: () => 2 ** 53 + 2 },
  { name: 'long string', value: () => 'a'.repeat(70_000) },
  { name: 'bad enum', value: () => 'NOT_A_VALUE' },
  { name: 'nul and lone surrogate', value: () => 'a\u0000b\ud800c' },
  { name: 'deep list', value: () => DEEP },
  { name: 'prototype keys', value: () => JSON.parse('{"__proto__":{"polluted":1},"constructor":"x","toString":"y"}') as Json },
  { name: 'long list', value: () => Array.from({ length: 2000 }, () => 'a') },
  { name: 'list of nulls', value: () => [null, null] },
  { name: 'map of nulls', value: () => ({ k: null, constructor: null }) },
];

/** Whole-body and target mutations. */
const BODY_MUTATIONS: { name: string; body: (good: string) => Buffer | string; target?: (t: string) => string }[] = [
  { name: 'invalid UTF-8', body: (g) => Buffer.concat([Buffer.from(g.slice(0, -2)), Buffer.from([0xff, 0xfe]), Buffer.from(g.slice(-2))]) },
  {
    name: 'overlong UTF-8',
    body: (g) => Buffer.concat([Buffer.from(g.slice(0, -2)), Buffer.from([0xc0, 0xaf]), Buffer.from(g.slice(-2))]),
  },
  { name: 'truncated JSON', body: (g) => g.slice(0, Math.max(1, g.length >> 1)) },
  { name: 'top-level array', body: (g) => `[${g}]` },
  { name: 'top-level string', body: () => '"x"' },
  { name: 'top-level null', body: () => 'null' },
  { name: 'BOM', body: (g) => `\ufeff${g}` },
  { name: 'deep body', body: () => `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}` },
  { name: 'target constructor', body: (g) => g, target: (t) => t.replace(/\.[^.]+$/, '.constructor') },
  { name: 'target __proto__', body: (g) => g, target: (t) => t.replace(/\.[^.]+$/, '.__proto__') },
  { name: 'target toString', body: (g) => g, target: (t) => t.replace(/\.[^.]+$/, '.toString') },
  { name: 'target hasOwnProperty', body: (g) => g, target: (t) => t.replace(/\.[^.]+$/, '.hasOwnProperty') },
  { name: 'target lower case', body: (g) => g, target: (t) => t.toLowerCase() },
  { name: 'target no prefix', body: (g) => g, target: (t) => t.replace(/^.*\./, '') },
  { name: 'target trailing dot', body: (g) => g, target: (t) => `${t}.` },
];

export interface FuzzCase {
  service: FuzzService;
  operation: string;
  mutation: string;
  target: string;
  body: Buffer | string;
}

/** Every operation of every fuzzed service, read from the operation tables now. */
export function operations(): { service: FuzzService; model: ServiceModel; operation: string }[] {
  return FUZZ_SERVICES.flatMap((service) => {
    const model = loadModel(service.name);
    return Object.keys(model.operations).map((operation) => ({ service, model, operation }));
  });
}

/** The request base (minimal) and the fully filled shape (positions to mutate) of an operation. */
function baseInput(model: ServiceModel, operation: string, w: FuzzWorld): { base: Json; full: Json } {
  const input = model.operations[operation]?.input;
  return input ? { base: baseValue(model, input, w, false), full: baseValue(model, input, w, true) } : { base: {}, full: {} };
}

/**
 * The CI cases: for every operation, each of the six basic mutations (null, 0, true, [], {}, "") at a
 * position picked by `rand`, plus `bodyCases` body or target mutations (round-robin over the list).
 */
export function ciCases(w: FuzzWorld, rand: () => number, bodyCases = 2): FuzzCase[] {
  const out: FuzzCase[] = [];
  let round = 0;
  for (const { service, model, operation } of operations()) {
    const target = `${service.targetPrefix}.${operation}`;
    const { base, full } = baseInput(model, operation, w);
    const ps = positions(full);
    for (const m of VALUE_MUTATIONS.slice(0, 6)) {
      if (ps.length === 0) break;
      const path = ps[Math.floor(rand() * ps.length)] as Path;
      out.push({
        service,
        operation,
        mutation: `${path.join('.')}=${m.name}`,
        target,
        body: serialize(setAt(base, path, m.value(), full)),
      });
    }
    for (let i = 0; i < bodyCases; i++) {
      const m = BODY_MUTATIONS[round++ % BODY_MUTATIONS.length] as (typeof BODY_MUTATIONS)[number];
      out.push({ service, operation, mutation: m.name, target: m.target ? m.target(target) : target, body: m.body(serialize(base)) });
    }
  }
  return out;
}

/** Every operation × every position (to `maxPositions`) × the six basic mutations, plus every body mutation. */
export function systematicCases(w: FuzzWorld, maxPositions = 40): FuzzCase[] {
  const out: FuzzCase[] = [];
  for (const { service, model, operation } of operations()) {
    const target = `${service.targetPrefix}.${operation}`;
    const { base, full } = baseInput(model, operation, w);
    for (const path of positions(full).slice(0, maxPositions)) {
      for (const m of VALUE_MUTATIONS.slice(0, 6)) {
        out.push({
          service,
          operation,
          mutation: `${path.join('.')}=${m.name}`,
          target,
          body: serialize(setAt(base, path, m.value(), full)),
        });
      }
    }
    for (const m of BODY_MUTATIONS) {
      out.push({ service, operation, mutation: m.name, target: m.target ? m.target(target) : target, body: m.body(serialize(base)) });
    }
  }
  return out;
}

/** A random case from `rand`: any operation, any position, any mutation (sometimes two). */
export function randomCase(w: FuzzWorld, rand: () => number, ops = operations()): FuzzCase {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const { service, model, operation } = pick(ops);
  const target = `${service.targetPrefix}.${operation}`;
  const built = baseInput(model, operation, w);
  let base = built.base;
  if (rand() < 0.12) {
    const m = pick(BODY_MUTATIONS);
    return { service, operation, mutation: m.name, target: m.target ? m.target(target) : target, body: m.body(serialize(base)) };
  }
  const names: string[] = [];
  const rounds = rand() < 0.25 ? 2 : 1;
  const ps = positions(built.full);
  for (let i = 0; i < rounds && ps.length > 0; i++) {
    const path = pick(ps);
    const m = pick(VALUE_MUTATIONS);
    base = setAt(base, path, m.value(), built.full);
    names.push(`${path.join('.')}=${m.name}`);
  }
  if (rand() < 0.1 && base && typeof base === 'object' && !Array.isArray(base)) {
    // Drop a random member (required ones included).
    const keys = Object.keys(base);
    if (keys.length > 0) {
      const k = pick(keys);
      delete (base as Record<string, Json>)[k];
      names.push(`-${k}`);
    }
  }
  return { service, operation, mutation: names.join(' ') || 'base', target, body: serialize(base) };
}

export interface FuzzFinding {
  operation: string;
  mutation: string;
  problem: string;
}

export interface FuzzReport {
  cases: number;
  /** Answers with status ≥ 500. */
  serverErrors: number;
  /** Refusals (4xx) after which some table differed. */
  storeChangesOnRefusal: number;
  /** Refusals without AWS's error shape. */
  malformedErrors: number;
  refused: number;
  accepted: number;
  unsupported: number;
  operations: number;
  findings: FuzzFinding[];
}

export function emptyReport(): FuzzReport {
  return {
    cases: 0,
    serverErrors: 0,
    storeChangesOnRefusal: 0,
    malformedErrors: 0,
    refused: 0,
    accepted: 0,
    unsupported: 0,
    operations: operations().length,
    findings: [],
  };
}

/**
 * Sends one case and judges the answer into `report`. Returns true when the call was accepted (2xx), in
 * which case the caller re-checks that the world still stands.
 */
export async function runCase(server: TestServer, c: FuzzCase, report: FuzzReport): Promise<boolean> {
  const before = storeDigest(server, COUNTER_TABLES);
  const headers = await signHeaders(
    server,
    c.service.signingName,
    { 'content-type': 'application/x-amz-json-1.1', host: new URL(server.url).host, 'x-amz-target': c.target },
    typeof c.body === 'string' ? c.body : new Uint8Array(c.body),
  );
  const r = await post(server, headers, typeof c.body === 'string' ? c.body : new Uint8Array(c.body));
  report.cases++;
  const note = (problem: string) => {
    if (report.findings.length < 200) report.findings.push({ operation: c.operation, mutation: c.mutation, problem });
  };
  if (r.status >= 500) {
    report.serverErrors++;
    note(`status ${r.status}: ${r.text.slice(0, 200)}`);
    return false;
  }
  if (r.status >= 400) {
    report.refused++;
    if (r.body.__type === 'UnsupportedOperationException') report.unsupported++;
    if (typeof r.body.__type !== 'string' || !r.body.__type || typeof r.body.message !== 'string' || r.type !== r.body.__type) {
      report.malformedErrors++;
      note(`not AWS-shaped: ${r.status} ${r.type} ${r.text.slice(0, 200)}`);
    }
    if (storeDigest(server, COUNTER_TABLES) !== before) {
      report.storeChangesOnRefusal++;
      note(`refused (${r.body.__type}: ${String(r.body.message).slice(0, 120)}) but the store changed`);
    }
    return false;
  }
  report.accepted++;
  return true;
}
