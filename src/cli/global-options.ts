/**
 * The 16 global options of the AWS CLI (the two per-operation ones, --cli-input-json and
 * --generate-cli-skeleton, live in the operation's argument table). Like awscli's top-level parser
 * they are recognised anywhere on the command line; everything else is passed on.
 */
import { invalidChoice, usageError } from './errors.ts';
import { closeMatches } from './names.ts';

export interface GlobalOptions {
  debug: boolean;
  endpointUrl?: string;
  verifySsl: boolean;
  paginate: boolean;
  output?: string;
  query?: string;
  profile?: string;
  region?: string;
  version: boolean;
  color: 'on' | 'off' | 'auto';
  signRequest: boolean;
  /** v2's --no-cli-pager: output is never paged. */
  noCliPager?: boolean;
  /** v2's --cli-binary-format (base64 | raw-in-base64-out). */
  cliBinaryFormat?: string;
  caBundle?: string;
  readTimeout?: string;
  connectTimeout?: string;
}

export const OUTPUT_CHOICES = ['json', 'text', 'table', 'yaml', 'yaml-stream'] as const;
const COLOR_CHOICES = ['on', 'off', 'auto'] as const;

const FLAGS: Record<string, (g: GlobalOptions) => void> = {
  '--debug': (g) => {
    g.debug = true;
  },
  '--no-verify-ssl': (g) => {
    g.verifySsl = false;
  },
  '--no-paginate': (g) => {
    g.paginate = false;
  },
  '--version': (g) => {
    g.version = true;
  },
  '--no-sign-request': (g) => {
    g.signRequest = false;
  },
  '--no-cli-pager': (g) => {
    g.noCliPager = true;
  },
};

const VALUED: Record<string, (g: GlobalOptions, v: string) => void> = {
  '--endpoint-url': (g, v) => {
    g.endpointUrl = v;
  },
  '--output': (g, v) => {
    if (!(OUTPUT_CHOICES as readonly string[]).includes(v)) throw invalidChoice('--output', v, closeMatches(v, OUTPUT_CHOICES));
    g.output = v;
  },
  '--query': (g, v) => {
    g.query = v;
  },
  '--profile': (g, v) => {
    g.profile = v;
  },
  '--region': (g, v) => {
    g.region = v;
  },
  '--color': (g, v) => {
    if (!(COLOR_CHOICES as readonly string[]).includes(v)) throw invalidChoice('--color', v, closeMatches(v, COLOR_CHOICES));
    g.color = v as GlobalOptions['color'];
  },
  '--ca-bundle': (g, v) => {
    g.caBundle = v;
  },
  '--cli-read-timeout': (g, v) => {
    g.readTimeout = v;
  },
  '--cli-binary-format': (g, v) => {
    if (!['base64', 'raw-in-base64-out'].includes(v))
      throw invalidChoice('--cli-binary-format', v, closeMatches(v, ['base64', 'raw-in-base64-out']));
    g.cliBinaryFormat = v;
  },
  '--cli-connect-timeout': (g, v) => {
    g.connectTimeout = v;
  },
};

/** Names of all global options (for help and for telling them apart from operation options). */
export const GLOBAL_OPTION_NAMES = [...Object.keys(FLAGS), ...Object.keys(VALUED)];

/** Splits argv into the global options and the rest (command, operation, operation arguments). */
export function parseGlobalOptions(argv: string[]): { globals: GlobalOptions; rest: string[] } {
  const globals: GlobalOptions = { debug: false, verifySsl: true, paginate: true, version: false, color: 'auto', signRequest: true };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i] as string;
    const eq = tok.startsWith('--') ? tok.indexOf('=') : -1;
    const name = eq > 0 ? tok.slice(0, eq) : tok;
    const flag = FLAGS[name];
    if (flag && eq < 0) {
      flag(globals);
      continue;
    }
    const valued = VALUED[name];
    if (valued) {
      let value: string | undefined;
      if (eq > 0) value = tok.slice(eq + 1);
      else if (i + 1 < argv.length && !(argv[i + 1] as string).startsWith('--')) value = argv[++i];
      if (value === undefined) throw usageError(`argument ${name}: expected one argument`);
      valued(globals, value);
      continue;
    }
    rest.push(tok);
  }
  return { globals, rest };
}

/** Python's int() of a timeout value; `0` means no timeout (undefined). Throws v2's ValueError text. */
export function parseTimeout(v: string | undefined, fallbackMs: number): number | undefined {
  if (v === undefined) return fallbackMs;
  if (!/^\s*[+-]?\d+\s*$/.test(v)) throw new Error(`invalid literal for int() with base 10: '${v}'`);
  const n = Number.parseInt(v.trim(), 10);
  return n === 0 ? undefined : n * 1000;
}
