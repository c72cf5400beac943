/** The --debug log: Python logging's layout on stderr (`2024-01-02 03:04:05,678 - MainThread - logger - DEBUG - msg`). */

let enabled = false;

/** Turns the log on (from --debug). */
export function enableDebug(): void {
  enabled = true;
}

/** Whether --debug is on (so callers can skip building expensive messages). */
export function debugEnabled(): boolean {
  return enabled;
}

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())},${p(d.getMilliseconds(), 3)}`;
}

/** Writes one log line when --debug is on. */
export function debug(logger: string, message: string, level = 'DEBUG'): void {
  if (!enabled) return;
  process.stderr.write(`${stamp(new Date())} - MainThread - ${logger} - ${level} - ${message}\n`);
}
