/**
 * `--output table`: builds sections from the response the way awscli/formatter.py TableFormatter
 * does (title = operation name, nested dicts and lists become indented sub-tables, scalar keys sorted
 * as column headers), then renders them with MultiTable.
 */
import { MultiTable } from './multi-table.ts';
import { isDict, isScalar, pyTruthy, pyTypeName, sortedPy } from './py-repr.ts';
import { FormatError } from './query-error.ts';

/** Formats a (queried) result as the AWS CLI's table output. Falsy results print nothing. */
export function formatTable(value: unknown, operationName: string, color: boolean, terminalWidth: number): string {
  const table = new MultiTable(terminalWidth, color);
  if (!buildTable(table, operationName, value, 0)) return '';
  return table.render();
}

function buildTable(table: MultiTable, title: string | undefined, current: unknown, indentLevel: number): boolean {
  if (!pyTruthy(current)) return false;
  if (title !== undefined) table.newSection(title, indentLevel);
  if (Array.isArray(current)) {
    if (isDict(current[0])) {
      buildFromList(table, current, indentLevel, title);
    } else {
      for (const item of current) {
        if (isScalar(item)) table.addRow([item]);
        // Iterating a Python dict yields its keys, which are all scalars.
        else if (isDict(item)) table.addRow(Object.keys(item));
        else if ((item as unknown[]).every(isScalar)) table.addRow(item as unknown[]);
        else buildTable(table, undefined, item, 0);
      }
    }
  }
  if (isDict(current)) buildFromDict(table, current, indentLevel);
  return true;
}

function buildFromDict(table: MultiTable, current: Record<string, unknown>, indentLevel: number): void {
  const [headers, more] = groupScalarKeys(current);
  if (headers.length === 1) {
    const key = headers[0] as string;
    table.addRow([key, current[key]]);
  } else if (headers.length > 0) {
    table.addRowHeader(headers);
    table.addRow(headers.map((k) => current[k]));
  }
  for (const key of more) buildTable(table, key, current[key], indentLevel + 1);
}

function buildFromList(table: MultiTable, current: unknown[], indentLevel: number, title: string | undefined): void {
  const headerSet = new Set<string>();
  const moreSet = new Set<string>();
  for (const item of current) {
    const [h, m] = groupScalarKeys(asDict(item));
    for (const k of h) headerSet.add(k);
    for (const k of m) moreSet.add(k);
  }
  const headers = sortedPy(headerSet);
  const more = sortedPy(moreSet);
  table.addRowHeader(headers);
  current.forEach((item, i) => {
    const element = asDict(item);
    if (i > 0 && more.length > 0) {
      table.newSection(title, indentLevel);
      table.addRowHeader(headers);
    }
    table.addRow(headers.map((h) => (Object.hasOwn(element, h) ? element[h] : '')));
    for (const key of more) if (Object.hasOwn(element, key)) buildTable(table, key, element[key], indentLevel + 1);
  });
}

/**
 * A list that starts with a dict is read as a list of dicts. awscli indexes every member by its own
 * elements, which fails (or finds nothing, for empty members) when a member is not a dict.
 */
function asDict(item: unknown): Record<string, unknown> {
  if (isDict(item)) return item;
  const type = pyTypeName(item);
  if (typeof item === 'string') {
    if (item === '') return {};
    throw new FormatError("string indices must be integers, not 'str'");
  }
  if (Array.isArray(item)) {
    if (item.length === 0) return {};
    throw new FormatError(`list indices must be integers or slices, not ${pyTypeName(item[0])}`);
  }
  throw new FormatError(`'${type}' object is not iterable`);
}

function groupScalarKeys(current: Record<string, unknown>): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const [key, value] of Object.entries(current)) (isScalar(value) ? headers : more).push(key);
  return [sortedPy(headers), sortedPy(more)];
}
