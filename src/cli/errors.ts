/**
 * The CLI's error kinds and exit codes, as AWS CLI v2 has them: 252 usage/parameter validation,
 * 253 configuration, 254 service error, 255 everything else. Each error renders the message v2 prints
 * after its `aws: [ERROR]: ` prefix (here `cognate: [ERROR]: `).
 */

export const USAGE = [
  'usage: cognate [options] <command> <subcommand> [<subcommand> ...] [parameters]',
  'To see help text, you can run:',
  '',
  '  cognate help',
  '  cognate <command> help',
  '  cognate <command> <subcommand> help',
  '',
].join('\n');

/** Base class: `message` is what follows the prefix; `exitCode` is v2's. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
  /** The full stderr text. */
  render(): string {
    return `\ncognate: [ERROR]: ${this.message}\n`;
  }
}

/** Client-side parameter problems (v2: `An error occurred (ParamValidation): …`, exit 252). */
export class ParamValidationError extends CliError {
  constructor(
    readonly detail: string,
    readonly withUsage = false,
  ) {
    super(`An error occurred (ParamValidation): ${detail}`, 252);
  }
  override render(): string {
    return this.withUsage ? `\ncognate: [ERROR]: ${this.message}\n\n${USAGE}` : super.render();
  }
}

/** Unknown options on a service operation: usage first, then the error line (v2's layout). */
export class UnknownOptionsError extends CliError {
  constructor(readonly options: string[]) {
    super(`Unknown options: ${options.join(',')}`, 252);
  }
  override render(): string {
    return `\n${USAGE}\n\ncognate: [ERROR]: ${this.message}\n`;
  }
}

/** Configuration problems: NoRegion, NoCredentials, Configuration (exit 253). */
export class ConfigurationError extends CliError {
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(`An error occurred (${code}): ${detail}`, 253);
  }
}

/** An error answered by the service (exit 254). */
export class ServiceError extends CliError {
  constructor(
    readonly code: string,
    readonly serviceMessage: string,
    readonly operation: string,
    readonly details: Array<[string, string]> = [],
    readonly retries?: number,
    readonly status = 400,
  ) {
    const retry = retries !== undefined ? ` (reached max retries: ${retries})` : '';
    const msg = serviceMessage ? `: ${serviceMessage}` : ':';
    let text = `An error occurred (${code}) when calling the ${operation} operation${retry}${msg}`;
    if (details.length > 0) text += `\n\nAdditional error details:\n${details.map(([k, v]) => `${k}: ${v}`).join('\n')}`;
    super(text, 254);
  }
}

/** Everything else (connection, TLS, timeouts, unknown profile, bad region): exit 255. */
export class GeneralError extends CliError {
  constructor(message: string) {
    super(message, 255);
  }
}

/** The `usage:` error for argparse-level problems (missing arguments, invalid choices). */
export function usageError(detail: string): ParamValidationError {
  return new ParamValidationError(detail, true);
}

/** argparse's invalid-choice text with difflib suggestions, as v2 prints it. */
export function invalidChoice(argument: string, value: string, suggestions: string[]): ParamValidationError {
  let msg = `argument ${argument}: Found invalid choice '${value}'\n`;
  if (suggestions.length > 0) msg += `\nMaybe you meant:\n\n${suggestions.map((s) => `  * ${s}`).join('\n')}`;
  return usageError(msg);
}
