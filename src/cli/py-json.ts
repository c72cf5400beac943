/**
 * JSON the way the AWS CLI (Python) reads and writes it: a parser whose error texts are Python's
 * `json` module's ("Expecting value: line 1 column 9 (char 8)"), and `json.dumps` with its default
 * `", "`/`": "` separators and ASCII escapes, which is what botocore puts on the wire.
 */

/** Python's json.JSONDecodeError text. */
export class PyJsonError extends Error {
  constructor(msg: string, doc: string, pos: number) {
    const lineno = doc.slice(0, pos).split('\n').length;
    const colno = pos - doc.lastIndexOf('\n', pos - 1);
    super(`${msg}: line ${lineno} column ${colno} (char ${pos})`);
  }
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** json.loads(text) with Python's messages. */
export function pyJsonLoads(doc: string): unknown {
  let i = 0;
  const ws = () => {
    WS.lastIndex = i;
    WS.exec(doc);
    i = WS.lastIndex;
  };
  const fail = (msg: string, pos: number): never => {
    throw new PyJsonError(msg, doc, pos);
  };
  const str = (): string => {
    const begin = i - 1;
    let out = '';
    for (;;) {
      if (i >= doc.length) fail('Unterminated string starting at', begin);
      const c = doc[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = doc[i + 1];
        if (e === undefined) fail('Unterminated string starting at', begin);
        if (e === 'u') {
          const hex = doc.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape', i + 1);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
          continue;
        }
        const m = ESCAPES[e as string];
        if (m === undefined) fail(`Invalid \\escape: '\\${e}'`, i);
        out += m;
        i += 2;
        continue;
      }
      if (c < ' ') fail('Invalid control character at', i);
      out += c;
      i++;
    }
  };
  const value = (): unknown => {
    const c = doc[i];
    if (c === '"') {
      i++;
      return str();
    }
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (doc[i] === '}') {
        i++;
        return obj;
      }
      if (doc[i] !== '"') fail('Expecting property name enclosed in double quotes', i);
      for (;;) {
        i++;
        const key = str();
        ws();
        if (doc[i] !== ':') fail("Expecting ':' delimiter", i);
        i++;
        ws();
        obj[key] = value();
        ws();
        const n = doc[i];
        i++;
        if (n === '}') return obj;
        if (n !== ',') fail("Expecting ',' delimiter", i - 1);
        ws();
        if (doc[i] !== '"') fail('Expecting property name enclosed in double quotes', i);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (doc[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        const n = doc[i];
        i++;
        if (n === ']') return arr;
        if (n !== ',') fail("Expecting ',' delimiter", i - 1);
        ws();
      }
    }
    if (doc.startsWith('null', i)) {
      i += 4;
      return null;
    }
    if (doc.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (doc.startsWith('false', i)) {
      i += 5;
      return false;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(doc);
    if (m) {
      i = NUMBER.lastIndex;
      return Number(m[0]);
    }
    return fail('Expecting value', i);
  };
  ws();
  const v = value();
  ws();
  if (i !== doc.length) fail('Extra data', i);
  return v;
}

function pyString(s: string): string {
  // ensure_ascii=True: every non-ASCII UTF-16 unit becomes \uXXXX, as Python writes it.
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** json.dumps(value) with Python's default separators. */
export function pyJsonDumps(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return pyString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(pyJsonDumps).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyString(k)}: ${pyJsonDumps(x)}`)
    .join(', ')}}`;
}

/** Python's repr()/str() of a parsed value, for botocore's validation messages. */
export function pyRepr(v: unknown, top = true): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return top ? v : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => pyRepr(x, false)).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `'${k}': ${pyRepr(x, false)}`)
    .join(', ')}}`;
}

/** Python's type name of a parsed value, as in `<class 'list'>`. */
export function pyType(v: unknown): string {
  if (v === null || v === undefined) return "<class 'NoneType'>";
  if (typeof v === 'string') return "<class 'str'>";
  if (typeof v === 'boolean') return "<class 'bool'>";
  if (typeof v === 'number') return Number.isInteger(v) ? "<class 'int'>" : "<class 'float'>";
  if (Array.isArray(v)) return "<class 'list'>";
  return "<class 'dict'>";
}
