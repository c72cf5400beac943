/** The small argument parser of the hand-written `sso` commands (argparse's behaviour for flags and valued options). */
import { UnknownOptionsError, usageError } from '../errors.ts';

/** Parses `args` against flags and valued options; anything else is an unknown option (exit 252). */
export function parseCustomArgs(args: string[], flags: string[], valued: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const tok = args[i] as string;
    const eq = tok.startsWith('--') ? tok.indexOf('=') : -1;
    const name = eq > 0 ? tok.slice(0, eq) : tok;
    if (flags.includes(name) && eq < 0) {
      out.set(name, true);
      continue;
    }
    if (valued.includes(name)) {
      const value = eq > 0 ? tok.slice(eq + 1) : i + 1 < args.length && !(args[i + 1] as string).startsWith('--') ? args[++i] : undefined;
      if (value === undefined) throw usageError(`argument ${name}: expected one argument`);
      out.set(name, value);
      continue;
    }
    unknown.push(tok);
  }
  if (unknown.length > 0) throw new UnknownOptionsError(unknown);
  return out;
}
