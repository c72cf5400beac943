/**
 * The built-in functions of Python's `jmespath` package (jmespath/functions.py): same signatures,
 * type checks, results and error texts.
 */
import type { Node } from './jmespath-parser.ts';
import { pyEquals, pyNumber, pyRepr, pyStr, pyTypeName } from './py-repr.ts';
import { FormatError } from './query-error.ts';

/** An `&expression` argument, evaluated by the function that receives it. */
export class ExprRef {
  constructor(
    readonly node: Node,
    private readonly run: (node: Node, value: unknown) => unknown,
  ) {}

  visit(value: unknown): unknown {
    return this.run(this.node, value);
  }
}

/** Python type name, extended with jmespath's expression type. */
function typeName(value: unknown): string {
  return value instanceof ExprRef ? '_Expression' : pyTypeName(value);
}

const TYPES_MAP: Record<string, string> = {
  bool: 'boolean',
  list: 'array',
  dict: 'object',
  NoneType: 'null',
  str: 'string',
  float: 'number',
  int: 'number',
  _Expression: 'expref',
};
const REVERSE: Record<string, string[]> = {
  boolean: ['bool'],
  array: ['list', '_Projection'],
  object: ['dict', 'OrderedDict'],
  null: ['NoneType'],
  string: ['unicode', 'str'],
  number: ['float', 'int', 'long'],
  expref: ['_Expression'],
};
const jmesType = (pyType: string): string => TYPES_MAP[pyType] ?? 'unknown';

function typeError(fn: string, value: unknown, actualType: string, expected: string[]): FormatError {
  return new FormatError(
    `In function ${fn}(), invalid type for value: ${pyStr(value)}, expected one of: ${pyRepr(expected)}, received: "${actualType}"`,
  );
}

interface Arg {
  types: string[];
  variadic?: boolean;
}
type Impl = (args: unknown[]) => unknown;

function checkArgs(fn: string, args: unknown[], signature: Arg[]): void {
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if (signature.at(-1)?.variadic) {
    if (args.length < signature.length) {
      throw new FormatError(
        `Expected at least ${signature.length} ${plural(signature.length)} for function ${fn}(), received ${args.length}`,
      );
    }
  } else if (args.length !== signature.length) {
    throw new FormatError(`Expected ${signature.length} ${plural(signature.length)} for function ${fn}(), received ${args.length}`);
  }
  signature.forEach((arg, i) => {
    if (arg.types.length > 0) checkType(fn, args[i], arg.types);
  });
}

function checkType(fn: string, current: unknown, types: string[]): void {
  const allowed: string[] = [];
  const subtypes: string[][] = [];
  for (const t of types) {
    const [type = '', subtype] = t.split('-', 2);
    if (subtype !== undefined) subtypes.push(REVERSE[subtype] ?? []);
    allowed.push(...(REVERSE[type] ?? []));
  }
  const actual = typeName(current);
  if (!allowed.includes(actual)) throw typeError(fn, current, jmesType(actual), types);
  if (subtypes.length === 0 || !Array.isArray(current)) return;
  let allowedSub: string[] | undefined;
  if (subtypes.length === 1) allowedSub = subtypes[0];
  else if (current.length > 0) {
    const first = typeName(current[0]);
    allowedSub = subtypes.find((s) => s.includes(first));
    if (!allowedSub) throw typeError(fn, current[0], first, types);
  }
  if (!allowedSub) return;
  for (const element of current) {
    const t = typeName(element);
    if (!allowedSub.includes(t)) throw typeError(fn, element, t, types);
  }
}

/** Python's `<` for min/max/sorted: numbers with numbers, strings by code point, else a TypeError. */
function pyLess(op: '<' | '>', a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return op === '<' ? a < b : a > b;
  if (typeof a === 'string' && typeof b === 'string') {
    const c = cmpStr(a, b);
    return op === '<' ? c < 0 : c > 0;
  }
  throw new FormatError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function cmpStr(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

/** Python's min()/max() with an optional key: the first extreme element wins. */
function extreme(op: '<' | '>', items: unknown[], key: (x: unknown) => unknown = (x) => x): unknown {
  let best = items[0];
  let bestKey = key(best);
  for (const item of items.slice(1)) {
    const k = key(item);
    if (pyLess(op, k, bestKey)) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

function sortedBy(items: unknown[], key: (x: unknown) => unknown): unknown[] {
  const keyed = items.map((item) => ({ item, k: key(item) }));
  // Array.prototype.sort is stable, like Python's sorted().
  keyed.sort((a, b) => (pyLess('<', a.k, b.k) ? -1 : pyLess('<', b.k, a.k) ? 1 : 0));
  return keyed.map((x) => x.item);
}

function keyFunc(expref: ExprRef, allowed: string[], fn: string): (x: unknown) => unknown {
  return (x) => {
    const result = expref.visit(x);
    const t = jmesType(typeName(result));
    if (!allowed.includes(t)) throw typeError(fn, result, t, allowed);
    return result;
  };
}

/** Python's json.dumps(separators=(',', ':')) with its default ensure_ascii. */
function compactJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number')
    return Number.isFinite(value) ? pyNumber(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'string')
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`;
  if (value instanceof ExprRef) return JSON.stringify(String(value));
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${compactJson(k)}:${compactJson(v)}`)
    .join(',')}}`;
}

function toNumber(arg: unknown): unknown {
  if (typeof arg === 'number') return arg;
  if (typeof arg !== 'string') return null;
  const s = arg.trim();
  if (/^[+-]?\d+(_\d+)*$/.test(s)) return Number(s.replaceAll('_', ''));
  if (/^[+-]?(\d+(_\d+)*(\.(\d+(_\d+)*)?)?|\.\d+(_\d+)*)([eE][+-]?\d+(_\d+)*)?$/.test(s)) return Number(s.replaceAll('_', ''));
  const special = s.toLowerCase().replace(/^[+-]/, '');
  if (special === 'inf' || special === 'infinity') return s.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (special === 'nan') return Number.NaN;
  return null;
}

const num = (x: unknown) => x as number;
const FUNCTIONS: Record<string, [Arg[], Impl]> = {
  abs: [[{ types: ['number'] }], ([a]) => Math.abs(num(a))],
  avg: [
    [{ types: ['array-number'] }],
    ([a]) => ((a as number[]).length ? (a as number[]).reduce((x, y) => x + y, 0) / (a as number[]).length : null),
  ],
  not_null: [[{ types: [], variadic: true }], (args) => args.find((a) => a !== null && a !== undefined) ?? null],
  to_array: [[{ types: [] }], ([a]) => (Array.isArray(a) ? a : [a])],
  to_string: [[{ types: [] }], ([a]) => (typeof a === 'string' ? a : compactJson(a))],
  to_number: [[{ types: [] }], ([a]) => toNumber(a)],
  contains: [
    [{ types: ['array', 'string'] }, { types: [] }],
    ([subject, search]) => {
      if (Array.isArray(subject)) return subject.some((x) => pyEquals(x, search));
      if (typeof search !== 'string') throw new FormatError(`'in <string>' requires string as left operand, not ${typeName(search)}`);
      return (subject as string).includes(search);
    },
  ],
  length: [
    [{ types: ['string', 'array', 'object'] }],
    ([a]) => (typeof a === 'string' ? Array.from(a).length : Array.isArray(a) ? a.length : Object.keys(a as object).length),
  ],
  ends_with: [[{ types: ['string'] }, { types: ['string'] }], ([s, x]) => (s as string).endsWith(x as string)],
  starts_with: [[{ types: ['string'] }, { types: ['string'] }], ([s, x]) => (s as string).startsWith(x as string)],
  reverse: [
    [{ types: ['array', 'string'] }],
    ([a]) => (typeof a === 'string' ? Array.from(a).reverse().join('') : [...(a as unknown[])].reverse()),
  ],
  ceil: [[{ types: ['number'] }], ([a]) => Math.ceil(num(a))],
  floor: [[{ types: ['number'] }], ([a]) => Math.floor(num(a))],
  join: [[{ types: ['string'] }, { types: ['array-string'] }], ([sep, arr]) => (arr as string[]).join(sep as string)],
  map: [[{ types: ['expref'] }, { types: ['array'] }], ([e, arr]) => (arr as unknown[]).map((x) => (e as ExprRef).visit(x))],
  max: [[{ types: ['array-number', 'array-string'] }], ([a]) => ((a as unknown[]).length ? extreme('>', a as unknown[]) : null)],
  min: [[{ types: ['array-number', 'array-string'] }], ([a]) => ((a as unknown[]).length ? extreme('<', a as unknown[]) : null)],
  merge: [[{ types: ['object'], variadic: true }], (args) => Object.assign({}, ...(args as object[]))],
  sort: [[{ types: ['array-string', 'array-number'] }], ([a]) => sortedBy(a as unknown[], (x) => x)],
  sum: [[{ types: ['array-number'] }], ([a]) => (a as number[]).reduce((x, y) => x + y, 0)],
  keys: [[{ types: ['object'] }], ([a]) => Object.keys(a as object)],
  values: [[{ types: ['object'] }], ([a]) => Object.values(a as object)],
  type: [[{ types: [] }], ([a]) => (a instanceof ExprRef ? null : jmesType(pyTypeName(a)))],
  sort_by: [
    [{ types: ['array'] }, { types: ['expref'] }],
    ([arr, e]) => {
      const items = arr as unknown[];
      if (items.length === 0) return items;
      const required = jmesType(typeName((e as ExprRef).visit(items[0])));
      if (required !== 'number' && required !== 'string') throw typeError('sort_by', items[0], required, ['string', 'number']);
      return sortedBy(items, keyFunc(e as ExprRef, [required], 'sort_by'));
    },
  ],
  min_by: [[{ types: ['array'] }, { types: ['expref'] }], ([arr, e]) => byKey('<', arr as unknown[], e as ExprRef, 'min_by')],
  max_by: [[{ types: ['array'] }, { types: ['expref'] }], ([arr, e]) => byKey('>', arr as unknown[], e as ExprRef, 'max_by')],
};

function byKey(op: '<' | '>', items: unknown[], e: ExprRef, fn: string): unknown {
  const key = keyFunc(e, ['number', 'string'], fn);
  return items.length ? extreme(op, items, key) : null;
}

/** Calls a built-in by name with already-evaluated arguments. */
export function callFunction(name: string, args: unknown[]): unknown {
  const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!spec) throw new FormatError(`Unknown function: ${name}()`);
  checkArgs(name, args, spec[0]);
  return spec[1](args);
}
