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

/**
 * argparse with positional arguments (`configure get varname`): valued options as above, the first
 * `names.length` bare words fill the positionals; a missing one is a usage error, extra words and unknown
 * options are unknown options (exit 252), as the AWS CLI reports them.
 */
export function parsePositionalArgs(
  args: string[],
  names: string[],
  valued: string[] = [],
): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const rest: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const tok = args[i] as string;
    const name = tok.startsWith('--') && tok.includes('=') ? tok.slice(0, tok.indexOf('=')) : tok;
    if (valued.includes(name)) {
      rest.push(tok);
      if (name === tok && i + 1 < args.length) rest.push(args[++i] as string);
    } else if (tok.startsWith('--') || positional.length >= names.length) unknown.push(tok);
    else positional.push(tok);
  }
  const options = parseCustomArgs(rest, [], valued);
  if (positional.length < names.length)
    throw usageError(`the following arguments are required: ${names.slice(positional.length).join(', ')}`);
  if (unknown.length > 0) throw new UnknownOptionsError(unknown);
  return { positional, options };
}
