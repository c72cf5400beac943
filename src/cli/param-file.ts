/**
 * `file://` and `fileb://` parameter values (awscli paramfile): the value is replaced by the file's
 * text (or bytes). AWS CLI v2 does not download `http(s)://` values, and neither does cognate.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';

/** The error text botocore shows when a parameter file cannot be read. */
export class ParamFileError extends Error {}

function pyOsError(err: NodeJS.ErrnoException, path: string): string {
  const codes: Record<string, [number, string]> = {
    ENOENT: [2, 'No such file or directory'],
    EACCES: [13, 'Permission denied'],
    EISDIR: [21, 'Is a directory'],
    ENOTDIR: [20, 'Not a directory'],
  };
  const c = codes[err.code ?? ''];
  return c ? `[Errno ${c[0]}] ${c[1]}: '${path}'` : String(err.message);
}

/** Returns the file contents for `file://`/`fileb://` values, undefined for any other value. */
export function readParamFile(value: string): string | Buffer | undefined {
  const binary = value.startsWith('fileb://');
  if (!binary && !value.startsWith('file://')) return undefined;
  const raw = value.slice(binary ? 8 : 7);
  const path = raw
    .replace(/^~(?=$|\/)/, process.env.HOME ?? homedir())
    .replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a, b) => process.env[a ?? b] ?? m);
  try {
    return binary ? readFileSync(path) : readFileSync(path, 'utf8');
  } catch (err) {
    throw new ParamFileError(`Unable to load paramfile ${value}: ${pyOsError(err as NodeJS.ErrnoException, path)}`);
  }
}
