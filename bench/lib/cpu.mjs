// CPU accounting of process trees from /proc: a PostgreSQL server is its postmaster and the backends it
// forks (one per connection), so its CPU over an interval is summed over the tree as it stands.
import { childPids, cpuSecondsOf } from './procs.mjs';

function tree(pid) {
  const out = [pid];
  for (const c of childPids(pid)) out.push(...tree(c));
  return out;
}

function readings(pids) {
  const m = new Map();
  for (const root of pids) {
    for (const p of tree(root)) {
      try {
        m.set(p, cpuSecondsOf(p));
      } catch {
        // exited meanwhile
      }
    }
  }
  return m;
}

/** Starts a CPU meter over the trees rooted at `pids`; `stop()` returns the CPU seconds used since. */
export function cpuMeter(pids) {
  const before = readings(pids);
  return {
    stop() {
      let total = 0;
      for (const [p, now] of readings(pids)) total += now - (before.get(p) ?? 0);
      return total;
    },
  };
}
