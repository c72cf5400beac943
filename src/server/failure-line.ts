/** How an unexpected failure is told in a log line: the stack of a bug, one line for a database that is away. */
import { isStoreUnavailable } from '../store/errors.ts';

export function failureLine(err: unknown): string {
  if (isStoreUnavailable(err)) return `store unavailable: ${(err as Error).message}`;
  return String((err as Error)?.stack ?? err);
}
