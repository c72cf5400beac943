/**
 * Automatic pagination, botocore's PageIterator: follow the output token, merge the result keys
 * (result keys first, then the first page's other members), honour --page-size (the limit key on
 * every call), --max-items (truncate and return a resume `NextToken`: base64 of the JSON
 * `{"nextToken": "p2"}`, plus `boto_truncate_amount` when a page was cut) and --starting-token.
 * Text output watches the pages go by (`onPage`) instead of waiting for the merged result.
 */
import type { Paginator } from '../protocol/model.ts';
import { GeneralError, ParamValidationError } from './errors.ts';
import { pyJsonDumps } from './py-json.ts';

type Page = Record<string, unknown>;

export interface PagingOptions {
  startingToken?: string;
  pageSize?: number;
  maxItems?: number;
  /**
   * Called with each page as it arrives (after --max-items truncation), as awscli's text formatter sees
   * it: the result keys (null when a page lacks one), preceded on the first page by its other members.
   */
  /** Each page as it arrives: the text formatter's view, and the page itself (yaml-stream prints that). */
  onPage?: (page: Page, raw: Page) => void;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function encodeToken(token: Record<string, unknown>): string {
  return Buffer.from(pyJsonDumps(token), 'utf8').toString('base64');
}

function decodeToken(raw: string, inputTokens: string[]): Record<string, unknown> {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // Older tokens are the raw values joined by "___" (botocore still accepts them).
  }
  const parts = raw.split('___');
  const out: Record<string, unknown> = {};
  inputTokens.forEach((t, i) => {
    out[t] = parts[i] ?? null;
  });
  return out;
}

/** Fetches every page (or up to --max-items) and returns botocore's build_full_result. */
export async function paginateAll(
  paginator: Paginator,
  params: Page,
  opts: PagingOptions,
  call: (p: Page) => Promise<Page>,
): Promise<Page> {
  const inputTokens = list(paginator.input_token);
  const outputTokens = list(paginator.output_token);
  const resultKeys = list(paginator.result_key);
  const primary = resultKeys[0];
  const kwargs: Page = { ...params };
  if (opts.pageSize !== undefined && paginator.limit_key) kwargs[paginator.limit_key] = opts.pageSize;
  let startingTruncation = 0;
  let nextToken: Record<string, unknown> = Object.fromEntries(inputTokens.map((t) => [t, null]));
  if (opts.startingToken !== undefined) {
    const decoded = decodeToken(opts.startingToken, inputTokens);
    startingTruncation = typeof decoded.boto_truncate_amount === 'number' ? decoded.boto_truncate_amount : 0;
    for (const t of inputTokens) {
      nextToken[t] = decoded[t] ?? null;
      if (decoded[t] !== undefined && decoded[t] !== null) kwargs[t] = decoded[t];
    }
  }
  const complete: Page = {};
  let nonAggregate: Page = {};
  let resume: Record<string, unknown> | undefined;
  let total = 0;
  let first = true;
  let previous: string | undefined;
  for (;;) {
    const page = await call(kwargs);
    if (first) {
      if (startingTruncation > 0 && primary && Array.isArray(page[primary]))
        page[primary] = (page[primary] as unknown[]).slice(startingTruncation);
      nonAggregate = Object.fromEntries(Object.entries(page).filter(([k]) => !resultKeys.includes(k) && !outputTokens.includes(k)));
    } else startingTruncation = 0;
    const current = primary && Array.isArray(page[primary]) ? (page[primary] as unknown[]).length : 0;
    const truncate = opts.maxItems !== undefined ? total + current - opts.maxItems : 0;
    if (truncate > 0 && primary) {
      const keep = current - truncate;
      page[primary] = (page[primary] as unknown[]).slice(0, keep);
      resume = { ...nextToken, boto_truncate_amount: keep + startingTruncation };
    }
    if (opts.onPage) {
      const view: Page = first ? { ...nonAggregate } : {};
      for (const k of resultKeys) view[k] = page[k] ?? null;
      opts.onPage(view, page);
    }
    first = false;
    for (const k of resultKeys) {
      const v = page[k];
      if (v === undefined) continue;
      const existing = complete[k];
      if (existing === undefined) complete[k] = Array.isArray(v) ? [...v] : v;
      else if (Array.isArray(existing) && Array.isArray(v)) existing.push(...v);
    }
    if (truncate > 0) break;
    total += current;
    const next: Record<string, unknown> = Object.fromEntries(inputTokens.map((t, i) => [t, page[outputTokens[i] ?? ''] ?? null]));
    if (paginator.more_results && !page[paginator.more_results]) break;
    if (Object.values(next).every((v) => v === null || v === undefined || v === '')) break;
    if (opts.maxItems !== undefined && total === opts.maxItems) {
      resume = next;
      break;
    }
    const key = JSON.stringify(next);
    if (previous === key) {
      throw new GeneralError(`Error during pagination: The same next token was received twice: ${pyJsonDumps(next).replace(/"/g, "'")}`);
    }
    previous = key;
    for (const [t, v] of Object.entries(next)) kwargs[t] = v;
    nextToken = next;
  }
  const out: Page = { ...complete };
  for (const [k, v] of Object.entries(nonAggregate)) if (!(k in out)) out[k] = v;
  if (resume) out.NextToken = encodeToken(resume);
  return out;
}

/** Python int() for --page-size / --max-items. */
export function pagingInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(v)) throw new ParamValidationError(`argument --${name}: invalid int value: '${v}'`, true);
  return Number.parseInt(v, 10);
}
