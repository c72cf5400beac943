/** `--output json`: Python's `json.dump(indent=4, ensure_ascii=False)` followed by a newline. */
import { isDict, pyNumber } from './py-repr.ts';

/** Formats a (queried) result; an empty dict prints nothing, every other value prints. */
export function formatJson(value: unknown): string {
  if (isDict(value) && Object.keys(value).length === 0) return '';
  return `${dumpValue(value, '')}\n`;
}

function dumpValue(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return dumpNumber(value);
  // JSON.stringify escapes exactly what Python's non-ASCII-preserving encoder escapes: quote, backslash, controls.
  if (typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + dumpValue(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${dumpValue(v, inner)}`).join(',\n')}\n${indent}}`;
}

function dumpNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return 'Infinity';
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
  return pyNumber(n);
}
