/** Prometheus text exposition parsed with a Prometheus text-format parser, and small lookups over it. */
// @ts-expect-error the parser ships no type declarations
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface Sample {
  value?: string;
  labels?: Record<string, string>;
  buckets?: Record<string, string>;
  count?: string;
  sum?: string;
}
export interface Family {
  name: string;
  help: string;
  type: string;
  metrics: Sample[];
}

export function parseMetrics(text: string): Map<string, Family> {
  const families = parsePrometheusTextFormat(text) as Family[];
  return new Map(families.map((f) => [f.name, f]));
}

/** The value of the sample of `name` whose labels include `labels` (0 when there is none). */
export function sampleValue(m: Map<string, Family>, name: string, labels: Record<string, string>): number {
  const f = m.get(name);
  const s = f?.metrics.find((x) => Object.entries(labels).every(([k, v]) => x.labels?.[k] === v));
  return s?.value === undefined ? 0 : Number(s.value);
}

export async function scrape(url: string): Promise<{ status: number; contentType: string; families: Map<string, Family>; text: string }> {
  const r = await fetch(`${url}/metrics`);
  const text = await r.text();
  return { status: r.status, contentType: r.headers.get('content-type') ?? '', families: parseMetrics(text), text };
}

/**
 * One series of a labelled histogram. The parser flattens a histogram family into one sample, losing
 * the labels when the family has several label sets; so the lines of the wanted series are cut out of
 * the exposition (its HELP/TYPE kept) and parsed alone.
 */
export function histogramSeries(
  text: string,
  name: string,
  labels: Record<string, string>,
): { buckets: Record<string, number>; count: number; sum: number } {
  const lines = text.split('\n');
  const header = lines.filter((l) => l.startsWith(`# HELP ${name} `) || l.startsWith(`# TYPE ${name} `));
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const series = lines.filter(
    (l) =>
      /^\w+\{/.test(l) && l.startsWith(name) && /^(\w+?)(_bucket|_sum|_count)\{/.exec(l)?.[1] === name && want.every((w) => l.includes(w)),
  );
  const [family] = parsePrometheusTextFormat(`${[...header, ...series].join('\n')}\n`) as Family[];
  const sample = family?.metrics[0] as Sample & { buckets?: Record<string, string> };
  const buckets: Record<string, number> = {};
  for (const [le, v] of Object.entries(sample?.buckets ?? {})) buckets[le] = Number(v);
  const count = Number(/_count\{[^}]*\} (\S+)$/.exec(series.find((l) => l.startsWith(`${name}_count`)) ?? '')?.[1]);
  const sum = Number(/_sum\{[^}]*\} (\S+)$/.exec(series.find((l) => l.startsWith(`${name}_sum`)) ?? '')?.[1]);
  return { buckets, count, sum };
}
