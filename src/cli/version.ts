/** The version line (`cognate/0.1.0 Node/20.11.0 Linux/6.1.0`, aws-cli's pattern) and the User-Agent. */
import { readFileSync } from 'node:fs';
import { release, type } from 'node:os';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The package version, read from package.json next to dist/ (bundle) or two levels up (source). */
export function packageVersion(): string {
  if (cached) return cached;
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cognate' && pkg.version) {
        cached = pkg.version;
        return cached;
      }
    } catch {
      // try the next location
    }
  }
  cached = '0.0.0';
  return cached;
}

/** Python's platform.system() names. */
function osName(): string {
  const t = type();
  return t === 'Windows_NT' ? 'Windows' : t;
}

/** `cognate/<version> Node/<version> <OS>/<release>`. */
export function versionString(): string {
  return `cognate/${packageVersion()} Node/${process.versions.node} ${osName()}/${release()}`;
}

/** The User-Agent header, in the AWS SDKs' layout. */
export function userAgent(command: string): string {
  return `cognate/${packageVersion()} ua/2.1 os/${process.platform}#${release()} md/arch#${process.arch} lang/js#${process.versions.node} md/command#${command}`;
}
