/**
 * The AWS CLI's table renderer (awscli/table.py MultiTable/Section), reproduced write for write: with
 * colour on, the CLI's colorama stream appends ESC[0m after every write, so the exact sequence of
 * writes is part of the output.
 */
import { pyStr, pyTruthy } from './py-repr.ts';
import { FormatError } from './query-error.ts';
import { textLength } from './text-width.ts';

const RESET = '\x1b[0m';

/** Styling hooks; the plain styler leaves text as is. */
interface Styler {
  rowElement(text: string): string;
  indentationChar(text: string): string;
}

const PLAIN: Styler = { rowElement: (t) => t, indentationChar: (t) => t };
const COLOR: Styler = {
  rowElement: (t) => `\x1b[1m\x1b[34m${t}${RESET}`,
  indentationChar: (t) => `\x1b[2m\x1b[33m${t}${RESET}`,
};

/** Python's round() on a float: half to even. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

const spaces = (n: number): string => (n > 0 ? ' '.repeat(n) : '');
const dashes = (n: number): string => (n > 0 ? '-'.repeat(n) : '');

/** One titled block of the table: optional column headers and rows of cells. */
export class Section {
  title: unknown = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private numCols: number | undefined;
  private maxWidths: number[] = [];

  /** Column widths, scaled so they sum to maxWidth when given. */
  columnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const scale = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(scale * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = scaled.map((_, i) => i);
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i] = (scaled[i] ?? 0) - 1;
          offBy -= 1;
        } else {
          scaled[i] = (scaled[i] ?? 0) + 1;
          offBy += 1;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  /** Width the section needs, including borders and its indentation. */
  totalWidth(padding = 0, withBorder = false, outerPadding = 0): number {
    let total = 0;
    for (const w of this.columnWidths()) total += w + padding;
    if (withBorder) total += 2;
    total += outerPadding * 2;
    return Math.max(textLength(pyStr(this.title)) + 2 + outerPadding * 2, total);
  }

  addHeader(headers: string[]): void {
    this.updateMaxWidths(headers);
    if (this.numCols === undefined) this.numCols = headers.length;
    this.headers = headers;
  }

  addRow(row: unknown[]): void {
    if (this.numCols === undefined) this.numCols = row.length;
    if (row.length !== this.numCols) throw new FormatError(`Row should have ${this.numCols} elements, instead it has ${row.length}`);
    const cells = row.map(pyStr);
    this.rows.push(cells);
    this.updateMaxWidths(cells);
  }

  private updateMaxWidths(row: string[]): void {
    if (this.maxWidths.length === 0) {
      this.maxWidths = row.map(textLength);
      return;
    }
    row.forEach((el, i) => {
      const known = this.maxWidths[i];
      if (known === undefined) throw new FormatError('list index out of range');
      this.maxWidths[i] = Math.max(textLength(el), known);
    });
  }
}

function centerText(text: string, length: number, leftEdge: string, rightEdge: string, textLen: number): string {
  const charStart = Math.floor(length / 2) - Math.floor(textLen / 2) - 1;
  const soFar = textLength(leftEdge) + charStart + textLen;
  return leftEdge + spaces(charStart) + text + spaces(length - textLength(rightEdge) - soFar) + rightEdge;
}

function alignLeft(text: string, length: number, leftEdge: string, rightEdge: string, textLen: number): string {
  const computed = textLen + 2 + textLength(leftEdge) + textLength(rightEdge);
  const padding = length - computed >= 0 ? 2 : 0;
  const soFar = leftEdge.length + padding + textLen;
  return leftEdge + spaces(padding) + text + spaces(length - soFar - rightEdge.length) + rightEdge;
}

/** Single-row sections with headers become two-column header/value sections. */
function convertToVertical(sections: Section[]): void {
  sections.forEach((section, i) => {
    if (section.rows.length !== 1 || section.headers.length === 0) return;
    const vertical = new Section();
    vertical.title = section.title;
    vertical.indentLevel = section.indentLevel;
    const row = section.rows[0] ?? [];
    section.headers.forEach((header, j) => {
      if (j < row.length) vertical.addRow([header, row[j]]);
    });
    sections[i] = vertical;
  });
}

/** Collects sections, then renders them as the AWS CLI does. */
export class MultiTable {
  private sections: Section[] = [];
  private current: Section | undefined;

  constructor(
    private readonly terminalWidth: number,
    private readonly color: boolean,
  ) {}

  newSection(title: unknown, indentLevel = 0): void {
    this.current = new Section();
    this.sections.push(this.current);
    this.current.title = title;
    this.current.indentLevel = indentLevel;
  }

  addRowHeader(headers: string[]): void {
    this.section().addHeader(headers);
  }

  addRow(row: unknown[]): void {
    this.section().addRow(row);
  }

  private section(): Section {
    if (!this.current) throw new FormatError("'NoneType' object has no attribute 'add_row'");
    return this.current;
  }

  /** Renders every section; returns the exact bytes the CLI writes. */
  render(): string {
    const out: string[] = [];
    const write = this.color ? (s: string) => out.push(s, RESET) : (s: string) => out.push(s);
    const styler = this.color ? COLOR : PLAIN;
    let maxWidth = this.maxWidth();
    if (maxWidth > this.terminalWidth) {
      convertToVertical(this.sections);
      maxWidth = this.maxWidth();
    }
    write(`${dashes(maxWidth)}\n`);
    for (const section of this.sections) this.renderSection(section, maxWidth, write, styler);
    return out.join('');
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, true, s.indentLevel)));
  }

  private renderSection(section: Section, maxWidth: number, rawWrite: (s: string) => void, styler: Styler): void {
    const indent = styler.indentationChar('|').repeat(section.indentLevel);
    // awscli's IndentedStream: indentation, the line, indentation again, newline, each a separate write.
    const write = (text: string): void => {
      rawWrite(indent);
      if (text.endsWith('\n')) {
        rawWrite(text.slice(0, -1));
        rawWrite(indent);
        rawWrite('\n');
      } else {
        rawWrite(text);
      }
    };
    const width = maxWidth - section.indentLevel * 2;
    const title = section.title;
    if (pyTruthy(title)) {
      const text = pyStr(title);
      write(`${centerText(text, width, '|', '|', textLength(text))}\n`);
      if (section.headers.length === 0 && section.rows.length === 0) write(`+${dashes(width - 2)}+\n`);
    }
    if (section.headers.length > 0) {
      const widths = section.columnWidths(4, width);
      let line = '';
      section.headers.forEach((header, i) => {
        if (i < widths.length) line += centerText(header, widths[i] ?? 0, i === 0 ? '|' : '', '|', textLength(header));
      });
      write(lineBreak(widths));
      write(`${line}\n`);
    }
    if (section.rows.length === 0) return;
    const widths = section.columnWidths(4, width);
    if (widths.length === 0) return;
    write(lineBreak(widths));
    for (const row of section.rows) {
      let line = '';
      row.forEach((cell, i) => {
        if (i < widths.length) line += alignLeft(styler.rowElement(cell), widths[i] ?? 0, i === 0 ? '|' : '', '|', textLength(cell));
      });
      write(`${line}\n`);
    }
    write(lineBreak(widths));
  }
}

function lineBreak(widths: number[]): string {
  return `${widths.map((w, i) => (i === 0 ? `+${dashes(w - 2)}+` : `${dashes(w - 1)}+`)).join('')}\n`;
}
