/**
 * Line prompts for the interactive `configure` commands, on stdin/stdout. Works on a terminal (the
 * terminal echoes the answer) and with piped input (the answer is echoed so the transcript reads as on a
 * terminal; every line of the pipe is buffered until a prompt asks for it). The prompt texts follow AWS
 * CLI v2's `{text} [{current value}]: `; an empty answer keeps the current value.
 */
import { createInterface, type Interface } from 'node:readline';
import { GeneralError } from './errors.ts';

/** Returns an error message for an unacceptable answer, or undefined when it is fine. */
export type Validator = (answer: string) => string | undefined;

/** Reads stdin one line at a time, whenever a prompt asks. */
export class LineInput {
  private readonly lines: string[] = [];
  private readonly waiting: Array<(line: string | undefined) => void> = [];
  private ended = false;
  private rl: Interface | undefined;

  constructor(private readonly input: NodeJS.ReadStream = process.stdin) {}

  private start(): void {
    if (this.rl) return;
    this.rl = createInterface({ input: this.input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
    this.rl.on('line', (line) => {
      const w = this.waiting.shift();
      if (w) w(line);
      else this.lines.push(line);
    });
    this.rl.on('close', () => {
      this.ended = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    });
  }

  /** The next line, or undefined at the end of the input. */
  next(): Promise<string | undefined> {
    this.start();
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Stops reading so the process can exit. */
  close(): void {
    this.rl?.close();
    this.input.pause();
  }
}

/** Asks questions on stdout and reads the answers from a LineInput. */
export class Prompter {
  constructor(
    private readonly input: LineInput,
    private readonly echo = !process.stdin.isTTY,
  ) {}

  /** Writes `prompt` and returns the raw answer; the end of the input is Python's EOFError (exit 255). */
  async ask(prompt: string): Promise<string> {
    process.stdout.write(prompt);
    const line = await this.input.next();
    if (line === undefined) {
      process.stdout.write('\n');
      throw new GeneralError('EOF when reading a line');
    }
    if (this.echo) process.stdout.write(`${line}\n`);
    return line;
  }

  /**
   * v2's PTKPrompt.get_value: `text [current]: ` (or `format`), the answer trimmed, the current value when
   * empty. A validator's message is printed and the question asked again.
   */
  async value(
    current: string | undefined,
    text: string,
    opts: { validator?: Validator; format?: string } = {},
  ): Promise<string | undefined> {
    const prompt = opts.format ?? `${text} [${current ?? 'None'}]: `;
    for (;;) {
      const raw = await this.ask(prompt);
      const problem = opts.validator?.(raw.trim());
      if (problem) {
        process.stdout.write(`${problem}\n`);
        continue;
      }
      const answer = raw.trim();
      return answer === '' ? current : answer;
    }
  }

  /**
   * Picks one of `choices` (v2 shows an arrow-key menu; this is its line form): a numbered list, then
   * the number or the value itself; an empty answer takes the first entry, as the menu starts on it.
   */
  async select(choices: string[], display: (choice: string) => string, what: string): Promise<string> {
    const lines = choices.map((c, i) => `  ${i + 1}) ${display(c)}\n`).join('');
    process.stdout.write(lines);
    for (;;) {
      const answer = (await this.ask(`Select ${what} (number or value) [1]: `)).trim();
      if (answer === '') return choices[0] as string;
      const n = /^\d+$/.test(answer) ? Number(answer) : Number.NaN;
      const picked = n >= 1 && n <= choices.length ? choices[n - 1] : choices.find((c) => c === answer);
      if (picked !== undefined) return picked;
      process.stdout.write(`Not a valid choice: ${answer}\n`);
    }
  }
}
