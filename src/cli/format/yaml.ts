/**
 * `--output yaml` and `yaml-stream`, byte for byte as AWS CLI v2 prints them: ruamel.yaml's safe dumper
 * in block style (keys sorted, sequences in a mapping not indented, 80-column folding of plain and
 * single-quoted scalars), and a bare scalar result as JSON. The scalar style follows the emitter's own
 * analysis: plain when the text reads back as the same string, else single-quoted, else double-quoted.
 */
import { isDict, pyNumber, sortedPy } from './py-repr.ts';

const WIDTH = 80;
const BREAKS = '\n\x85\u2028\u2029';
const SPACE_OR_BREAK = `\0 \t\r${BREAKS}`;

/** Texts a YAML 1.2 reader would take for something other than a string (ruamel's implicit resolvers). */
const IMPLICIT = [
  /^(?:true|True|TRUE|false|False|FALSE)$/,
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?$/,
  /^(?:<<|=)$/,
];

/** `--output yaml` for one (queried) result; an empty mapping prints nothing. */
export function formatYaml(value: unknown): string {
  if (isDict(value) && Object.keys(value).length === 0) return '';
  return dump(value);
}

/** `--output yaml-stream`: each page as a one-item list, printed as it arrives. */
export function formatYamlStreamItem(value: unknown): string {
  return dump([value]);
}

function dump(value: unknown): string {
  if (value === null || value === undefined || typeof value !== 'object') return `${jsonScalar(value)}\n`;
  const w = new Writer();
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]\n';
    sequence(value, 0, w, true);
  } else {
    if (Object.keys(value).length === 0) return '{}\n';
    mapping(value as Record<string, unknown>, 0, w, true);
  }
  return `${w.text}\n`;
}

/** A scalar document: ruamel would end it with `...`, so the CLI prints it as JSON instead. */
function jsonScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return pyNumber(v);
  return JSON.stringify(v);
}

class Writer {
  text = '';
  col = 0;
  write(t: string): void {
    this.text += t;
    this.col += t.length;
  }
  /** A new line indented to `indent`. */
  indent(indent: number): void {
    this.text += `\n${' '.repeat(indent)}`;
    this.col = indent;
  }
  lineBreak(): void {
    this.text += '\n';
    this.col = 0;
  }
  pad(indent: number): void {
    if (this.col < indent) this.write(' '.repeat(indent - this.col));
  }
}

const entriesOf = (o: Record<string, unknown>) => sortedPy(Object.keys(o).filter((k) => o[k] !== undefined));
const isEmpty = (v: unknown) => (Array.isArray(v) ? v.length === 0 : isDict(v) && entriesOf(v).length === 0);

function mapping(o: Record<string, unknown>, indent: number, w: Writer, inline: boolean): void {
  entriesOf(o).forEach((k, i) => {
    if (i > 0 || !inline) w.indent(indent);
    w.write(`${scalarText(k, indent + 2, new Writer(), false)}:`);
    const v = o[k];
    if (isEmpty(v)) w.write(Array.isArray(v) ? ' []' : ' {}');
    else if (Array.isArray(v)) sequence(v, indent, w, false);
    else if (isDict(v)) mapping(v, indent + 2, w, false);
    else {
      w.write(' ');
      scalar(v, indent + 2, w);
    }
  });
}

function sequence(items: unknown[], indent: number, w: Writer, inline: boolean): void {
  items.forEach((v, i) => {
    if (i > 0 || !inline) w.indent(indent);
    w.write('-');
    if (isEmpty(v)) w.write(Array.isArray(v) ? ' []' : ' {}');
    else if (Array.isArray(v)) {
      w.write(' ');
      sequence(v, indent + 2, w, true);
    } else if (isDict(v)) {
      w.write(' ');
      mapping(v, indent + 2, w, true);
    } else {
      w.write(' ');
      scalar(v, indent + 2, w);
    }
  });
}

function scalar(v: unknown, indent: number, w: Writer): void {
  if (v === null || v === undefined) w.write('null');
  else if (v === true || v === false) w.write(String(v));
  else if (typeof v === 'number') w.write(yamlNumber(v));
  else w.write(scalarText(String(v), indent, w, true));
}

function yamlNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Number.POSITIVE_INFINITY) return '.inf';
  if (n === Number.NEGATIVE_INFINITY) return '-.inf';
  return pyNumber(n);
}

/** A string scalar as the emitter writes it from column `col` at `indent` (a mapping key is never folded). */
export function yamlScalarAt(text: string, indent: number, col: number, key: boolean): string {
  const w = new Writer();
  w.col = col;
  return scalarText(text, indent, w, !key);
}

/** A plain scalar that reads back as another type (a timestamp): written plain, folded like any plain text. */
export function yamlPlainAt(text: string, indent: number, col: number): string {
  const w = new Writer();
  w.col = col;
  writePlain(text, indent, w, true);
  return w.text;
}

/** The scalar as written at `w`'s column (folded when `split`); `w` only supplies the starting column. */
function scalarText(text: string, indent: number, w: Writer, split: boolean): string {
  const a = analyze(text);
  const out = new Writer();
  out.col = w.col;
  const plain = a.plain && !IMPLICIT.some((re) => re.test(text));
  if (plain) writePlain(text, indent, out, split);
  else if (a.single) writeSingle(text, indent, out, split);
  else writeDouble(text, out);
  return out.text;
}

interface Analysis {
  plain: boolean;
  single: boolean;
}

/** PyYAML/ruamel Emitter.analyze_scalar, reduced to the two answers block context needs. */
function analyze(text: string): Analysis {
  if (text === '') return { plain: false, single: true };
  let block = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leading = false;
  let trailing = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  let precededByWs = true;
  const chars = [...text];
  let followedByWs = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1] as string);
  chars.forEach((ch, i) => {
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) block = true;
      if ('?:'.includes(ch) && followedByWs) block = true;
      if (ch === '-' && followedByWs) block = true;
    } else {
      if (ch === ':' && followedByWs) block = true;
      if (ch === '#' && precededByWs) block = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const cp = ch.codePointAt(0) as number;
    if (!(ch === '\n' || (cp >= 0x20 && cp <= 0x7e))) {
      // ruamel counts characters outside the BMP as special: they are escaped in double quotes.
      const printable = cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd);
      if (!printable || cp === 0xfeff) special = true;
    }
    if (ch === ' ') {
      if (i === 0 || i === chars.length - 1) i === 0 ? (leading = true) : (trailing = true);
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leading = true;
      if (i === chars.length - 1) trailing = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = SPACE_OR_BREAK.includes(ch);
    followedByWs = i + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[i + 2] as string);
  });
  let plain = !(leading || trailing || lineBreaks || block);
  let single = true;
  if (breakSpace || spaceBreak || special) {
    plain = false;
    single = false;
  }
  return { plain, single };
}

/** Emitter.write_plain: words are written whole; a single space past column 80 becomes a line break. */
function writePlain(text: string, indent: number, w: Writer, split: boolean): void {
  let spaces = false;
  let start = 0;
  for (let end = 0; end <= text.length; end++) {
    const ch = end < text.length ? text[end] : undefined;
    if (spaces) {
      if (ch !== ' ') {
        if (start + 1 === end && w.col > WIDTH && split) w.indent(indent);
        else w.write(text.slice(start, end));
        start = end;
      }
    } else if (ch === undefined || ch === ' ') {
      w.write(text.slice(start, end));
      start = end;
    }
    if (ch !== undefined) spaces = ch === ' ';
  }
}

/** Emitter.write_single_quoted: `'` doubled, a line break written as an empty line, folding at spaces. */
function writeSingle(text: string, indent: number, w: Writer, split: boolean): void {
  w.write("'");
  let spaces = false;
  let breaks = false;
  let start = 0;
  for (let end = 0; end <= text.length; end++) {
    const ch = end < text.length ? (text[end] as string) : undefined;
    if (spaces) {
      if (ch !== ' ') {
        if (start + 1 === end && w.col > WIDTH && split && start !== 0 && end !== text.length) w.indent(indent);
        else w.write(text.slice(start, end));
        start = end;
      }
    } else if (breaks) {
      if (ch === undefined || !BREAKS.includes(ch)) {
        if (text[start] === '\n') w.lineBreak();
        for (const br of text.slice(start, end)) {
          // A break other than \n is written as itself (the emitter's write_line_break(br)).
          if (br === '\n') w.lineBreak();
          else {
            w.text += br;
            w.col = 0;
          }
        }
        w.pad(indent);
        start = end;
      }
    } else if (ch === undefined || ch === ' ' || BREAKS.includes(ch) || ch === "'") {
      if (start < end) {
        w.write(text.slice(start, end));
        start = end;
      }
    }
    if (ch === "'") {
      w.write("''");
      start = end + 1;
    }
    if (ch !== undefined) {
      spaces = ch === ' ';
      breaks = BREAKS.includes(ch);
    }
  }
  w.write("'");
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xa0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

/** Emitter.write_double_quoted, without folding (only texts with control characters come here). */
function writeDouble(text: string, w: Writer): void {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    const printable = (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd);
    if (!printable || '"\\\x85\u2028\u2029\ufeff'.includes(ch)) {
      const hex = cp.toString(16).toUpperCase();
      out +=
        ESCAPES[ch] !== undefined
          ? `\\${ESCAPES[ch]}`
          : cp <= 0xff
            ? `\\x${hex.padStart(2, '0')}`
            : cp <= 0xffff
              ? `\\u${hex.padStart(4, '0')}`
              : `\\U${hex.padStart(8, '0')}`;
    } else out += ch;
  }
  w.write(`${out}"`);
}
