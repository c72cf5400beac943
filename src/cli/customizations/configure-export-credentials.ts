/**
 * `cognate configure export-credentials [--format process|env|env-no-export|powershell|windows-cmd]`, as
 * AWS CLI v2's: resolves credentials through the same provider chain as every call and prints them as a
 * credential_process document (default) or shell/PowerShell/cmd variable lines. A profile whose
 * credential_process runs this command again is stopped by v2's recursion barrier
 * (`_AWS_CLI_PROFILE_CHAIN`, at most four profiles, no cycles). Failures are configuration errors (253).
 */
import type { CustomCommand } from '../commands.ts';
import { type Credentials, findCredentials } from '../credentials.ts';
import { debug } from '../debug.ts';
import { CliError, invalidChoice } from '../errors.ts';
import { Settings } from '../settings.ts';
import { parseCustomArgs } from './sso-args.ts';

const LINE_FORMATS: Record<string, (name: string, value: string) => string> = {
  env: (n, v) => `export ${n}=${v}`,
  'env-no-export': (n, v) => `${n}=${v}`,
  powershell: (n, v) => `$Env:${n}="${v}"`,
  'windows-cmd': (n, v) => `set ${n}=${v}`,
};
const FORMATS = ['process', ...Object.keys(LINE_FORMATS)];
const CHAIN_VAR = '_AWS_CLI_PROFILE_CHAIN';
const MAX_CHAIN = 4;

const configError = (message: string) => new CliError(message, 253);

/** Python's datetime.isoformat() of a UTC time: microseconds only when non-zero, `+00:00`. */
function isoformat(d: Date): string {
  const ms = d.getUTCMilliseconds();
  return `${d.toISOString().slice(0, 19)}${ms ? `.${String(ms * 1000).padStart(6, '0')}` : ''}+00:00`;
}

function render(format: string, c: Credentials): string {
  const expiry = c.expiration ? isoformat(c.expiration) : undefined;
  if (format === 'process') {
    const doc: Record<string, unknown> = { Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey };
    if (c.sessionToken !== undefined) doc.SessionToken = c.sessionToken;
    if (expiry !== undefined) doc.Expiration = expiry;
    return `${JSON.stringify(doc, null, 2)}\n`;
  }
  const line = LINE_FORMATS[format] as (n: string, v: string) => string;
  const vars: Array<[string, string | undefined]> = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
    ['AWS_SESSION_TOKEN', c.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', expiry],
  ];
  return vars
    .filter(([, v]) => v !== undefined)
    .map(([n, v]) => `${line(n, v as string)}\n`)
    .join('');
}

/** One CSV row (Python's csv module, minimal quoting). */
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function parseCsvRow(row: string): string[] {
  const out: string[] = [];
  const re = /(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g;
  for (let m = re.exec(row); m; m = re.exec(row)) {
    out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
    if (m[3] === '') break;
  }
  return out;
}

/** v2's guard against a credential_process that calls export-credentials for a profile already in the chain. */
function passRecursionBarrier(profile: string, env: NodeJS.ProcessEnv): void {
  const raw = env[CHAIN_VAR] ?? '';
  const seen = raw === '' ? [] : parseCsvRow(raw);
  if (seen.length >= MAX_CHAIN) {
    throw configError(`Maximum recursive credential process resolution reached (${MAX_CHAIN}).\nProfiles seen: ${seen.join(' -> ')}`);
  }
  if (seen.includes(profile)) {
    throw configError(`Credential process resolution detected an infinite loop, profile cycle: ${[...seen, profile].join(' -> ')}\n`);
  }
  // The child processes of credential_process inherit this (the CLI's env is process.env).
  env[CHAIN_VAR] = [...seen, profile].map(csvField).join(',');
}

export const command: CustomCommand = {
  summary: 'Prints the credentials in use, for credential_process or a shell.',
  async run({ args, globals, env }) {
    const format = parseCustomArgs(args, [], ['--format']).get('--format') ?? 'process';
    if (typeof format !== 'string' || !FORMATS.includes(format)) throw invalidChoice('--format', String(format), []);
    const settings = new Settings(globals, env);
    passRecursionBarrier(settings.profileName, env);
    let found: Awaited<ReturnType<typeof findCredentials>>;
    try {
      settings.checkProfile();
      found = await findCredentials({ settings, env, debug });
    } catch (err) {
      throw configError(`Unable to retrieve credentials: ${(err instanceof Error ? err.message : String(err)).trim()}\n`);
    }
    if (!found) throw configError('Unable to retrieve credentials: no credentials found');
    process.stdout.write(render(format, found.credentials));
    return 0;
  },
};
