/**
 * The README's command blocks run as written. Every ```sh block holding `$ ` lines is a transcript: each
 * `$ ` line (with its `\` continuations or here-document) is typed into ONE bash, in README order, at a
 * scratch copy of the repository's root (symlinks to package.json, bin, dist, node_modules) with a
 * scratch HOME; the lines after a command are its output (stdout and stderr), compared exactly, with
 * `<…>` placeholders matching any text; a command shown without output must print nothing and exit 0.
 *
 * Three things differ from a person at a terminal, and only these: the port 4590 is a free port (the
 * README's `127.0.0.1:4590` is rewritten and COGNATE_PORT is set, since other servers may hold 4590);
 * a background command's output goes to a log instead of the terminal, and the next command waits until
 * the server answers; and when `sso login` prints its device URL, Chromium opens it, signs in as the
 * seed's user and clicks Allow — what the README tells the reader to do.
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, signInAndAllow } from '../cli/sso-helpers.ts';
import { AWS_V2, after, before, describe, it, needs } from '../helpers/tools.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Step {
  cmd: string;
  expected: string[];
  line: number;
}

/** The transcript steps of every ```sh block that has `$ ` lines, in order. */
export function readmeSteps(text: string): Step[] {
  const steps: Step[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```sh') continue;
    const block: { text: string; n: number }[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) block.push({ text: lines[i] ?? '', n: i + 1 });
    if (!block.some((l) => l.text.startsWith('$ '))) continue;
    let cur: Step | undefined;
    for (let j = 0; j < block.length; j++) {
      const { text: l, n } = block[j] as { text: string; n: number };
      if (!l.startsWith('$ ')) {
        assert.ok(cur, `README line ${n}: output before any command`);
        cur.expected.push(l);
        continue;
      }
      cur = { cmd: l.slice(2), expected: [], line: n };
      steps.push(cur);
      const heredoc = /<<'?(\w+)'?/.exec(l)?.[1];
      if (heredoc) {
        while (j + 1 < block.length && block[j]?.text !== heredoc) cur.cmd += `\n${block[++j]?.text}`;
      } else {
        while (cur.cmd.endsWith('\\') && j + 1 < block.length) cur.cmd += `\n${block[++j]?.text}`;
      }
    }
  }
  return steps;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const trimEnd = (ls: string[]) => {
  const out = [...ls];
  while (out.length && out[out.length - 1]?.trim() === '') out.pop();
  return out;
};

/** A bash fed one step at a time; resolves each step with its output and exit status. */
class Shell {
  private out = '';
  private waiters: (() => void)[] = [];
  constructor(private readonly bash: ChildProcessWithoutNullStreams) {
    bash.stdout.setEncoding('utf8').on('data', (d: string) => {
      this.out += d;
      for (const w of this.waiters.splice(0)) w();
    });
    bash.stderr.setEncoding('utf8').on('data', (d: string) => {
      this.out += d;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Output so far of the running step. */
  current(): string {
    return this.out;
  }

  async run(
    n: number,
    cmd: string,
    background: string | undefined,
    onOutput?: (soFar: string) => Promise<void>,
  ): Promise<{ output: string; status: number }> {
    this.out = '';
    const redirect = background ? ` >>${background} 2>&1` : ' 2>&1';
    // The marker keeps the step's status in $? for the next step (`echo $?` in the README).
    this.bash.stdin.write(`{ ${cmd}\n}${redirect}\n__rc=$?; printf '\\n__STEP_${n}__ %d\\n' $__rc; (exit $__rc)\n`);
    const marker = new RegExp(`\\n__STEP_${n}__ (\\d+)\\n`);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const m = marker.exec(this.out);
      if (m) return { output: this.out.slice(0, m.index), status: Number(m[1]) };
      assert.ok(Date.now() < deadline, `step ${n} did not finish: ${this.out}`);
      if (onOutput) await onOutput(this.out);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
}

const awsMissing = needs('aws-v1') && needs('aws-v2');

describe('README command blocks run as written', { needs: ['chromium'] }, () => {
  let work: string;
  let browser: Browser | undefined;
  let bash: ChildProcessWithoutNullStreams | undefined;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'cognate-readme-'));
    for (const f of ['package.json', 'bin', 'dist', 'node_modules']) symlinkSync(join(ROOT, f), join(work, f));
    mkdirSync(join(work, 'home'));
    browser = await launchChromium();
  });
  after(async () => {
    // Stop the README's background server the way its reader would (npm forwards the signal), then the shell.
    if (bash && bash.exitCode === null) {
      const shell = bash;
      const exited = new Promise((r) => shell.on('exit', r));
      shell.stdin.end('kill $(jobs -p) 2>/dev/null; wait; exit 0\n');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      shell.kill('SIGKILL');
    }
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('every $ command of the README, in order, prints what the README shows', { skip: awsMissing || false, timeout: 600_000 }, async () => {
    const port = await freePort();
    const text = readFileSync(join(ROOT, 'README.md'), 'utf8').replaceAll('127.0.0.1:4590', `127.0.0.1:${port}`);
    const steps = readmeSteps(text);
    assert.ok(steps.length >= 20, `found ${steps.length} commands`);
    // `aws` is the AWS CLI found here (v1 when present, else v2), first on PATH.
    const bin = join(work, 'tools');
    mkdirSync(bin);
    symlinkSync(needs('aws-v1') ? AWS_V2 : whichAws(), join(bin, 'aws'));
    const env: NodeJS.ProcessEnv = {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: join(work, 'home'),
      COGNATE_PORT: String(port),
      NO_UPDATE_NOTIFIER: '1',
      ...(process.env.PYENV_ROOT ? { PYENV_ROOT: process.env.PYENV_ROOT } : {}),
      AWS_PAGER: '',
    };
    bash = spawn('bash', ['--norc', '--noprofile'], { cwd: work, env });
    const shell = new Shell(bash);
    bash.stdin.write('shopt -s expand_aliases\n');
    let approved = false;
    for (const [i, step] of steps.entries()) {
      const background = /[^&]&\s*(#.*)?$/.test(step.cmd) ? join(work, `server-${i}.log`) : undefined;
      const r = await shell.run(i, step.cmd, background, async (soFar) => {
        const m = /which will autofill the code upon loading:\n(\S+)\n/.exec(soFar);
        if (!m || approved || !browser) return;
        approved = true;
        const page = await browser.newPage();
        await page.goto(m[1] as string);
        await signInAndAllow(page, { user: 'alice', password: 'Alice-Passw0rd!' });
        await page.close();
      });
      const where = `README line ${step.line}: $ ${step.cmd}`;
      if (background) {
        assert.equal(r.status, 0, `${where}\n${r.output}`);
        await waitForHealth(port, () => readFileSync(background, 'utf8'));
        continue;
      }
      const actual = trimEnd(r.output.split('\n'));
      const expected = trimEnd(step.expected);
      if (expected.length === 0) {
        assert.equal(r.output, '', `${where}\nprints nothing in the README`);
        assert.equal(r.status, 0, where);
        continue;
      }
      const pattern = new RegExp(`^${expected.map((l) => reEscape(l).replace(/<[^>]+>/g, '.+?')).join('\\n')}$`);
      assert.match(actual.join('\n'), pattern, `${where}\nexpected:\n${expected.join('\n')}\nactual:\n${actual.join('\n')}`);
    }
    assert.ok(approved, 'the sso login step ran and was approved');
  });
});

function whichAws(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      readFileSync(join(dir, 'aws'));
      return join(dir, 'aws');
    } catch {}
  }
  return 'aws';
}

async function waitForHealth(port: number, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health`);
      if (r.ok) return;
    } catch {}
    assert.ok(Date.now() < deadline, `the server never answered: ${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
