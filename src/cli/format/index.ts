/**
 * Output formatting for the `cognate` CLI, byte-compatible with AWS CLI v1: json, text and table
 * (optionally coloured), after an optional JMESPath --query. ResponseMetadata is never printed.
 */
import { createRequire } from 'node:module';
import { formatJson } from './json.ts';
import { checkJmespath } from './jmespath-parser.ts';
import { isDict } from './py-repr.ts';
import { JmespathSyntaxError, QueryError } from './query-error.ts';
import { formatTable } from './table.ts';
import { formatText } from './text.ts';

export { FormatError, QueryError } from './query-error.ts';

/** How to print one result. */
export interface FormatOptions {
  output: 'json' | 'text' | 'table';
  /** JMESPath applied once to the whole result before formatting. */
  query?: string;
  /** ANSI colour in table output (`--color on`, or `auto` on a terminal). */
  color: boolean;
  /** The wire operation name; the table's title row. */
  operationName: string;
  /** The terminal's width when stdout is a TTY; tables wrap at 80 columns otherwise. */
  ttyWidth?: number;
}

/**
 * Throws QueryError when the AWS CLI would reject `expr` as a --query value. The message is what follows
 * "Bad value for --query ", e.g. `[[[: Invalid jmespath expression: Incomplete expression:\n"[[["\n    ^`.
 */
export function validateQuery(expr: string): void {
  compileQuery(expr);
}

/** Validates like validateQuery; returns the expression in the form the JMESPath engine evaluates. */
function compileQuery(expr: string): string {
  try {
    return checkJmespath(expr);
  } catch (e) {
    if (e instanceof JmespathSyntaxError) throw new QueryError(`${expr}: ${e.message}`);
    throw e;
  }
}

/** The full text to write to stdout for `result` ('' when the CLI prints nothing). */
export function formatOutput(result: unknown, opts: FormatOptions): string {
  let data = withoutResponseMetadata(result);
  if (opts.query !== undefined) data = runQuery(opts.query, data);
  switch (opts.output) {
    case 'json':
      return formatJson(data);
    case 'text':
      return formatText(data);
    case 'table':
      return formatTable(data, opts.operationName, opts.color, opts.ttyWidth ?? 80);
  }
}

function withoutResponseMetadata(result: unknown): unknown {
  if (!isDict(result) || !Object.hasOwn(result, 'ResponseMetadata')) return result;
  const { ResponseMetadata: _dropped, ...rest } = result;
  return rest;
}

type SearchFn = (data: unknown, expression: string) => unknown;
let search: SearchFn | undefined;

/** Evaluates a JMESPath expression; the engine is loaded on first use so runs without --query skip it. */
function runQuery(expr: string, data: unknown): unknown {
  const compiled = compileQuery(expr);
  if (!search) {
    const mod = createRequire(import.meta.url)('@jmespath-community/jmespath') as { search: SearchFn };
    search = mod.search;
  }
  return search(data, compiled);
}
