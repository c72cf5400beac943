/**
 * An operation's argument table, derived from its input shape the way awscli builds it: one
 * `--kebab-case` option per member (booleans get `--x`/`--no-x`, lists take several values), plus
 * --cli-input-json, --cli-input-yaml, --generate-cli-skeleton (input, output, yaml-input) and, for
 * paginated operations, --starting-token, --page-size and --max-items. `parseOperationArgs` is
 * argparse's parse_known_args for that table.
 */
import type { Operation, Paginator, ServiceModel, Shape } from '../protocol/model.ts';
import { invalidChoice, UnknownOptionsError, usageError } from './errors.ts';
import { closeMatches, xformName } from './names.ts';

export interface CliArgument {
  /** Option name without the leading dashes. */
  name: string;
  /** The input member it fills (undefined for the CLI's own options). */
  member?: string;
  shapeName?: string;
  shape?: Shape;
  required: boolean;
  kind: 'flag' | 'list' | 'value' | 'optional-value';
  /** For boolean members: the value the flag sets. */
  flagValue?: boolean;
  choices?: string[];
  /** Pagination options replace (shadow) the model's token/limit members while auto-paginating. */
  paging?: 'starting-token' | 'page-size' | 'max-items';
}

export interface ArgTable {
  args: Map<string, CliArgument>;
  paginator?: Paginator;
  /** Member-backed options in model order (for help and required checks). */
  members: CliArgument[];
}

const SKELETON_CHOICES = ['input', 'output', 'yaml-input'];

function tokenList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Builds the argument table of one operation. */
export function buildArgTable(model: ServiceModel, op: Operation): ArgTable {
  const args = new Map<string, CliArgument>();
  const members: CliArgument[] = [];
  const input = op.input ? model.shapes[op.input] : undefined;
  const required = new Set(input?.required ?? []);
  for (const [member, ref] of Object.entries(input?.members ?? {})) {
    const shape = model.shapes[ref.shape] as Shape;
    const name = xformName(member, '-');
    const base = { member, shapeName: ref.shape, shape, required: required.has(member) };
    if (shape.type === 'boolean') {
      const a: CliArgument = { ...base, name, kind: 'flag', flagValue: true };
      args.set(name, a);
      args.set(`no-${name}`, { ...base, name: `no-${name}`, kind: 'flag', flagValue: false, required: false });
      members.push(a);
    } else {
      const a: CliArgument = { ...base, name, kind: shape.type === 'list' ? 'list' : 'value' };
      args.set(name, a);
      members.push(a);
    }
  }
  args.set('cli-input-json', { name: 'cli-input-json', required: false, kind: 'value' });
  args.set('cli-input-yaml', { name: 'cli-input-yaml', required: false, kind: 'value' });
  args.set('generate-cli-skeleton', { name: 'generate-cli-skeleton', required: false, kind: 'optional-value', choices: SKELETON_CHOICES });
  const paginator = model.paginators[op.name];
  if (paginator) {
    args.set('starting-token', { name: 'starting-token', required: false, kind: 'value', paging: 'starting-token' });
    if (paginator.limit_key) args.set('page-size', { name: 'page-size', required: false, kind: 'value', paging: 'page-size' });
    args.set('max-items', { name: 'max-items', required: false, kind: 'value', paging: 'max-items' });
  }
  return { args, paginator, members };
}

export interface ParsedOperationArgs {
  /** Raw values by option name (a list for list options, a boolean for flags). */
  values: Map<string, string | string[] | boolean>;
}

const isOption = (t: string) => t.startsWith('--') || /^-[A-Za-z]/.test(t);

/** argparse for one operation: fills values, then reports invalid choices, missing required args, unknown options. */
export function parseOperationArgs(table: ArgTable, argv: string[]): ParsedOperationArgs {
  const values = new Map<string, string | string[] | boolean>();
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i] as string;
    if (!isOption(tok)) {
      unknown.push(tok);
      continue;
    }
    const eq = tok.indexOf('=');
    const name = (eq > 0 ? tok.slice(0, eq) : tok).replace(/^--?/, '');
    const inline = eq > 0 ? tok.slice(eq + 1) : undefined;
    const arg = table.args.get(name);
    if (!arg || !tok.startsWith('--')) {
      unknown.push(tok);
      continue;
    }
    if (arg.kind === 'flag') {
      if (inline !== undefined) throw usageError(`argument --${name}: ignored explicit argument '${inline}'`);
      values.set(arg.member ? (arg.flagValue ? name : name.slice(3)) : name, arg.flagValue ?? true);
      continue;
    }
    if (arg.kind === 'list') {
      const items: string[] = inline !== undefined ? [inline] : [];
      while (inline === undefined && i + 1 < argv.length && !isOption(argv[i + 1] as string)) items.push(argv[++i] as string);
      if (items.length === 0) throw usageError(`argument --${name}: expected at least one argument`);
      values.set(name, items);
      continue;
    }
    let value = inline;
    if (value === undefined && i + 1 < argv.length && !isOption(argv[i + 1] as string)) value = argv[++i];
    if (value === undefined) {
      if (arg.kind === 'optional-value') value = 'input';
      else throw usageError(`argument --${name}: expected one argument`);
    }
    if (arg.choices && !arg.choices.includes(value)) throw invalidChoice(`--${name}`, value, closeMatches(value, arg.choices));
    values.set(name, value);
  }
  // awscli's OverrideRequiredArgsArgument looks for the option's own token in the arguments: the
  // `--option=value` form does not lift the required arguments, and neither does a skeleton whose next
  // token is `output` (which validates the command's input).
  const skeletonAt = argv.indexOf('--generate-cli-skeleton');
  const requiredOverridden =
    argv.includes('--cli-input-json') || argv.includes('--cli-input-yaml') || (skeletonAt >= 0 && argv[skeletonAt + 1] !== 'output');
  if (!requiredOverridden) {
    const missing = table.members
      .filter((a) => a.required && !values.has(a.name))
      .map((a) => (a.kind === 'flag' ? `--${a.name}/--no-${a.name}` : `--${a.name}`));
    if (missing.length > 0) throw usageError(`the following arguments are required: ${missing.join(', ')}`);
  }
  if (unknown.length > 0) throw new UnknownOptionsError(unknown);
  return { values };
}

export { tokenList };
