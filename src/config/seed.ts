/**
 * `cognate serve --seed FILE`: the IAM Identity Center directory (start URL, users, accounts,
 * permission sets, assignments) and, optionally, user pools with clients and users to pre-create.
 * JSON or YAML. Applying it is idempotent: on every start the directory is replaced by the file's
 * (users keep their ids, so sessions survive), and pools, clients and users that exist are left alone.
 * The format is documented in the README ("Seed file").
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { App } from '../domain/app.ts';
import { directoryPasswordMatches, directoryVerifier } from '../domain/sso/directory.ts';
import { parseDuration } from '../domain/sso/settings.ts';
import type { SsoDirectory, SsoSettings } from '../domain/sso/types.ts';
import { SeedError } from './seed-error.ts';
import { checkUserPools, seedUserPools } from './seed-pools.ts';

export { SeedError };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown, where: string): Obj[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every(isObj)) throw new SeedError(`${where} must be a list of objects`);
  return v;
}

function str(o: Obj, key: string, where: string, required = true): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new SeedError(`${where}.${key} is required`);
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw new SeedError(`${where}.${key} must be a string`);
  return String(v);
}

function duration(o: Obj, key: string, where: string, dflt: number): number {
  if (o[key] === undefined) return dflt;
  const s = parseDuration(o[key]);
  if (s === undefined)
    throw new SeedError(`${where}.${key} must be seconds or an ISO-8601 duration like PT1H, got ${JSON.stringify(o[key])}`);
  return s;
}

/** Reads and parses the file (YAML is a superset of JSON, but JSON files get JSON's error messages). */
export function readSeedFile(file: string): Obj {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SeedError(`cannot read seed file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let v: unknown;
  try {
    v = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new SeedError(`cannot parse seed file ${file}: ${(e as Error).message}`);
  }
  if (!isObj(v)) throw new SeedError(`seed file ${file} must contain an object`);
  return v;
}

/** Checks the `identityCenter` section and turns it into settings and a directory. */
export function parseIdentityCenter(ic: Obj): { settings: SsoSettings; directory: SsoDirectory; passwords: Map<string, string> } {
  const w = 'identityCenter';
  const settings: SsoSettings = {
    startUrlAliases: (Array.isArray(ic.startUrlAliases) ? ic.startUrlAliases : []).map(String),
    deviceCodeInterval: duration(ic, 'deviceCodeInterval', w, 1),
    deviceCodeExpiresIn: duration(ic, 'deviceCodeExpiresIn', w, 600),
    sessionDuration: duration(ic, 'sessionDuration', w, 8 * 3600),
    accessTokenExpiresIn: duration(ic, 'accessTokenExpiresIn', w, 3600),
  };
  const redirectUris = (Array.isArray(ic.redirectUris) ? ic.redirectUris : []).map(String);
  for (const u of redirectUris) {
    if (!/^https:\/\/[^/]+/.test(u) || u.includes('#'))
      throw new SeedError(`${w}.redirectUris: ${u} must be an https URL without a fragment`);
  }
  if (redirectUris.length > 0) settings.redirectUris = redirectUris;
  const startUrl = str(ic, 'startUrl', w, false);
  if (startUrl) {
    if (!/^https?:\/\/[^/]+/.test(startUrl)) throw new SeedError(`${w}.startUrl must be an http(s) URL`);
    settings.startUrl = startUrl;
  }
  const passwords = new Map<string, string>();
  const users = list(ic.users, `${w}.users`).map((u, i) => {
    const at = `${w}.users[${i}]`;
    const userName = str(u, 'userName', at) as string;
    if (!/^[\w.@+=,-]{1,128}$/.test(userName)) throw new SeedError(`${at}.userName "${userName}" has characters a user name cannot have`);
    if (passwords.has(userName.toLowerCase())) throw new SeedError(`${at}.userName "${userName}" appears twice`);
    passwords.set(userName.toLowerCase(), str(u, 'password', at) as string);
    const email = str(u, 'email', at, false);
    return { userName, displayName: str(u, 'displayName', at, false) ?? userName, ...(email ? { email } : {}) };
  });
  const accounts = list(ic.accounts, `${w}.accounts`).map((a, i) => {
    const at = `${w}.accounts[${i}]`;
    const accountId = (str(a, 'accountId', at) as string).padStart(12, '0');
    if (!/^\d{12}$/.test(accountId)) throw new SeedError(`${at}.accountId must be 12 digits (quote it in YAML)`);
    return { accountId, accountName: str(a, 'accountName', at) as string, emailAddress: str(a, 'emailAddress', at) as string };
  });
  const permissionSets = list(ic.permissionSets, `${w}.permissionSets`).map((p, i) => {
    const at = `${w}.permissionSets[${i}]`;
    const name = str(p, 'name', at) as string;
    if (!/^[\w+=,.@-]{1,32}$/.test(name)) throw new SeedError(`${at}.name "${name}" is not a valid permission set name`);
    if (p.adminAccess !== undefined && typeof p.adminAccess !== 'boolean') throw new SeedError(`${at}.adminAccess must be true or false`);
    const sessionDuration = duration(p, 'sessionDuration', at, 3600);
    if (sessionDuration < 900 || sessionDuration > 43200) throw new SeedError(`${at}.sessionDuration must be between PT15M and PT12H`);
    return { name, sessionDuration, adminAccess: p.adminAccess === true };
  });
  const assignments = list(ic.assignments, `${w}.assignments`).map((s, i) => {
    const at = `${w}.assignments[${i}]`;
    const userName = str(s, 'userName', at) as string;
    const accountId = (str(s, 'accountId', at) as string).padStart(12, '0');
    const permissionSet = str(s, 'permissionSet', at) as string;
    if (!passwords.has(userName.toLowerCase())) throw new SeedError(`${at}.userName "${userName}" is not one of the users`);
    if (!accounts.some((a) => a.accountId === accountId)) throw new SeedError(`${at}.accountId ${accountId} is not one of the accounts`);
    if (!permissionSets.some((p) => p.name === permissionSet))
      throw new SeedError(`${at}.permissionSet "${permissionSet}" is not one of the permission sets`);
    return { userName, accountId, permissionSet };
  });
  // Verifiers are filled in by applySeed, which keeps an existing one when the password did not change.
  return { settings, directory: { users: users as SsoDirectory['users'], accounts, permissionSets, assignments }, passwords };
}

/** Applies the `identityCenter` section: settings, then the directory in one transaction. */
async function seedIdentityCenter(app: App, ic: Obj): Promise<void> {
  const { settings, directory, passwords } = parseIdentityCenter(ic);
  for (const u of directory.users) {
    const password = passwords.get(u.userName.toLowerCase()) as string;
    const existing = await app.store.sso.userByName(u.userName);
    // Re-deriving on every start would be harmless but slow; keep the verifier while the password matches.
    u.password =
      existing && directoryPasswordMatches(existing.password, password) ? existing.password : directoryVerifier(u.userName, password);
  }
  await app.store.sso.putSettings(settings);
  await app.store.sso.replaceDirectory(directory);
  app.log(
    `seed: Identity Center with ${directory.users.length} users, ${directory.accounts.length} accounts, ${directory.permissionSets.length} permission sets, ${directory.assignments.length} assignments`,
  );
}

function checkTopLevel(seed: Obj): void {
  for (const k of Object.keys(seed)) {
    if (!['identityCenter', 'userPools'].includes(k))
      throw new SeedError(`seed file: unknown top-level key "${k}" (expected identityCenter, userPools)`);
  }
  if (seed.identityCenter !== undefined && !isObj(seed.identityCenter)) throw new SeedError('identityCenter must be an object');
}

/**
 * Reads and checks the whole seed file without touching the store. Called while the routes are built,
 * before the server listens, so a broken file stops the start cleanly instead of leaving a half-started server.
 */
export function checkSeedFile(file: string | undefined): void {
  if (!file) return;
  const seed = readSeedFile(file);
  checkTopLevel(seed);
  if (isObj(seed.identityCenter)) parseIdentityCenter(seed.identityCenter);
  checkUserPools(list(seed.userPools, 'userPools'));
}

/** Loads the seed file named by `--seed` (if any) and applies it. */
export async function applySeedFile(app: App, file: string | undefined): Promise<void> {
  if (!file) return;
  const seed = readSeedFile(file);
  for (const k of Object.keys(seed)) {
    if (!['identityCenter', 'userPools'].includes(k))
      throw new SeedError(`seed file: unknown top-level key "${k}" (expected identityCenter, userPools)`);
  }
  if (seed.identityCenter !== undefined) {
    if (!isObj(seed.identityCenter)) throw new SeedError('identityCenter must be an object');
    await seedIdentityCenter(app, seed.identityCenter);
  }
  await seedUserPools(app, list(seed.userPools, 'userPools'));
}
