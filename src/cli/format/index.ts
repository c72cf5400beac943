/**
 * Output formatting for the `cognate` CLI, byte-compatible with AWS CLI v1: json, text and table
 * (optionally coloured), after an optional JMESPath --query evaluated as the CLI's Python jmespath
 * does. ResponseMetadata is never printed.
 */
import { evaluate } from './jmespath-interpreter.ts';
import { type Node, parseJmespath } from './jmespath-parser.ts';
import { formatJson } from './json.ts';
import { isDict } from './py-repr.ts';
import { JmespathSyntaxError, QueryError } from './query-error.ts';
import { formatTable } from './table.ts';
import { formatText } from './text.ts';
import { formatYaml, formatYamlStreamItem } from './yaml.ts';

export { FormatError, QueryError } from './query-error.ts';

/** How to print one result. */
export interface FormatOptions {
  output: 'json' | 'text' | 'table' | 'yaml' | 'yaml-stream';
  /** JMESPath applied once to the whole result before formatting. */
  query?: string;
  /** ANSI colour in table output (`--color on`, or `auto` on a terminal). */
  color: boolean;
  /** The wire operation name; the table's title row. */
  operationName: string;
  /** The terminal's width when stdout is a TTY; tables wrap at 80 columns otherwise. */
  ttyWidth?: number;
  /** yaml-stream: the result is one page of a paginated call (printed even when empty). */
  page?: boolean;
}

/**
 * Throws QueryError when the AWS CLI would reject `expr` as a --query value. The message is what follows
 * "Bad value for --query ", e.g. `[[[: Invalid jmespath expression: Incomplete expression:\n"[[["\n    ^`.
 */
export function validateQuery(expr: string): void {
  compileQuery(expr);
}

/**
 * The full text to write to stdout for `result` ('' when the CLI prints nothing). Throws QueryError for
 * an invalid query, and FormatError where the AWS CLI itself fails at run time (its message goes to
 * stderr after "\n", exit 255; FormatError.output is what it had already printed).
 */
export function formatOutput(result: unknown, opts: FormatOptions): string {
  let data = withoutResponseMetadata(result);
  if (opts.query !== undefined) data = evaluate(compileQuery(opts.query), data);
  switch (opts.output) {
    case 'json':
      return formatJson(data);
    case 'text':
      return formatText(data);
    case 'table':
      return formatTable(data, opts.operationName, opts.color, opts.ttyWidth ?? 80);
    case 'yaml':
      return formatYaml(data);
    case 'yaml-stream':
      // One response (or one page): a one-item list; an operation without output prints nothing.
      return isDict(data) && Object.keys(data).length === 0 && opts.page !== true ? '' : formatYamlStreamItem(data);
  }
}

function withoutResponseMetadata(result: unknown): unknown {
  if (!isDict(result) || !Object.hasOwn(result, 'ResponseMetadata')) return result;
  const { ResponseMetadata: _dropped, ...rest } = result;
  return rest;
}

/** Parses like Python's jmespath.compile(); returns the AST the interpreter evaluates. */
function compileQuery(expr: string): Node {
  try {
    return parseJmespath(expr);
  } catch (e) {
    if (e instanceof JmespathSyntaxError) throw new QueryError(`${expr}: ${e.message}`);
    throw e;
  }
}
