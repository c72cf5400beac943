/**
 * AWS CLI v2's output pager: an operation's output goes through a pager when stdout is a terminal and a
 * pager is configured — `--no-cli-pager` (none), else AWS_PAGER, the profile's `cli_pager`, PAGER, and
 * `less` (an empty value disables it). The command is shlex-split (no shell), gets LESS=FRX unless LESS is
 * set, and starts lazily at the first byte, so a command that prints nothing never starts it. The CLI
 * waits for the pager to exit; a pager that cannot start is a configuration error (253), as in v2.
 */
import type { ChildProcess } from 'node:child_process';
import { childProcess } from './builtins.ts';
import { CliError } from './errors.ts';
import type { GlobalOptions } from './global-options.ts';
import { shlexSplit } from './ini.ts';
import type { Settings } from './settings.ts';

/** The configured pager command ('' or undefined: none), without looking at the terminal. */
export function configuredPager(globals: GlobalOptions, settings: Settings): string | undefined {
  if (globals.noCliPager) return undefined;
  const env = settings.env;
  if (env.AWS_PAGER !== undefined) return env.AWS_PAGER;
  const fromProfile = settings.profile().cli_pager;
  // `cli_pager =` (empty) parses as an empty nested block; botocore reads it as ''.
  if (fromProfile !== undefined) return typeof fromProfile === 'string' ? fromProfile : '';
  if (env.PAGER !== undefined) return env.PAGER;
  return 'less';
}

interface Running {
  child: ChildProcess;
  error?: Error;
  exited: Promise<void>;
}

let command: { argv: string[]; env: NodeJS.ProcessEnv } | undefined;
let running: Running | undefined;

/** Chooses where output goes for this invocation (called once settings are known). */
export function selectOutput(globals: GlobalOptions, settings: Settings): void {
  const pager = configuredPager(globals, settings);
  if (!pager || process.stdout.isTTY !== true) return;
  const argv = shlexSplit(pager);
  if (!argv || argv.length === 0) return;
  command = { argv, env: { ...settings.env, LESS: settings.env.LESS ?? 'FRX' } };
}

function start(c: { argv: string[]; env: NodeJS.ProcessEnv }): Running {
  const child = childProcess().spawn(c.argv[0] as string, c.argv.slice(1), { stdio: ['pipe', 'inherit', 'inherit'], env: c.env });
  const r: Running = { child, exited: Promise.resolve() };
  r.exited = new Promise((resolve) => {
    child.once('error', (err) => {
      r.error = err;
      resolve();
    });
    child.once('close', () => resolve());
  });
  // A pager closed early (q in less) is a broken pipe, which v2 ignores.
  child.stdin?.on('error', () => {});
  return r;
}

/** Writes command output: to the pager when one was selected, else to stdout. */
export function writeOutput(text: string): void {
  if (!command) {
    process.stdout.write(text);
    return;
  }
  running ??= start(command);
  running.child.stdin?.write(text);
}

/** Python's OSError text for a spawn failure. */
function osErrorText(err: NodeJS.ErrnoException, file: string): string {
  if (err.code === 'ENOENT') return `[Errno 2] No such file or directory: '${file}'`;
  if (err.code === 'EACCES') return `[Errno 13] Permission denied: '${file}'`;
  return err.message;
}

/** Ends the pager's input and waits for it to exit; throws v2's 253 error when it could not start. */
export async function closeOutput(): Promise<void> {
  const r = running;
  const c = command;
  running = undefined;
  command = undefined;
  if (!r || !c) return;
  r.child.stdin?.end();
  await r.exited;
  if (r.error) {
    throw new CliError(
      `Unable to redirect output to pager. Received the following error when opening pager:\n${osErrorText(r.error, c.argv[0] as string)}\n\nLearn more about configuring the output pager by running "cognate help config-vars".`,
      253,
    );
  }
}
