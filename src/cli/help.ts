/**
 * `cognate help`, `cognate <service> help`, `cognate <service> <operation> help`: plain-text pages
 * listing services, operations and parameters (required ones marked, types shown), from the model.
 */
import type { Operation, ServiceModel, Shape } from '../protocol/model.ts';
import { SERVICE_NAMES } from '../protocol/model.ts';
import type { ArgTable } from './args.ts';
import { GLOBAL_OPTION_NAMES } from './global-options.ts';

const GLOBAL_HELP: Record<string, string> = {
  '--debug': 'Turn on debug logging.',
  '--endpoint-url': "Override the command's default URL with the given URL.",
  '--no-verify-ssl': 'Do not verify SSL certificates (a warning is printed).',
  '--no-paginate': 'Disable automatic pagination.',
  '--output': 'The formatting style for command output: json, text, table.',
  '--query': 'A JMESPath query to use in filtering the response data.',
  '--profile': 'Use a specific profile from your credential file.',
  '--region': 'The region to use. Overrides config/env settings.',
  '--version': 'Display the version of this tool.',
  '--color': 'Turn on/off color output: on, off, auto.',
  '--no-sign-request': 'Do not sign requests. Credentials will not be loaded.',
  '--ca-bundle': 'The CA certificate bundle to use when verifying SSL certificates.',
  '--cli-read-timeout': 'The maximum socket read time in seconds (0 = blocking).',
  '--no-cli-pager': 'Disable the output pager (cli_pager, AWS_PAGER, PAGER; less by default on a terminal).',
  '--cli-binary-format': 'How text blob parameters are read: base64 (default) or raw-in-base64-out.',
  '--cli-connect-timeout': 'The maximum socket connect time in seconds (0 = blocking).',
};

function globalSection(): string {
  return `GLOBAL OPTIONS\n${GLOBAL_OPTION_NAMES.map((n) => `       ${n}\n          ${GLOBAL_HELP[n] ?? ''}\n`).join('\n')}`;
}

/** `cognate help`. */
export function topHelp(): string {
  return `cognate\n\nDESCRIPTION\n       The AWS CLI for Amazon Cognito and IAM Identity Center, served by Cognate or AWS.\n\nSYNOPSIS\n          cognate [options] <command> <subcommand> [parameters]\n\nAVAILABLE SERVICES\n${[...SERVICE_NAMES, 'configure', 'help'].map((s) => `       o ${s}\n`).join('\n')}\n${globalSection()}`;
}

/** `cognate <service> help`. */
export function serviceHelp(service: string, model: ServiceModel, names: string[]): string {
  return `${service}\n\nDESCRIPTION\n       ${model.metadata.serviceFullName ?? model.metadata.serviceId}\n\nAVAILABLE COMMANDS\n${names.map((n) => `       o ${n}\n`).join('\n')}`;
}

function typeName(model: ServiceModel, shape: Shape): string {
  if (shape.type === 'list') return `list(${typeName(model, model.shapes[shape.member?.shape ?? ''] as Shape)})`;
  if (shape.type === 'map') return 'map';
  return shape.type;
}

/** `cognate <service> <operation> help`. */
export function operationHelp(service: string, cliName: string, model: ServiceModel, op: Operation, table: ArgTable): string {
  const synopsis: string[] = [];
  const options: string[] = [];
  for (const a of table.members) {
    const shape = a.shape as Shape;
    const form = a.kind === 'flag' ? `--${a.name} | --no-${a.name}` : `--${a.name} <value>`;
    synopsis.push(a.required ? `          ${form}` : `          [${form}]`);
    const enumText = shape.enum ? `\n\n          Possible values:\n${shape.enum.map((e) => `          o ${e}`).join('\n')}` : '';
    options.push(
      `       --${a.name}${a.kind === 'flag' ? ` | --no-${a.name}` : ''} (${typeName(model, shape)})${a.required ? ' [required]' : ''}${enumText}\n`,
    );
  }
  for (const extra of ['cli-input-json', 'cli-input-yaml', 'generate-cli-skeleton', 'starting-token', 'page-size', 'max-items']) {
    if (table.args.has(extra)) {
      synopsis.push(`          [--${extra} <value>]`);
      options.push(`       --${extra} (${extra === 'page-size' || extra === 'max-items' ? 'integer' : 'string'})\n`);
    }
  }
  const paging = table.paginator
    ? `\n       ${cliName} is a paginated operation. Multiple API calls may be issued in order to retrieve the entire data set of results. You can disable pagination by providing the --no-paginate argument.\n`
    : '';
  return `${cliName}\n\nDESCRIPTION\n       Calls the ${op.name} operation of ${service}${op.signed ? ' (SigV4-signed)' : ' (unsigned)'}.\n${paging}\nSYNOPSIS\n            ${cliName}\n${synopsis.join('\n')}\n\nOPTIONS\n${options.join('\n')}\n${globalSection()}`;
}
