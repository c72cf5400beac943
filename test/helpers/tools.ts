/**
 * Tests that drive a tool npm cannot install (Chromium, AWS CLI v1 or v2, boto3, PostgreSQL) declare it,
 * and when it is missing each of their tests is SKIPPED with the tool's name and install command as the
 * reason — counted in the runner's summary, never a vanished suite or a stack trace. Drop-in wrappers of
 * node:test's describe/it/test/hooks: `describe(name, { needs: ['chromium'] }, fn)` gates every test and
 * hook inside; `it(name, { needs: ['aws-v1'] }, fn)` gates one test.
 *
 * The probe comes from scripts/test.mjs (COGNATE_TEST_TOOLS, one probe per run); a file run on its own
 * probes for itself.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as nt from 'node:test';

export type Tool = 'chromium' | 'aws-v1' | 'aws-v2' | 'boto3' | 'postgres';

interface Probe {
  found: Partial<Record<Tool, string>>;
  missing: Partial<Record<Tool, string>>;
}

const INSTALL: Record<Tool, string> = {
  chromium: 'Chromium — apt-get install chromium',
  'aws-v1': 'AWS CLI v1 — pip install awscli boto3 (PyPI; Debian has no v1 package)',
  'aws-v2': 'AWS CLI v2 — apt-get install awscli',
  boto3: 'boto3 — apt-get install python3-boto3',
  postgres: 'PostgreSQL — bash scripts/install-test-tools.sh (as root on Debian), or set COGNATE_TEST_POSTGRES_URL',
};

function probe(): Probe {
  const env = process.env.COGNATE_TEST_TOOLS;
  if (env) return JSON.parse(env) as Probe;
  const script = fileURLToPath(new URL('../../scripts/test-tools.mjs', import.meta.url));
  const p = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as Probe;
  process.env.COGNATE_TEST_TOOLS = JSON.stringify(p);
  return p;
}

const TOOLS = probe();

/** Where a found tool is (the python with boto3, the AWS CLI v2 binary, …). */
export function toolPath(t: Tool): string {
  const p = TOOLS.found[t];
  if (p === undefined) throw new Error(`${t} is missing: ${INSTALL[t]}`);
  return p;
}

/** The python3 that imports boto3 (Debian's python3-boto3 lands in /usr/bin/python3, not pyenv's). */
export const PYTHON = TOOLS.found.boto3 ?? 'python3';
/** AWS CLI v2 (Debian's awscli package). */
export const AWS_V2 = TOOLS.found['aws-v2'] ?? '/usr/bin/aws';

/** A skip reason naming every missing tool of the list with its install command, or false. */
export function needs(...tools: Tool[]): string | false {
  const gone = tools.filter((t) => TOOLS.found[t] === undefined);
  return gone.length ? `missing ${gone.map((t) => `${INSTALL[t]} (${TOOLS.missing[t]})`).join('; ')}` : false;
}

// The gate of the describe being defined (its callback runs synchronously while tests are declared).
let gate: string | false = false;

type Opts = nt.TestOptions & { needs?: Tool[] };

function split<F>(a: Opts | F | undefined, b: F | undefined): [Opts, F | undefined] {
  return typeof a === 'function' ? [{}, a as F] : [(a as Opts | undefined) ?? {}, b];
}

function skipOf(opts: Opts): string | false {
  return gate || needs(...(opts.needs ?? [])) || false;
}

/** node:test's describe; `needs` skips (and counts) every test inside when a tool is missing. */
export function describe(name: string, a?: Opts | (() => void), b?: () => void): void {
  const [opts, fn] = split(a, b);
  const { needs: _n, ...rest } = opts;
  const reason = skipOf(opts);
  nt.describe(name, rest, () => {
    const outer = gate;
    gate = reason;
    try {
      fn?.();
    } finally {
      gate = outer;
    }
  });
}

/** node:test's it/test, skipped with the missing tool's install command when gated. */
export function it(name: string, a?: Opts | nt.TestFn, b?: nt.TestFn): void {
  const [opts, fn] = split(a, b);
  const { needs: _n, ...rest } = opts;
  const reason = skipOf(opts);
  nt.it(name, reason ? { ...rest, skip: reason } : rest, fn);
}
export const test = it;

function hook(h: (fn: nt.HookFn) => void) {
  return (fn: nt.HookFn) => {
    if (!gate) h(fn);
  };
}
/** Hooks of a gated describe do not run (they would start what is missing). */
export const before = hook(nt.before);
export const after = hook(nt.after);
export const beforeEach = hook(nt.beforeEach);
export const afterEach = hook(nt.afterEach);
