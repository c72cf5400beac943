/**
 * Writing results to stdout in the chosen format (json, text, table; --query; colour). json and table
 * print the whole (merged) result once; text output of a paginated command prints each page as it
 * arrives, with --query applied to each page, and ends with a `NEXTTOKEN\t<token>` line when --max-items
 * stopped early (awscli's TextFormatter does exactly this).
 */
import { GeneralError, invalidChoice, ParamValidationError } from './errors.ts';
import { type GlobalOptions, OUTPUT_CHOICES } from './global-options.ts';
import { closeMatches } from './names.ts';
import { selectOutput, writeOutput } from './pager.ts';
import type { Settings } from './settings.ts';

type Output = 'json' | 'text' | 'table' | 'yaml' | 'yaml-stream';
type Formatter = (result: unknown, page?: boolean) => void;

/** The output format in effect (flag, AWS_DEFAULT_OUTPUT, profile, json); an unknown one is an invalid choice. */
export function outputFormat(globals: GlobalOptions, settings: Settings | undefined): Output {
  const output = globals.output ?? settings?.output() ?? 'json';
  if (!(OUTPUT_CHOICES as readonly string[]).includes(output))
    throw invalidChoice('--output', output, closeMatches(output, OUTPUT_CHOICES));
  return output as Output;
}

/** A function that formats one result and writes it, turning formatter failures into the CLI's errors. */
async function formatter(
  globals: GlobalOptions,
  settings: Settings | undefined,
  output: Output,
  operationName: string,
): Promise<Formatter> {
  if (settings) selectOutput(globals, settings);
  const color = globals.color === 'on' || (globals.color === 'auto' && process.stdout.isTTY === true);
  const { formatOutput } = await import('./format/index.ts');
  return (result, page) => {
    try {
      const text = formatOutput(result, {
        output,
        color,
        operationName,
        ...(page ? { page } : {}),
        ...(globals.query !== undefined ? { query: globals.query } : {}),
        ...(process.stdout.isTTY && process.stdout.columns ? { ttyWidth: process.stdout.columns } : {}),
      });
      if (text) writeOutput(text);
    } catch (err) {
      const e = err as Error & { output?: string };
      if (e.name === 'FormatError') {
        if (e.output) writeOutput(e.output);
        throw new GeneralError(e.message);
      }
      if (e.name === 'QueryError') throw new ParamValidationError(`Bad value for --query ${e.message}`);
      throw err;
    }
  };
}

/** Prints one whole result; an empty result prints nothing in every format. */
export async function printResult(
  result: unknown,
  globals: GlobalOptions,
  settings: Settings | undefined,
  operationName: string,
): Promise<void> {
  const isEmpty = result !== null && typeof result === 'object' && !Array.isArray(result) && Object.keys(result).length === 0;
  // The formatter is not even loaded for an empty result.
  if (isEmpty && globals.query === undefined) return;
  (await formatter(globals, settings, outputFormat(globals, settings), operationName))(result);
}

/** Text output of a paginated command: `page` writes each page, `finish` the resume token line. */
export interface PageStream {
  page(view: Record<string, unknown>, raw: Record<string, unknown>): void;
  finish(merged: Record<string, unknown>): void;
}

/**
 * A page stream for text and yaml-stream output (yaml-stream prints each whole page as a one-item list, as
 * AWS CLI v2 does); undefined for json, table and yaml, which print the merged result.
 */
export async function textPageStream(globals: GlobalOptions, settings: Settings, operationName: string): Promise<PageStream | undefined> {
  const output = outputFormat(globals, settings);
  if (output === 'yaml-stream') {
    const write = await formatter(globals, settings, output, operationName);
    return { page: (_view, raw) => write(raw, true), finish() {} };
  }
  if (output !== 'text') return undefined;
  const write = await formatter(globals, settings, 'text', operationName);
  return {
    page: (view) => write(view),
    finish(merged) {
      if (typeof merged.NextToken === 'string') write({ NextToken: { NextToken: merged.NextToken } });
    },
  };
}
