/**
 * Hand-written commands that sit beside (or replace) the generated API commands, as awscli's
 * customizations do (`sso login`, `sso logout`). A customization registers a lazy loader so that
 * commands that do not use it never load its code.
 */

/** What a customization receives: its own arguments, the global options and the environment. */
export interface CustomCommandContext {
  args: string[];
  globals: import('./global-options.ts').GlobalOptions;
  env: NodeJS.ProcessEnv;
}

export interface CustomCommand {
  /** One line for `cognate <service> help`. */
  summary?: string;
  /** Runs the command; returns the exit code (throw a CliError for AWS-shaped failures). */
  run(ctx: CustomCommandContext): Promise<number>;
}

const registry = new Map<string, () => Promise<CustomCommand>>();

/** Registers `cognate <service> <name>`; it replaces an API command of the same name. */
export function registerCustomCommand(service: string, name: string, load: () => Promise<CustomCommand>): void {
  registry.set(`${service} ${name}`, load);
}

/** The loader of a custom command, if one is registered. */
export function findCustomCommand(service: string, name: string): (() => Promise<CustomCommand>) | undefined {
  return registry.get(`${service} ${name}`);
}

/** Names of the custom commands of one service. */
export function customCommandNames(service: string): string[] {
  return [...registry.keys()].filter((k) => k.startsWith(`${service} `)).map((k) => k.slice(service.length + 1));
}
