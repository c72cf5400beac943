/**
 * `--generate-cli-skeleton yaml-input` (AWS CLI v2): awscli's YAMLArgumentGenerator — the `input`
 * placeholders, except a blob is `!!binary ''` and a timestamp a YAML datetime — dumped by ruamel.yaml's
 * round-trip emitter with an end-of-line comment on every structure member.
 *
 * v2 builds that comment from `[REQUIRED]` (required members), the first sentence of the member's
 * documentation and `Valid values are: A, B.` (enums). Cognate's models carry no documentation, so the
 * comment is v2's without that sentence, and a member left with nothing gets none. Every member of these
 * services' models is documented, so in v2's output every structure member has a comment, and the layout
 * follows that: the first member of each mapping gets two spaces before `#` (ruamel finds no earlier
 * comment to align with and pads the comment itself), the others one; and a commented sequence leaves
 * ruamel's `no_newline` set, which puts a nested sequence's first item on its own line (`- -\n    ''`).
 * The emitter below is the part of ruamel.yaml's Emitter these documents reach, state for state.
 */
import type { ServiceModel, Shape } from '../protocol/model.ts';
import { yamlPlainAt, yamlScalarAt } from './format/yaml.ts';

type YamlNode =
  | { kind: 'string'; text: string }
  | { kind: 'raw'; text: string } // plain text of another type: 0, 0.0, true, a timestamp
  | { kind: 'binary' }
  | { kind: 'seq'; items: YamlNode[] }
  | { kind: 'map'; entries: Entry[] };

interface Entry {
  key: string;
  value: YamlNode;
  /** A structure member's comment without documentation ('' = v2 has only documentation there); none for a map's KeyName. */
  comment?: { text: string; first: boolean };
}

/** The yaml-input skeleton of the named input shape, as v2 prints it (less the documentation sentences). */
export function yamlSkeleton(model: ServiceModel, shapeName: string | undefined): string {
  const root: YamlNode = shapeName ? build(model, shapeName) : { kind: 'map', entries: [] };
  return new Emitter().document(root);
}

function build(model: ServiceModel, shapeName: string): YamlNode {
  const stack: string[] = [];
  const gen = (name: string): YamlNode => {
    const shape = model.shapes[name] as Shape;
    stack.push(name);
    try {
      switch (shape.type) {
        case 'structure': {
          // A structure met again inside itself is an empty mapping.
          if (stack.filter((s) => s === name).length > 1) return { kind: 'map', entries: [] };
          const required = new Set(shape.required ?? []);
          const entries = Object.entries(shape.members ?? {}).map(([key, ref], i): Entry => {
            const member = model.shapes[ref.shape] as Shape;
            const parts: string[] = [];
            if (required.has(key)) parts.push('[REQUIRED]');
            if (member.enum && member.enum.length > 0) parts.push(`Valid values are: ${member.enum.join(', ')}.`);
            return { key, value: gen(ref.shape), comment: { text: parts.join(' '), first: i === 0 } };
          });
          return { kind: 'map', entries };
        }
        case 'list':
          return { kind: 'seq', items: [gen(shape.member?.shape ?? '')] };
        case 'map':
          return { kind: 'map', entries: [{ key: 'KeyName', value: gen(shape.value?.shape ?? '') }] };
        case 'string':
          if (shape.enum && shape.enum.length > 0)
            return { kind: 'string', text: shape.enum[Math.floor(Math.random() * shape.enum.length)] as string };
          return { kind: 'string', text: '' };
        case 'integer':
        case 'long':
          return { kind: 'raw', text: '0' };
        case 'float':
        case 'double':
          return { kind: 'raw', text: '0.0' };
        case 'boolean':
          return { kind: 'raw', text: 'true' };
        case 'timestamp':
          // datetime(1970, 1, 1) as ruamel represents a naive datetime.
          return { kind: 'raw', text: '1970-01-01 00:00:00' };
        case 'blob':
          return { kind: 'binary' };
        default:
          return { kind: 'string', text: '' };
      }
    } finally {
      stack.pop();
    }
  };
  return gen(shapeName);
}

type Comment = Entry['comment'];

/** ruamel.yaml's Emitter (block style, default indents), reduced to the events a skeleton produces. */
class Emitter {
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private noNewline = false;
  private indent: number | null = null;
  private readonly indents: { value: number | null; seq: boolean }[] = [];
  private flowLevel = 0;
  private sequenceContext = false;
  private mappingContext = false;

  document(root: YamlNode): string {
    this.node(root, {}, undefined);
    this.writeIndent();
    return this.out;
  }

  private write(text: string): void {
    this.out += text;
    const nl = text.lastIndexOf('\n');
    this.column = nl < 0 ? this.column + text.length : text.length - nl - 1;
  }

  private lineBreak(): void {
    this.out += '\n';
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
  }

  private indicator(text: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? text : ` ${text}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  private writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      if (this.noNewline) this.noNewline = false;
      else this.lineBreak();
    }
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  private increaseIndent(flow: boolean, seq: boolean, indentless = false): void {
    this.indents.push({ value: this.indent, seq });
    if (this.indent === null) this.indent = flow ? null : 0;
    else if (!indentless) this.indent += 2;
  }

  private popIndent(): void {
    this.indent = (this.indents.pop() as { value: number | null }).value;
  }

  /** write_post_comment: yaml_add_eol_comment made it `# text` (` # text` without an earlier comment to align to), column 0. */
  private postComment(c: NonNullable<Comment>): void {
    const value = c.text === '' ? '' : `${c.first ? ' ' : ''}# ${c.text}`;
    if (value !== '') this.out += `${' '.repeat(this.column > 0 ? 1 : 0)}${value}`;
    this.lineBreak();
  }

  private node(n: YamlNode, ctx: { sequence?: boolean; mapping?: boolean; key?: boolean }, comment: Comment): void {
    this.sequenceContext = ctx.sequence ?? false;
    this.mappingContext = ctx.mapping ?? false;
    if (n.kind === 'seq') {
      if (comment) {
        this.postComment(comment);
        this.indention = false;
        this.noNewline = true;
      }
      this.blockSequence(n.items);
    } else if (n.kind === 'map') {
      if (n.entries.length === 0) this.emptyMapping(comment);
      else {
        if (comment) this.postComment(comment);
        this.blockMapping(n.entries);
      }
    } else {
      if (n.kind === 'binary') {
        this.indicator('!!binary', true);
        if (this.sequenceContext && this.flowLevel === 0) this.noNewline = true;
      }
      this.scalar(n, ctx.key ?? false, comment);
    }
  }

  private scalar(n: YamlNode, key: boolean, comment: Comment): void {
    this.increaseIndent(true, false);
    if (this.sequenceContext && this.flowLevel === 0) this.writeIndent();
    if (!this.whitespace) this.write(' ');
    const indent = this.indent ?? 0;
    if (n.kind === 'raw') this.write(yamlPlainAt(n.text, indent, this.column));
    else this.write(yamlScalarAt(n.kind === 'string' ? n.text : '', indent, this.column, key));
    this.whitespace = false;
    this.indention = false;
    this.popIndent();
    if (comment) this.postComment(comment);
  }

  private blockSequence(items: YamlNode[]): void {
    this.increaseIndent(false, true, this.mappingContext && !this.indention);
    for (const item of items) {
      const nonl = this.column === 0 ? this.noNewline : false;
      this.writeIndent();
      this.indicator('-', true, false, true);
      if (nonl) this.noNewline = true;
      this.node(item, { sequence: true }, undefined);
    }
    this.popIndent();
    this.noNewline = false;
  }

  private blockMapping(entries: Entry[]): void {
    this.increaseIndent(false, false);
    for (const e of entries) {
      this.writeIndent();
      this.node({ kind: 'string', text: e.key }, { mapping: true, key: true }, undefined);
      this.indicator(':', false);
      this.node(e.value, { mapping: true }, e.comment);
    }
    this.popIndent();
  }

  /** `{}`: a flow mapping; its comment is written after the closing brace. */
  private emptyMapping(comment: Comment): void {
    const last = this.indents[this.indents.length - 1];
    const align = this.indents.length >= 2 && last?.seq ? (last.value ?? 0) + 2 - this.column - 1 : 0;
    this.indicator(`${' '.repeat(Math.max(0, align))}{`, true, true);
    this.flowLevel++;
    this.increaseIndent(true, false);
    this.popIndent();
    this.flowLevel--;
    this.indicator('}', false);
    if (comment) this.postComment(comment);
    else if (this.flowLevel === 0) this.lineBreak();
  }
}
