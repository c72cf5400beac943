/**
 * `--output text`: the AWS CLI's text algorithm (awscli/text.py). A dict prints its scalars on one
 * tab-separated line in key order, then each nested value under its upper-cased key; a list of dicts
 * uses the union of the scalar keys so the columns line up.
 */
import { isDict, pyStr, pyTypeName, sortedPy } from './py-repr.ts';
import { FormatError } from './query-error.ts';

/** Formats a (queried) result as the AWS CLI's text output; throws FormatError where awscli fails. */
export function formatText(value: unknown): string {
  const out: string[] = [];
  try {
    formatItem(value, out, undefined, undefined);
  } catch (e) {
    // Text is streamed: the lines before the failure have already been printed.
    if (e instanceof FormatError) throw new FormatError(e.message, out.join(''));
    throw e;
  }
  return out.join('');
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function formatItem(item: unknown, out: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  if (isDict(item)) formatDict(scalarKeys, item, identifier, out);
  else if (Array.isArray(item)) formatList(item, identifier, out);
  else out.push(`${pyStr(item)}\n`);
}

function formatList(item: unknown[], identifier: string | undefined, out: string[]): void {
  if (item.length === 0) return;
  if (item.some(isDict)) {
    const allKeys = allScalarKeys(item);
    for (const element of item) formatItem(element, out, identifier, allKeys);
  } else if (item.some(Array.isArray)) {
    const scalars = item.filter((el) => !isContainer(el));
    const nonScalars = item.filter(isContainer);
    if (scalars.length > 0) formatScalarList(scalars, identifier, out);
    for (const nonScalar of nonScalars) formatItem(nonScalar, out, identifier, undefined);
  } else {
    formatScalarList(item, identifier, out);
  }
}

function formatScalarList(elements: unknown[], identifier: string | undefined, out: string[]): void {
  if (identifier !== undefined) {
    for (const el of elements) out.push(`${identifier.toUpperCase()}\t${pyStr(el)}\n`);
  } else {
    out.push(`${elements.map(pyStr).join('\t')}\n`);
  }
}

function formatDict(scalarKeys: string[] | undefined, item: Record<string, unknown>, identifier: string | undefined, out: string[]): void {
  const [scalars, nonScalars] = partitionDict(item, scalarKeys);
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join('\t')}\n`);
  }
  for (const [key, value] of nonScalars) formatItem(value, out, key, undefined);
}

function allScalarKeys(listOfDicts: unknown[]): string[] {
  const seen = new Set<string>();
  for (const item of listOfDicts) {
    if (!isDict(item)) throw new FormatError(`'${pyTypeName(item)}' object has no attribute 'items'`);
    for (const [key, value] of Object.entries(item)) if (!isContainer(value)) seen.add(key);
  }
  return sortedPy(seen);
}

function partitionDict(item: Record<string, unknown>, scalarKeys: string[] | undefined): [string[], [string, unknown][]] {
  const scalars: string[] = [];
  const nonScalars: [string, unknown][] = [];
  if (scalarKeys === undefined) {
    for (const key of sortedPy(Object.keys(item))) {
      const value = item[key];
      if (isContainer(value)) nonScalars.push([key, value]);
      else scalars.push(pyStr(value));
    }
  } else {
    // A key that is scalar in some other element is printed here even if it is missing ('') or nested.
    for (const key of scalarKeys) scalars.push(Object.hasOwn(item, key) ? pyStr(item[key]) : '');
    const known = new Set(scalarKeys);
    for (const key of sortedPy(Object.keys(item).filter((k) => !known.has(k)))) nonScalars.push([key, item[key]]);
  }
  return [scalars, nonScalars];
}
