/**
 * Log lines as plain text (default) or one JSON object per line (`--log-format json`), with request ids
 * on request lines. Nothing secret is logged: request bodies never are, and anything shaped like a token
 * that finds its way into a message (an error text quoting input) is masked before it is written.
 */

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  /** The plain `(line) => void` the domain logs through (seed notes, warnings, housekeeping). */
  readonly line: (message: string) => void;
  info(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** JWTs, Cognate refresh tokens and long opaque secrets, in any text. */
const SECRET_SHAPES = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g,
  /\b[A-Za-z0-9_-]{2,16}\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{32,}\b/g,
  /("?(?:password|proposedpassword|previouspassword|secret|secrethash|secret_?access_?key|aws_secret_access_key|session_?token|refresh_?token|access_?token|id_?token)"?\s*[:=]\s*)"?[^",\s}]+"?/gi,
];

/**
 * Masks anything token-shaped in a log message; with `named`, also the value of anything named like a
 * secret (`password=…`, `AWS_SECRET_ACCESS_KEY=…`). Text logs keep the latter: they are the console,
 * where the root credentials a first start generates are shown once on purpose.
 */
export function scrub(text: string, named = true): string {
  let out = text.replace(SECRET_SHAPES[0] as RegExp, '[token]').replace(SECRET_SHAPES[1] as RegExp, '[token]');
  if (named) out = out.replace(SECRET_SHAPES[2] as RegExp, '$1[redacted]');
  return out;
}

function levelOf(message: string): 'info' | 'warn' | 'error' {
  if (/^error\b/i.test(message)) return 'error';
  if (/^WARNING\b/.test(message)) return 'warn';
  return 'info';
}

/** A logger writing to `sink` in the chosen format. */
export function createLogger(format: 'text' | 'json', sink: (line: string) => void): Logger {
  if (format === 'json') {
    const write = (level: string, message: string, fields?: LogFields) => {
      sink(JSON.stringify({ time: new Date().toISOString(), level, msg: scrub(message), ...scrubFields(fields) }));
    };
    return {
      line: (m) => write(levelOf(m), m),
      info: (m, f) => write('info', m, f),
      error: (m, f) => write('error', m, f),
    };
  }
  const write = (message: string, fields?: LogFields) => {
    const extra = fields
      ? Object.entries(fields)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')
      : '';
    sink(scrub(extra ? `${message} ${extra}` : message, false));
  };
  return { line: (m) => write(m), info: write, error: (m, f) => write(`error: ${m}`, f) };
}

function scrubFields(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return undefined;
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'string' ? scrub(v) : v;
  return out;
}
