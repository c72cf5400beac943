/**
 * AWS CLI v2's aliases from `~/.aws/cli/alias`: the `[toplevel]` section maps a name to either a command
 * line (`list-users = cognito-idp list-users --output table`, expanded in place of the name, the rest of
 * the user's arguments appended, global options in the alias applied except --debug and --profile) or,
 * with a leading `!`, a shell command run with the user's arguments shell-quoted after it. The file is
 * read as configparser does (keys lower-cased, indented lines continue a value, no inline comments).
 * Sub-command aliases (`[command <service>]` sections) are not supported and are refused by name when used.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { GeneralError } from './errors.ts';
import { type GlobalOptions, parseGlobalOptions } from './global-options.ts';
import { shlexSplit } from './ini.ts';
import { expandHome } from './settings.ts';

type Sections = Record<string, Record<string, string>>;

/** configparser's reading of the alias file: sections, `key = value` / `key: value`, continuation lines. */
export function parseAliasFile(text: string): Sections {
  const out: Sections = {};
  let section: Record<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    if (/^\s/.test(raw) && section && key !== undefined) {
      section[key] = `${section[key]}\n${raw.trim()}`;
      continue;
    }
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      const name = (header[1] as string).trim();
      out[name] ??= {};
      section = out[name];
      key = undefined;
      continue;
    }
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!m || !section) continue;
    key = (m[1] as string).trim().toLowerCase();
    section[key] = (m[2] as string).trim();
  }
  return out;
}

let cache: Sections | undefined;
function aliases(env: NodeJS.ProcessEnv): Sections {
  if (cache) return cache;
  const path = expandHome('~/.aws/cli/alias', env);
  cache = existsSync(path) ? parseAliasFile(readFileSync(path, 'utf8')) : {};
  return cache;
}

/** Python's shlex.quote (awscli's compat_shell_quote on POSIX). */
function shellQuote(s: string): string {
  if (s === '') return "''";
  if (!/[^\w@%+=:,./-]/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

const DEFAULTS = parseGlobalOptions([]).globals;
const UNSUPPORTED = { debug: 'debug', profile: 'profile' } as const;

/** What an alias turns the invocation into. */
export type AliasResult = { kind: 'none' } | { kind: 'expanded'; globals: GlobalOptions; rest: string[] } | { kind: 'exit'; code: number };

function runExternal(value: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const command = [value.slice(1), ...args.map(shellQuote)].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: 'inherit', env });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 + 1 : 0)));
  });
}

/** Expands `rest[0]` when it names a `[toplevel]` alias; runs a `!` alias and returns its exit code. */
export async function applyAlias(globals: GlobalOptions, rest: string[], env: NodeJS.ProcessEnv): Promise<AliasResult> {
  const file = aliases(env);
  const toplevel = file.toplevel ?? {};
  let current = { globals, rest };
  const seen = new Set<string>();
  for (;;) {
    const [name, ...args] = current.rest;
    if (name === undefined || !Object.hasOwn(toplevel, name) || seen.has(name)) break;
    seen.add(name);
    const value = (toplevel[name] as string).trim();
    if (value.startsWith('!')) return { kind: 'exit', code: await runExternal(value, args, env) };
    const words = shlexSplit(value);
    if (!words)
      throw new GeneralError(`Value of alias "${name}" could not be parsed. Received error: No closing quotation when parsing:\n${value}`);
    const parsed = parseGlobalOptions(words);
    const merged: GlobalOptions = { ...current.globals };
    for (const [k, v] of Object.entries(parsed.globals) as Array<[keyof GlobalOptions, unknown]>) {
      if (v === DEFAULTS[k]) continue;
      if (k in UNSUPPORTED) {
        throw new GeneralError(`Global parameter "--${k}" detected in alias "${name}" which is not support in subcommand aliases.`);
      }
      (merged as unknown as Record<string, unknown>)[k] = v;
    }
    // An alias may name another alias; one naming itself (or one already expanded) runs the built-in command.
    current = { globals: merged, rest: [...parsed.rest, ...args] };
  }
  const [command, operation] = current.rest;
  if (command !== undefined && operation !== undefined && file[`command ${command}`]?.[operation] !== undefined) {
    throw new GeneralError(
      `The alias "${operation}" of [command ${command}] in ~/.aws/cli/alias: sub-command aliases are not supported by cognate`,
    );
  }
  return current.rest === rest && current.globals === globals ? { kind: 'none' } : { kind: 'expanded', ...current };
}
