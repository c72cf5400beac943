// Throughput workloads: each target's load runs in its own generator process; rounds interleave the
// targets (so that background noise on the machine hits all of them alike) and the median is kept.
import { call, failure } from './idp.mjs';
import { runLoad } from './load.mjs';

export function median(xs) {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * entries: [{ key, url, op, bodies, probe?, collect?, engine? }] — probe(result) says whether one sample call succeeded
 * (default: HTTP 2xx). A target that fails the probe is reported as unsupported with its error.
 */
export async function measureRounds(entries, { rounds, durationSec, connections, log }) {
  const out = {};
  const live = [];
  for (const e of entries) {
    const r = await call(e.url, e.op, e.bodies[0]);
    const ok = e.probe ? e.probe(r) : r.status >= 200 && r.status < 300;
    if (!ok) {
      out[e.key] = { unsupported: failure(r) };
      log(`  ${e.key}: ${e.op} not supported → ${failure(r)}`);
    } else {
      out[e.key] = { runs: [] };
      live.push(e);
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const e of live) {
      const r = await runLoad({ url: e.url, op: e.op, bodies: e.bodies, connections, durationSec, collect: e.collect, engine: e.engine });
      out[e.key].runs.push(r);
      log(`  ${e.key} ${e.op} round ${round + 1}: ${Math.round(r.rps)} req/s, p50 ${r.latencyMs.p50} ms, non-2xx ${r.non2xx}`);
    }
  }
  for (const e of live) summarise(out[e.key]);
  return out;
}

/** Adds median figures and totals to a {runs} record. */
export function summarise(rec) {
  const runs = rec.runs;
  rec.rps = median(runs.map((r) => r.rps));
  rec.p50 = median(runs.map((r) => r.latencyMs.p50));
  rec.p99 = median(runs.map((r) => r.latencyMs.p99));
  rec.requests = runs.reduce((a, r) => a + r.requests, 0);
  rec.non2xx = runs.reduce((a, r) => a + r.non2xx + r.errors, 0);
  rec.engine = runs[0]?.engine;
  return rec;
}

/** One pass over `bodies`, each sent once (RevokeToken of distinct refresh tokens). */
export async function measureOnce({ key, url, op, bodies, connections, log, probe, engine }) {
  if (bodies.length === 0) return { unsupported: 'no tokens to revoke' };
  const first = await call(url, op, bodies[0]);
  const ok = probe ? probe(first) : first.status >= 200 && first.status < 300;
  if (!ok) {
    log(`  ${key}: ${op} not supported → ${failure(first)}`);
    return { unsupported: failure(first) };
  }
  const r = await runLoad({ url, op, bodies: bodies.slice(1), connections, unique: true, engine });
  log(`  ${key} ${op}: ${Math.round(r.rps)} req/s over ${r.requests} distinct tokens, p50 ${r.latencyMs.p50} ms, non-2xx ${r.non2xx}`);
  return summarise({ runs: [r] });
}
