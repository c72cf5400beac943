// The PostgreSQL bench's table (terminal + Markdown) and chart.

const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—';
const KEYS = ['sqlite', 'postgres 1 node', 'postgres 2 nodes'];

const perRequestUs = (cores, rps) => fmt((cores / rps) * 1e6);

/** Rows: [workload, configuration, req/s, p50, p99, node cores, database cores, database share, CPU µs per request]. */
export function postgresRows(r) {
  const rows = [];
  for (const [name, rec] of [
    ['GetUser', r.getUser],
    ['InitiateAuth USER_PASSWORD_AUTH', r.initiateAuth],
    ['RevokeToken (distinct tokens)', r.revokeToken],
  ]) {
    for (const k of KEYS) {
      const x = rec?.[k];
      if (!x) continue;
      rows.push([
        name,
        k,
        fmt(x.rps),
        fmt(x.p50, 1),
        fmt(x.p99, 1),
        fmt(x.nodeCores, 2),
        k === 'sqlite' ? '(in the node)' : fmt(x.dbCores, 2),
        k === 'sqlite' ? '—' : `${fmt(x.dbShare * 100)}%`,
        k === 'sqlite' ? perRequestUs(x.nodeCores, x.rps) : `${perRequestUs(x.nodeCores, x.rps)} + ${perRequestUs(x.dbCores, x.rps)}`,
      ]);
    }
  }
  return rows;
}

/** 2 nodes ÷ 1 node, per workload. */
export function scaling(r) {
  const ratio = (rec) => rec?.['postgres 2 nodes']?.rps / rec?.['postgres 1 node']?.rps;
  return { getUser: ratio(r.getUser), initiateAuth: ratio(r.initiateAuth), revokeToken: ratio(r.revokeToken) };
}

function gsoRows(r) {
  const rows = [];
  for (const k of KEYS) {
    const rec = r.globalSignOut?.[k];
    if (!rec) continue;
    rows.push([
      k,
      ...Object.values(rec).map((x) => `${fmt(x.medianMs, 2)} ms @ ${fmt(x.sessions)}${x.refusedAfter ? '' : ' (NOT refused after!)'}`),
    ]);
  }
  return rows;
}

const HEAD = [
  'workload',
  'store',
  'req/s',
  'p50 ms',
  'p99 ms',
  'node CPU (cores)',
  'database CPU (cores)',
  'database share of CPU',
  'CPU µs per request (nodes + database)',
];

export function postgresTerminal(r) {
  const rows = [HEAD, ...postgresRows(r)];
  const w = HEAD.map((_, i) => Math.max(...rows.map((x) => String(x[i]).length)));
  const line = (x) => x.map((c, i) => String(c).padEnd(w[i])).join('  ');
  const s = scaling(r);
  const stale = r.revocationUnderLoad;
  return [
    ...rows.map(line),
    '',
    `2 nodes / 1 node: GetUser ${fmt(s.getUser, 2)}×, InitiateAuth ${fmt(s.initiateAuth, 2)}×, RevokeToken ${fmt(s.revokeToken, 2)}×`,
    ...gsoRows(r).map((x) => `GlobalSignOut ${x[0]}: ${x.slice(1).join(', ')}`),
    stale
      ? `revocation under load: ${stale.signOuts} sign-outs on A, ${stale.getUserOnB} GetUser on B, ${stale.staleAcceptances} accepted after the acknowledged sign-out`
      : '',
  ].join('\n');
}

export function postgresMarkdown(r) {
  const e = r.environment;
  const s = scaling(r);
  const stale = r.revocationUnderLoad;
  const table = (head, rows) =>
    [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((x) => `| ${x.join(' | ')} |`)].join('\n');
  const sizes = Object.values(r.globalSignOut?.sqlite ?? {}).map((x) => `${fmt(x.sessions)} sessions`);
  return `# Cognate on PostgreSQL: one node, two nodes, SQLite — ${e.date}

Machine: ${e.cpu}, ${e.cores} cores, ${e.memGiB} GiB, ${e.os}; Node ${e.node}; PostgreSQL ${r.postgres?.version}
(${r.postgres?.private ? 'a private server started for the run, default settings' : 'an existing server'}, synchronous_commit ${r.postgres?.synchronousCommit}).
Load average at start ${e.loadStart}, at end ${e.loadEnd}.${e.shared ? ` **${e.shared}**` : ''}

Everything runs on this one machine: the Cognate nodes, PostgreSQL and the load generators share its
${e.cores} cores, so two nodes cannot be faster than the cores left over — the figures say how the
work divides, not what two machines would do. ${e.rounds} interleaved round(s) of ${e.durationSec} s per
throughput workload, ${e.connections} keep-alive connections in all (split evenly over the nodes), medians.

## Throughput and CPU

${table(HEAD, postgresRows(r))}

**2 nodes / 1 node on one PostgreSQL:** GetUser ${fmt(s.getUser, 2)}×, InitiateAuth ${fmt(s.initiateAuth, 2)}×,
RevokeToken ${fmt(s.revokeToken, 2)}×.

## GlobalSignOut latency by live sessions (median)

${table(
  ['store', ...sizes],
  gsoRows(r).map((x) => x),
)}

With 2 nodes the sign-in is on node A, the GetUser and the sign-out on node B, and the refusal is
checked on node A.

## Revocation under load, across nodes

${
  stale
    ? `Node B served GetUser for 100 users' tokens on ${16} concurrent connections while each user signed out
globally through node A, one at a time (${stale.signOuts} sign-outs). Of ${fmt(stale.getUserOnB)} GetUser calls on B,
**${stale.staleAcceptances}** were accepted after the sign-out had been acknowledged (${fmt(stale.refusedAsRevoked)} were refused as
revoked${stale.unexpected ? `, ${stale.unexpected} failed otherwise` : ''}).`
    : 'not run'
}

Command: \`${e.command}\`
`;
}

export function postgresSvg(r) {
  const colours = { sqlite: '#999999', 'postgres 1 node': '#2f6fdf', 'postgres 2 nodes': '#1b3f86' };
  const panels = [];
  for (const [title, rec] of [
    ['GetUser (req/s)', r.getUser],
    ['InitiateAuth USER_PASSWORD_AUTH (req/s)', r.initiateAuth],
    ['RevokeToken (req/s)', r.revokeToken],
  ]) {
    if (!rec) continue;
    panels.push({
      title,
      bars: KEYS.map((k) => ({
        label: k,
        value: rec[k]?.rps,
        note: k === 'sqlite' ? '' : `database ${fmt((rec[k]?.dbShare ?? Number.NaN) * 100)}% of CPU`,
      })),
    });
  }
  const W = 760;
  const left = 150;
  const barH = 18;
  let y = 40;
  const parts = [];
  for (const p of panels) {
    parts.push(`<text x="10" y="${y}" font-weight="bold">${p.title}</text>`);
    y += 10;
    const max = Math.max(...p.bars.map((b) => b.value ?? 0), 1e-9);
    for (const b of p.bars) {
      parts.push(`<text x="${left - 8}" y="${y + 13}" text-anchor="end">${b.label}</text>`);
      if (Number.isFinite(b.value)) {
        const w = Math.max(1, ((W - left - 260) * b.value) / max);
        parts.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${colours[b.label]}"/>`);
        parts.push(`<text x="${left + w + 6}" y="${y + 13}">${fmt(b.value)}/s${b.note ? ` · ${b.note}` : ''}</text>`);
      }
      y += barH + 4;
    }
    y += 24;
  }
  const stale = r.revocationUnderLoad;
  if (stale) {
    parts.push(
      `<text x="10" y="${y}">Sign-outs on node A under GetUser load on node B: ${stale.signOuts}; accepted after the acknowledged sign-out: ${stale.staleAcceptances}</text>`,
    );
    y += 20;
  }
  const e = r.environment;
  parts.push(
    `<text x="10" y="${y}" fill="#555">Load average ${e.loadStart} → ${e.loadEnd}${e.shared ? ' — the machine was shared with other work during the run' : ''}</text>`,
  );
  y += 20;
  const title = `Cognate on PostgreSQL, 1 and 2 nodes, and SQLite — ${e.date}, ${e.cores} cores shared by nodes, database and load`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y + 10}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="20" font-size="14" font-weight="bold">${title}</text>
${parts.join('\n')}
</svg>
`;
}
