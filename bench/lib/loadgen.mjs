#!/usr/bin/env node
// The load generator, run in its own process so that it never shares an event loop with a server
// under test. Input: a JSON spec file (argv[2]); output: one JSON line on stdout.
//
// spec = { url, headers, bodies: string[], raw?, connections, durationSec?, amount?, unique?, collect? }
//  - bodies are sent round-robin (or each exactly once when `unique`, with amount = bodies.length);
//  - raw: [{ method, path, headers, body? }] replaces bodies with whole requests (OAuth endpoints:
//    form bodies, GET with a bearer token);
//  - `collect` names a JSON string field (e.g. "RefreshToken") whose values are returned.
// Uses autocannon when it is installed (it is a devDependency), else keep-alive node:http agents.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const require = createRequire(import.meta.url);
const target = new URL(spec.url);
/** Every request to send: the raw ones, or one JSON 1.1 POST per body. */
const REQS =
  spec.raw ??
  spec.bodies.map((body) => ({
    method: 'POST',
    path: target.pathname,
    headers: { 'content-type': 'application/x-amz-json-1.1', ...spec.headers },
    body,
  }));

function collector(field) {
  if (!field) return null;
  const re = new RegExp(`"${field}":\\s*"([^"]+)"`); // Python servers write ": "
  const values = [];
  return {
    values,
    take(body) {
      const m = re.exec(body);
      if (m) values.push(m[1]);
    },
  };
}

async function withAutocannon(autocannon) {
  const url = target;
  const col = collector(spec.collect);
  let requests;
  if (spec.unique) {
    // Every request exactly once, shared across connections.
    let next = 0;
    requests = [
      {
        setupRequest(req) {
          const r = REQS[next++ % REQS.length];
          return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
        },
        ...(col ? { onResponse: (_s, body) => col.take(body) } : {}),
      },
    ];
  } else {
    requests = REQS.map((r) => ({ ...r, ...(col ? { onResponse: (_s, body) => col.take(body) } : {}) }));
  }
  const opts = {
    url: url.origin,
    connections: spec.connections,
    pipelining: 1,
    requests,
    ...(spec.unique ? { amount: REQS.length } : { duration: spec.durationSec }),
  };
  const r = await new Promise((resolve, reject) => {
    const inst = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on('error', () => {});
  });
  const ok = r['2xx'];
  const seconds = r.duration;
  const statusCodes = {};
  for (const [k, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[k] = v.count;
  return {
    engine: `autocannon ${require('autocannon/package.json').version}`,
    requests: r.requests.total,
    ok,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    seconds,
    rps: ok / seconds,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, mean: r.latency.average },
    statusCodes,
    collected: col ? col.values : undefined,
  };
}

/** Fallback: fixed concurrency over keep-alive node:http sockets, bounded by time or count. */
async function withNodeHttp() {
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const col = collector(spec.collect);
  const lat = [];
  const statusCodes = {};
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  const total = spec.unique ? REQS.length : Number.POSITIVE_INFINITY;
  const start = performance.now();
  const deadline = start + (spec.durationSec ?? 1e9) * 1000;
  const one = (r) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: r.path,
          method: r.method,
          headers: r.body === undefined ? r.headers : { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            lat.push(performance.now() - t0);
            statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
            if (res.statusCode >= 200 && res.statusCode < 300) ok++;
            else non2xx++;
            if (col) col.take(Buffer.concat(chunks).toString('utf8'));
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });
  async function lane() {
    while (sent < total && performance.now() < deadline) {
      await one(REQS[sent++ % REQS.length]);
    }
  }
  await Promise.all(Array.from({ length: spec.connections }, lane));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0;
  return {
    engine: 'node:http keep-alive',
    requests: ok + non2xx,
    ok,
    non2xx,
    errors,
    seconds,
    rps: ok / seconds,
    latencyMs: { p50: q(0.5), p90: q(0.9), p99: q(0.99), mean: lat.reduce((a, b) => a + b, 0) / (lat.length || 1) },
    statusCodes,
    collected: col ? col.values : undefined,
  };
}

let autocannon = null;
if (!process.env.BENCH_NODE_HTTP) {
  try {
    autocannon = require('autocannon');
  } catch {
    autocannon = null;
  }
}
const result = autocannon ? await withAutocannon(autocannon) : await withNodeHttp();
process.stdout.write(`${JSON.stringify(result)}\n`);
