/**
 * The AWS CLI's shorthand syntax (`Name=email,Value=a@b.c`, `k1=v1,k2=v2`, `[a,b]`, `{k=v}`), a port
 * of awscli's ShorthandParser plus the BackCompatVisitor that coerces the parsed strings to the model's
 * types (a scalar where a list is expected becomes a one-element list; numbers and booleans convert).
 */
import type { ServiceModel, Shape } from '../protocol/model.ts';
import { readParamFile } from './param-file.ts';

type Parsed = string | Parsed[] | { [k: string]: Parsed } | Buffer;

/** A syntax error, with awscli's message and caret. */
export class ShorthandError extends Error {}

function errorLocation(value: string, index: number): string {
  let consumed = value;
  let remaining = '';
  let spaces = index;
  const before = value.slice(0, index);
  if (before.includes('\n')) spaces = index - before.lastIndexOf('\n') - 1;
  const after = value.slice(index);
  if (after.includes('\n')) {
    const next = index + after.indexOf('\n');
    consumed = value.slice(0, next);
    remaining = value.slice(next);
  }
  return `${consumed}\n${' '.repeat(spaces)}^${remaining}`;
}

const START = '!#-&(-+\\--<>-Z\\\\-z|-\\uffff';
const FIRST_VALUE = new RegExp(`(?:\\\\,|[${START}])(?:\\\\,|[\\s!#-&(-+\\--\\\\\\\\^-|~-\\uffff])*`, 'y');
const SECOND_VALUE = new RegExp(`(?:\\\\,|[${START}])(?:\\\\,|[\\s!#-&(-+\\--<>-\\uffff])*`, 'y');
const SINGLE_QUOTED = /'(?:\\'|[^'])*'/y;
const DOUBLE_QUOTED = /"(?:\\"|[^"])*"/y;
const KEY_CHARS = /[A-Za-z0-9\-_.#/:]/;
const REGEX_NAMES = new Map<RegExp, string>([
  [SECOND_VALUE, 'second'],
  [SINGLE_QUOTED, 'singled quoted'],
  [DOUBLE_QUOTED, 'double quoted'],
]);

class SyntaxErr extends ShorthandError {
  constructor(value: string, expected: string, actual: string, index: number) {
    super(`Expected: '${expected}', received: '${actual}' for input:\n${errorLocation(value, index)}`);
  }
}

/** Parses one shorthand string into nested strings, lists and objects. */
export function parseShorthand(input: string): Record<string, Parsed> {
  let i = 0;
  let resolveFiles = false;
  const eof = () => i >= input.length;
  const cur = () => (i < input.length ? input[i] : undefined);
  const isWs = (c: string | undefined) => c !== undefined && /\s/.test(c);
  const skipWs = () => {
    while (isWs(cur())) i++;
  };
  const expect = (ch: string, consumeWs = false) => {
    if (consumeWs) skipWs();
    if (i >= input.length) throw new SyntaxErr(input, ch, 'EOF', i);
    const actual = input[i] as string;
    if (actual !== ch) throw new SyntaxErr(input, ch, actual, i);
    i++;
    if (consumeWs) skipWs();
  };
  const tryRegex = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(input);
    if (!m) return undefined;
    i = re.lastIndex;
    return m[0];
  };
  const must = (re: RegExp): string => {
    const v = tryRegex(re);
    if (v === undefined) throw new SyntaxErr(input, `<${REGEX_NAMES.get(re) ?? 'first'}>`, '<none>', i);
    return v;
  };
  const resolve = (v: string): Parsed => (resolveFiles ? (readParamFile(v) ?? v) : v);
  const quoted = (re: RegExp, q: string): Parsed => {
    const raw = must(re).slice(1, -1);
    return resolve(raw.split(`\\${q}`).join(q).split('\\\\').join('\\'));
  };
  const firstValue = (): Parsed => {
    if (cur() === "'") return quoted(SINGLE_QUOTED, "'");
    if (cur() === '"') return quoted(DOUBLE_QUOTED, '"');
    const v = tryRegex(FIRST_VALUE);
    return v === undefined ? '' : resolve(v.replace(/\\,/g, ',').trimEnd());
  };
  const secondValue = (): Parsed => {
    if (cur() === "'") return quoted(SINGLE_QUOTED, "'");
    if (cur() === '"') return quoted(DOUBLE_QUOTED, '"');
    return resolve(must(SECOND_VALUE).replace(/\\,/g, ',').trimEnd());
  };
  const key = (): string => {
    const start = i;
    while (!eof() && KEY_CHARS.test(input[i] as string)) i++;
    return input.slice(start, i);
  };
  const atSign = () => {
    resolveFiles = false;
    const save = i;
    skipWs();
    if (cur() === '@') {
      i++;
      skipWs();
      resolveFiles = true;
    } else i = save;
  };
  const explicitValues = (): Parsed => {
    if (cur() === '[') return explicitList();
    if (cur() === '{') return hashLiteral();
    return firstValue();
  };
  const explicitList = (): Parsed[] => {
    expect('[', true);
    const values: Parsed[] = [];
    while (cur() !== ']') {
      if (eof()) throw new SyntaxErr(input, ']', 'EOF', i);
      values.push(explicitValues());
      skipWs();
      if (cur() !== ']') {
        expect(',');
        skipWs();
      }
    }
    expect(']');
    return values;
  };
  const hashLiteral = (): Record<string, Parsed> => {
    expect('{', true);
    const out: Record<string, Parsed> = {};
    while (cur() !== '}') {
      if (eof()) throw new SyntaxErr(input, '}', 'EOF', i);
      const k = key();
      atSign();
      expect('=', true);
      const v = explicitValues();
      skipWs();
      if (cur() !== '}') {
        expect(',');
        skipWs();
      }
      out[k] = v;
    }
    expect('}');
    return out;
  };
  const csvValue = (): Parsed => {
    const first = firstValue();
    skipWs();
    if (eof() || input[i] !== ',') return first;
    expect(',', true);
    const list: Parsed[] = [first];
    for (;;) {
      try {
        const v = secondValue();
        skipWs();
        if (eof()) {
          list.push(v);
          break;
        }
        expect(',', true);
        list.push(v);
      } catch (err) {
        if (!(err instanceof SyntaxErr) || eof()) throw err;
        // Not a value: the comma began the next key=value pair, so step back to it.
        while (i >= 0 && input[i] !== ',') i--;
        break;
      }
    }
    return list.length === 1 ? first : list;
  };
  const values = (): Parsed => {
    if (eof()) return '';
    if (cur() === '[') return explicitList();
    if (cur() === '{') return hashLiteral();
    return csvValue();
  };
  const keyval = (): [string, Parsed] => {
    const k = key();
    atSign();
    expect('=', true);
    return [k, values()];
  };
  const params: Record<string, Parsed> = {};
  const [k0, v0] = keyval();
  params[k0] = v0;
  let last = i;
  while (i < input.length) {
    expect(',', true);
    const [k, v] = keyval();
    if (k in params) {
      throw new ShorthandError(
        `Second instance of key "${k}" encountered for input:\n${errorLocation(input, last + 1)}\nThis is often because there is a preceding "," instead of a space.`,
      );
    }
    params[k] = v;
    last = i;
  }
  return params;
}

/** Python's int() of a shorthand string. */
export function pyInt(v: unknown): number {
  const s = String(v);
  if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new Error(`invalid literal for int() with base 10: '${s}'`);
  return Number.parseInt(s, 10);
}

/** Python's float() of a shorthand string. */
export function pyFloat(v: unknown): number {
  const n = Number(String(v).trim());
  if (String(v).trim() === '' || Number.isNaN(n)) throw new Error(`could not convert string to float: '${String(v)}'`);
  return n;
}

/** BackCompatVisitor: coerces parsed shorthand to the shapes of the model, in place. */
export function coerceShorthand(model: ServiceModel, shape: Shape, value: unknown): unknown {
  const shapeOf = (n: string) => model.shapes[n] as Shape;
  const visit = (s: Shape, v: unknown): unknown => {
    if (v === undefined || v === null) return v;
    switch (s.type) {
      case 'structure': {
        if (s.document)
          throw new ShorthandError(
            'Shorthand syntax does not support document types. Use JSON input for top-level argument to specify nested parameter',
          );
        if (typeof v !== 'object' || Array.isArray(v) || Buffer.isBuffer(v)) return v;
        const o = v as Record<string, unknown>;
        for (const [name, ref] of Object.entries(s.members ?? {})) {
          if (o[name] !== undefined) o[name] = visit(shapeOf(ref.shape), o[name]);
        }
        return o;
      }
      case 'list': {
        const member = shapeOf(s.member?.shape ?? '');
        const arr = Array.isArray(v) ? v : [v];
        return arr.map((x) => visit(member, x));
      }
      case 'map': {
        if (typeof v !== 'object' || Array.isArray(v)) return v;
        const o = v as Record<string, unknown>;
        const vs = shapeOf(s.value?.shape ?? '');
        for (const k of Object.keys(o)) o[k] = visit(vs, o[k]);
        return o;
      }
      case 'integer':
      case 'long':
        return pyInt(v);
      case 'double':
      case 'float':
        return pyFloat(v);
      case 'boolean':
        if (typeof v === 'string' && v.toLowerCase() === 'true') return true;
        if (typeof v === 'string' && v.toLowerCase() === 'false') return false;
        return v;
      default:
        return v;
    }
  };
  return visit(shape, value);
}
