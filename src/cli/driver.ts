/**
 * The AWS-CLI-compatible client: `cognate [global options] <service> <operation> [parameters]`.
 * Parses the global options, picks the service and operation (or a customization, or help), and hands
 * the operation to operation-command.ts. Errors print as AWS CLI v2 does (`cognate: [ERROR]: …`) with
 * its exit codes.
 */
import { existsSync } from 'node:fs';
import { loadModel, SERVICE_NAMES, type ServiceName } from '../protocol/model.ts';
import { customCommandNames, findCustomCommand } from './commands.ts';
import './customizations/index.ts';
import { debug, debugEnabled, enableDebug } from './debug.ts';
import { CliError, GeneralError, invalidChoice, ParamValidationError, usageError } from './errors.ts';
import { parseGlobalOptions } from './global-options.ts';
import { loadOperationSlice } from './model-slice.ts';
import { closeOutput } from './pager.ts';
import { expandHome } from './settings.ts';
import { closeMatches, xformName } from './names.ts';
import { runOperation } from './operation-command.ts';
import { versionString } from './version.ts';

function pyList(argv: string[]): string {
  return `[${argv.map((a) => `'${a.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let { globals, rest } = parseGlobalOptions(argv);
  // The alias code loads only when an alias file exists (start-up stays one stat for everyone else).
  if (existsSync(expandHome('~/.aws/cli/alias', env))) {
    const { applyAlias } = await import('./alias.ts');
    const alias = await applyAlias(globals, rest, env);
    if (alias.kind === 'exit') return alias.code;
    if (alias.kind === 'expanded') ({ globals, rest } = alias);
  }
  if (globals.debug) {
    enableDebug();
    debug('awscli.clidriver', `CLI version: ${versionString()}`);
    debug('awscli.clidriver', `Arguments entered to CLI: ${pyList(argv)}`);
  }
  if (globals.version) {
    process.stdout.write(`${versionString()}\n`);
    return 0;
  }
  if (globals.query !== undefined) {
    const { validateQuery } = await import('./format/index.ts');
    try {
      validateQuery(globals.query);
    } catch (err) {
      if ((err as Error).name === 'QueryError') throw new ParamValidationError(`Bad value for --query ${(err as Error).message}`);
      throw err;
    }
  }
  const [command, operation, ...opArgs] = rest;
  if (command === undefined) throw usageError('the following arguments are required: command');
  if (command === 'help') {
    const { topHelp } = await import('./help.ts');
    process.stdout.write(topHelp());
    return 0;
  }
  if (!(SERVICE_NAMES as readonly string[]).includes(command)) {
    // Command groups made only of customizations (`configure sso`, `configure list`).
    const group = customCommandNames(command);
    if (group.length > 0) return runGroup(command, group, operation, opArgs, globals, env);
    throw invalidChoice('command', command, closeMatches(command, [...SERVICE_NAMES, 'configure', 'help']));
  }
  const service = command as ServiceName;
  if (operation === undefined) throw usageError('the following arguments are required: operation');
  const custom = findCustomCommand(service, operation);
  if (custom) {
    const cmd = await custom();
    return cmd.run({ args: opArgs, globals, env });
  }
  // One operation's slice of the model when that is all the call needs; --generate-cli-skeleton reads
  // float members across the whole model (skeleton.ts), so it keeps the full one.
  if (operation !== 'help' && !opArgs.includes('--generate-cli-skeleton')) {
    const slice = loadOperationSlice(service, operation);
    const op = slice && Object.values(slice.operations)[0];
    if (slice && op) return runOperation({ service, cliName: operation, model: slice, op, args: opArgs, globals, env });
  }
  // Static imports: one chunk on the hot path loads faster than several dynamic ones.
  const model = loadModel(service);
  const byName = new Map(Object.values(model.operations).map((op) => [xformName(op.name, '-'), op]));
  if (operation === 'help') {
    const { serviceHelp } = await import('./help.ts');
    const names = [...new Set([...byName.keys(), ...customCommandNames(service)])].sort();
    process.stdout.write(serviceHelp(service, model, names));
    return 0;
  }
  const op = byName.get(operation);
  if (!op) {
    const names = [...new Set([...byName.keys(), ...customCommandNames(service)])].sort();
    throw invalidChoice('operation', operation, closeMatches(operation, names));
  }
  return runOperation({ service, cliName: operation, model, op, args: opArgs, globals, env });
}

async function runGroup(
  group: string,
  names: string[],
  name: string | undefined,
  args: string[],
  globals: import('./global-options.ts').GlobalOptions,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (name === undefined) throw usageError('the following arguments are required: operation');
  if (name === 'help') {
    process.stdout.write(
      `${group}\n\nAVAILABLE COMMANDS\n${names
        .sort()
        .map((n) => `       o ${n}\n`)
        .join('\n')}`,
    );
    return 0;
  }
  const load = findCustomCommand(group, name);
  if (!load) throw invalidChoice('operation', name, closeMatches(name, names.sort()));
  return (await load()).run({ args, globals, env });
}

/** Runs one CLI invocation and returns its exit code (output already written). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  process.once('SIGINT', () => {
    process.stdout.write('\n');
    process.exit(130);
  });
  try {
    const code = await run(argv, env);
    await closeOutput();
    return code;
  } catch (caught) {
    // As in v2, the pager exits before the error is printed.
    let err = caught;
    await closeOutput().catch((e) => {
      err = e;
    });
    const e = err instanceof CliError ? err : new GeneralError(err instanceof Error ? err.message : String(err));
    if (debugEnabled() && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.stderr.write(e.render());
    return e.exitCode;
  }
}
