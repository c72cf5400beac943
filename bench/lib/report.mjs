// Turns the measurements into the table (terminal + Markdown), the JSON record and an SVG chart.

const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—';
/** An error as one short line (peers may answer with an HTML page). */
const brief = (s) => {
  const text = String(s);
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  const status = /\(HTTP \d+\)/.exec(text)?.[0] ?? '';
  return title ? `${title} ${status}`.trim() : text.replace(/\s+/g, ' ').slice(0, 80);
};
const rate = (rec) => (rec?.unsupported ? `unsupported: ${brief(rec.unsupported)}` : rec ? `${fmt(rec.rps)}/s` : 'not run');
const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met');

/** Rows of the comparison: [workload, Cognate, moto, cognito-local, reference, ratio, target, verdict]. */
export function buildRows(r) {
  const rows = [];
  const g = r.getUser ?? {};
  if (r.getUser) {
    const vsEcho = g.cognate?.rps / g.echo?.rps;
    const vsMoto = g.cognate?.rps / g.moto?.rps;
    rows.push([
      'GetUser, valid token (revocation-checked), req/s',
      rate(g.cognate),
      rate(g.moto),
      rate(g['cognito-local']),
      `echo ${rate(g.echo)}`,
      `${fmt(vsEcho * 100)}% of echo; ${fmt(vsMoto, 1)}× moto`,
      '≥ 60% of echo, ≥ 20× moto',
      verdict(g.cognate?.rps ? vsEcho >= 0.6 && vsMoto >= 20 : undefined),
    ]);
  }
  if (r.initiateAuth) {
    const i = r.initiateAuth;
    const vs = i.cognate?.rps / i.moto?.rps;
    rows.push([
      'InitiateAuth USER_PASSWORD_AUTH, req/s',
      rate(i.cognate),
      rate(i.moto),
      rate(i['cognito-local']),
      '',
      `${fmt(vs, 2)}× moto`,
      '≥ moto (no plaintext passwords)',
      verdict(i.cognate?.rps ? vs >= 1 : undefined),
    ]);
  }
  if (r.revokeToken) {
    const v = r.revokeToken;
    rows.push([
      'RevokeToken (distinct refresh tokens), req/s',
      rate(v.cognate),
      rate(v.moto),
      rate(v['cognito-local']),
      '',
      '',
      '—',
      'n/a',
    ]);
  }
  if (r.oauth?.cognate) {
    const o = r.oauth.cognate;
    for (const [label, rec] of [
      ['/oauth2/token authorization_code (each code once), req/s', o.tokenCode],
      ['/oauth2/token client_credentials, req/s', o.tokenClientCredentials],
      ['/oauth2/userInfo, valid token (revocation-checked), req/s', o.userInfo],
    ]) {
      rows.push([label, rate(rec), 'not measured', 'not measured', '', `p50 ${fmt(rec?.p50, 2)} ms`, '—', 'n/a']);
    }
  }
  if (r.triggers?.cognate) {
    const t = r.triggers.cognate;
    const base = t['no trigger'];
    rows.push([
      'InitiateAuth, pool without triggers, req/s',
      rate(base),
      'not measured',
      'not measured',
      '',
      `p50 ${fmt(base?.p50, 2)} ms`,
      '—',
      'n/a',
    ]);
    for (const key of ['PreTokenGeneration, local module', 'PreTokenGeneration, Lambda Invoke API']) {
      const rec = t[key];
      rows.push([
        `InitiateAuth with ${key}, req/s`,
        rate(rec),
        'not measured',
        'not measured',
        '',
        `overhead ${fmt(rec?.overheadPct, 1)}% (p50 ${fmt(rec?.p50, 2)} ms)`,
        '—',
        'n/a',
      ]);
    }
  }
  if (r.globalSignOut) {
    const s = r.globalSignOut;
    const line = (rec) => {
      if (!rec) return 'not run';
      if (rec.unsupported) return `unsupported: ${brief(rec.unsupported)}`;
      return Object.values(rec)
        .map((x) => `${fmt(x.medianMs, 2)} ms @${fmt(x.sessions)}`)
        .join(', ');
    };
    const c = s.cognate ?? {};
    const sizes = Object.keys(c).map(Number);
    const lo = c[Math.min(...sizes)]?.medianMs;
    const hi = c[Math.max(...sizes)]?.medianMs;
    const m = s.moto && !s.moto.unsupported ? s.moto : {};
    const msz = Object.keys(m).map(Number);
    rows.push([
      'GlobalSignOut median latency by live sessions',
      line(s.cognate),
      line(s.moto),
      line(s['cognito-local']),
      '',
      `Cognate ${fmt(hi / lo, 2)}× from ${fmt(Math.min(...sizes))} to ${fmt(Math.max(...sizes))}` +
        (msz.length ? `; moto ${fmt(m[Math.max(...msz)]?.medianMs / m[Math.min(...msz)]?.medianMs, 1)}×` : ''),
      '≤ 1.5× from 1 to 10 000 sessions',
      verdict(Number.isFinite(hi / lo) ? hi / lo <= 1.5 : undefined),
    ]);
  }
  if (r.cli) {
    const c = r.cli.cognate;
    const a = r.cli['aws v1'];
    const n = r.cli['node -e 0'];
    const v = r.cli['cognate --version'];
    const floor = r.cli['node + one request'];
    const share = c?.medianMs / a?.medianMs;
    const overNode = c?.medianMs / n?.medianMs;
    const versionOverNode = v?.medianMs / n?.medianMs;
    const both = Number.isFinite(share) && Number.isFinite(overNode) ? share <= 0.2 && overNode <= 1.25 : undefined;
    rows.push([
      `CLI wall time, one global-sign-out (median)${r.cli.env === 'inherited' ? ", in the shell's environment" : ''}`,
      c?.pending ? `pending (${c.pending})` : `${fmt(c?.medianMs)} ms`,
      '',
      '',
      `${a?.pending ? `aws v1 failed (${a.pending})` : `aws v1 ${fmt(a?.medianMs)} ms`}; cognate --version ${fmt(v?.medianMs)} ms; node -e 0 ${fmt(n?.medianMs)} ms${floor?.medianMs ? `; the same sign-out by a bare Node.js script ${fmt(floor.medianMs)} ms` : ''}`,
      c?.pending
        ? 'pending'
        : `${fmt(share * 100)}% of aws v1; ${fmt(overNode, 2)}× node -e 0 (global-sign-out), ${fmt(versionOverNode, 2)}× (--version)${floor?.medianMs ? `; the bare script ${fmt(floor.medianMs / n?.medianMs, 2)}× node -e 0` : ''}`,
      '≤ 20% of aws v1, ≤ 1.25× node -e 0',
      c?.pending ? 'pending' : verdict(both),
    ]);
  }
  if (r.memory) {
    const m = r.memory;
    rows.push([
      `Resident memory, ${fmt(m.users)} users / ${fmt(m.sessions)} sessions, under GetUser load`,
      `${fmt(m.rssMiB)} MiB (peak ${fmt(m.peakMiB)})`,
      '',
      '',
      `db ${fmt(m.dbMiB)} MiB on disk`,
      `${fmt(m.getUserRps)} GetUser/s at that scale`,
      '≤ 200 MB RSS',
      verdict(Number.isFinite(m.peakMiB) ? m.peakMiB * 1.048576 <= 200 : undefined),
    ]);
  }
  if (r.workers) {
    const w = r.workers;
    const one = g.cognate?.rps;
    const two = w.getUser?.rps;
    // Both workers must carry load in parallel. On a 2-core machine the load generator needs a core of
    // its own, so the workers share what is left: each must do at least a quarter of a core, balanced.
    const cores = w.cores ?? [];
    const busy = cores.length === 2 && cores.every((c) => c >= 0.25) && Math.max(...cores) <= 2 * Math.min(...cores);
    rows.push([
      'GetUser with --workers 2, req/s',
      rate(w.getUser),
      '',
      '',
      `1 worker ${rate(g.cognate)}`,
      `${fmt(two / one, 2)}× one worker; worker CPU ${(w.cores ?? []).map((c) => `${fmt(c, 2)} cores`).join(' + ')}; revocation across workers ${w.revocation?.exact ? 'exact' : 'NOT exact'}`,
      'both workers busy (≥ 0.25 core each, balanced), revocation exact',
      verdict(two ? busy && w.revocation?.exact : undefined),
    ]);
  }
  return rows;
}

const HEAD = ['Workload', 'Cognate', 'moto', 'cognito-local', 'Reference', 'Ratio', 'Target', 'Verdict'];

export function markdownTable(rows) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return [`| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join(
    '\n',
  );
}

/** A plain-text rendering for the terminal: one block per workload (the cells are too wide for columns). */
export function terminalTable(rows) {
  return rows
    .map((r) =>
      [
        `■ ${r[0]}  [${r[7]}]`,
        ...HEAD.slice(1, 7)
          .map((h, i) => (r[i + 1] ? `    ${h.padEnd(14)}${r[i + 1]}` : null))
          .filter(Boolean),
      ].join('\n'),
    )
    .join('\n');
}

export function markdownReport(r, rows) {
  const e = r.environment;
  return `# Cognate benchmark — ${e.date} on ${e.host}

${markdownTable(rows)}

**Machine:** ${e.cpu} × ${e.cores} cores, ${e.memGiB} GiB RAM, ${e.os}; Node ${e.node}; load average at start ${e.loadStart}, at end ${e.loadEnd}.
**Peers:** moto ${e.moto} (\`moto_server\`), cognito-local ${e.cognitoLocal}, AWS CLI ${e.aws}. **Load generator:** ${e.engine}, ${e.connections} keep-alive connections, ${e.durationSec} s per run, ${e.rounds} interleaved rounds (median), in its own process.

How to read it:
- Every server runs on loopback on this machine, one process each (Cognate: one process unless the row says workers; SQLite with \`synchronous=FULL\`, so every sign-in, revocation and sign-out is on disk before its response). The load generator shares the machine's cores with the server under test.
- GetUser on Cognate verifies the token (signature check remembered per token; pool, use, expiry, scope) and reads the grant and the user's sign-out generation from SQLite on every request. moto looks the token up in a dict; cognito-local only decodes the JWT — neither checks revocation.
- GlobalSignOut on Cognate bumps the user's generation (one row), whatever the number of sessions; moto walks every token of the pool; cognito-local does not implement it.
- Memory: users cloned from a real one (same attributes, verifier of the real size) and sessions written through Cognate's store code; RSS read from /proc/<pid>/status of a fresh server process after ${e.durationSec} s of GetUser load.

Raw figures: \`${e.file}.json\`. Reproduce: \`npm run bench\` (options: \`node bench/run.mjs --help\`).
`;
}

/** Horizontal bar panels, one per workload, each with its own scale. */
export function svgChart(r) {
  const colours = {
    cognate: '#2f6fdf',
    moto: '#e08a2c',
    'cognito-local': '#6aa84f',
    echo: '#999999',
    'aws v1': '#e08a2c',
    'workers 2': '#1b3f86',
  };
  const panels = [];
  const g = r.getUser ?? {};
  const bars = (rec, keys) =>
    keys.map((k) => ({ label: k, value: rec?.[k]?.rps, note: rec?.[k]?.unsupported ? 'unsupported' : undefined }));
  if (r.getUser) {
    const b = bars(g, ['echo', 'cognate', 'moto', 'cognito-local']);
    if (r.workers?.getUser) b.splice(2, 0, { label: 'workers 2', value: r.workers.getUser.rps });
    panels.push({ title: 'GetUser (req/s, higher is better)', bars: b });
  }
  if (r.initiateAuth)
    panels.push({ title: 'InitiateAuth USER_PASSWORD_AUTH (req/s)', bars: bars(r.initiateAuth, ['cognate', 'moto', 'cognito-local']) });
  if (r.revokeToken) panels.push({ title: 'RevokeToken (req/s)', bars: bars(r.revokeToken, ['cognate', 'moto', 'cognito-local']) });
  if (r.globalSignOut) {
    const s = r.globalSignOut;
    const b = [];
    for (const who of ['cognate', 'moto']) {
      const rec = s[who];
      if (!rec || rec.unsupported) continue;
      for (const x of Object.values(rec)) b.push({ label: `${who} @${x.sessions.toLocaleString('en-US')}`, value: x.medianMs, key: who });
    }
    if (s['cognito-local']?.unsupported) b.push({ label: 'cognito-local', note: 'unsupported' });
    panels.push({ title: 'GlobalSignOut median latency by live sessions (ms, lower is better)', bars: b, unit: ' ms', digits: 2 });
  }
  if (r.cli) {
    panels.push({
      title: 'CLI global-sign-out wall time (ms, lower is better)',
      bars: ['cognate', 'aws v1', 'cognate --version', 'node + one request', 'node -e 0'].map((k) => ({
        label: k,
        value: r.cli[k]?.medianMs,
        note: r.cli[k]?.pending ? 'pending' : undefined,
      })),
      unit: ' ms',
    });
  }
  const W = 760;
  const left = 170;
  const barH = 18;
  let y = 40;
  const parts = [];
  for (const p of panels) {
    parts.push(`<text x="10" y="${y}" font-weight="bold">${p.title}</text>`);
    y += 10;
    const max = Math.max(...p.bars.map((b) => b.value ?? 0), 1e-9);
    for (const b of p.bars) {
      const colour = colours[b.key ?? b.label] ?? '#777';
      parts.push(`<text x="${left - 8}" y="${y + 13}" text-anchor="end">${b.label}</text>`);
      if (Number.isFinite(b.value)) {
        const w = Math.max(1, ((W - left - 110) * b.value) / max);
        parts.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${colour}"/>`);
        parts.push(`<text x="${left + w + 6}" y="${y + 13}">${fmt(b.value, p.digits ?? 0)}${p.unit ?? ''}</text>`);
      } else {
        parts.push(`<text x="${left + 4}" y="${y + 13}" fill="#999">${b.note ?? 'not run'}</text>`);
      }
      y += barH + 4;
    }
    y += 24;
  }
  const e = r.environment;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y + 10}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="18" font-size="14" font-weight="bold">Cognate vs moto vs cognito-local — ${e.date}, ${e.cores} cores (${e.cpu})</text>
${parts.join('\n')}
</svg>
`;
}
