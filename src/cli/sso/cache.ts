/**
 * The files the AWS CLI shares with botocore and the JS SDK (SPEC §3.2–3.4): the SSO token cache and
 * client registrations in ~/.aws/sso/cache, SSO role credentials in ~/.aws/cli/cache. Names are SHA-1
 * hex of a key; content is Python's json.dumps; files are 0600, written to a temp file and renamed so a
 * reader never sees half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pyJsonDumps } from '../py-json.ts';

/** Lower-case hex SHA-1 of the UTF-8 text. */
export function sha1hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** `~` as botocore (and the JS SDK, which reads HOME first) expands it. */
export function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** ~/.aws/sso/cache: tokens and client registrations. */
export function ssoCacheDir(env: NodeJS.ProcessEnv): string {
  return join(home(env), '.aws', 'sso', 'cache');
}

/** ~/.aws/cli/cache: the CLI's credential cache (SSO role credentials among others). */
export function cliCacheDir(env: NodeJS.ProcessEnv): string {
  return join(home(env), '.aws', 'cli', 'cache');
}

/** The token file of an sso-session (by name) or a legacy profile (by start URL). */
export function tokenPath(env: NodeJS.ProcessEnv, sessionNameOrStartUrl: string): string {
  return join(ssoCacheDir(env), `${sha1hex(sessionNameOrStartUrl)}.json`);
}

/** `YYYY-MM-DDTHH:MM:SSZ` in UTC, botocore's cache timestamp. */
export function isoSeconds(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** Epoch ms of a cached timestamp; accepts botocore's and the JS SDK's (`.000Z`) forms. */
export function parseTimestamp(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A JSON object from a file, or undefined when it is missing, unreadable or not an object. */
export function readJsonObject(path: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes text as a 0600 file through a temp file in the same directory and a rename. */
export function writePrivateFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, text, { mode: 0o600 });
    chmodSync(tmp, 0o600); // the umask may have removed bits, never added them; this pins it anyway
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Writes an object with json.dumps's default separators, keys in the given order. */
export function writeJsonObject(path: string, obj: Record<string, unknown>): void {
  writePrivateFile(path, pyJsonDumps(obj));
}

/** json.dumps(obj, sort_keys=True) — the registration cache key (SPEC §3.3). */
export function sortedPyJson(obj: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) sorted[k] = obj[k];
  return pyJsonDumps(sorted);
}

/** json.dumps(obj, sort_keys=True, separators=(',', ':')) — the credential cache key (SPEC §3.4). */
export function compactSortedJson(obj: Record<string, string>): string {
  const parts = Object.keys(obj)
    .sort()
    .map((k) => `${pyJsonDumps(k)}:${pyJsonDumps(obj[k])}`);
  return `{${parts.join(',')}}`;
}
