/**
 * Shared set-up for the `cognate sso …` tests: the real server with the Identity Center seed, a temp
 * HOME with SSO profiles, a streaming `cognate` child (to read the prompt while it waits), and the
 * headless Chromium that plays the user.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { CliResult } from '../helpers/server.ts';
import { ALICE, START_URL } from '../integration/sso-fixtures.ts';
import { bareEnv } from './cognate-helpers.ts';

export { ALICE, START_URL };
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'cognate.js');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** The config file of the tests: sso-session profiles (admin, reader), a legacy one, and a plain one. */
export function ssoConfig(startUrl = START_URL): string {
  return `[default]
region = us-east-1

[profile admin]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = us-east-1

[profile reader]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-east-1

[profile legacy]
sso_start_url = ${startUrl}
sso_region = us-east-1
sso_account_id = 333333333333
sso_role_name = AdministratorAccess
region = us-east-1

[sso-session my-sso]
sso_start_url = ${startUrl}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;
}

/** A temp HOME whose config file is `config`, with the sso and sso-oidc endpoints pointed at the server. */
export function ssoEnv(serverUrl: string, config = ssoConfig(), extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = bareEnv({ AWS_ENDPOINT_URL_SSO: serverUrl, AWS_ENDPOINT_URL_SSO_OIDC: serverUrl, ...extra });
  writeFileSync(env.AWS_CONFIG_FILE as string, config);
  return env;
}

/** A running `cognate` whose output can be awaited while it runs. */
export interface LiveCli {
  stdout(): string;
  /** Resolves with the first match of `re` in stdout. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  done: Promise<CliResult>;
}

/** Starts `node bin/cognate.js …args`; `input`, when given, is piped to its stdin (then closed). */
export function startCognate(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000, input?: string): LiveCli {
  return startChild(process.execPath, [BIN, ...args], env, timeoutMs, input);
}

/** `cognate …args` on a pseudo-terminal (util-linux `script`), to see what a terminal user sees. */
export function startCognateOnTty(args: string[], env: NodeJS.ProcessEnv): LiveCli {
  const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;
  return startChild('script', ['-qfec', [process.execPath, BIN, ...args].map(quote).join(' '), '/dev/null'], env);
}

/** Starts a child whose stdout can be awaited while it runs. */
export function startChild(cmd: string, argv: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000, input?: string): LiveCli {
  const child =
    input === undefined ? spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(cmd, argv, { env, stdio: 'pipe' });
  if (input !== undefined) child.stdin?.end(input);
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  let closed = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      closed = true;
      for (const w of waiters.splice(0)) w();
      resolve({ status: code ?? (signal ? -1 : 0), stdout: out, stderr: err });
    });
  });
  return {
    stdout: () => out,
    done,
    waitFor(re, ms = 30_000) {
      return new Promise((resolve, reject) => {
        const limit = setTimeout(() => reject(new Error(`timed out waiting for ${re} in:\n${out}\n${err}`)), ms);
        const check = () => {
          const m = re.exec(out);
          if (m) {
            clearTimeout(limit);
            resolve(m);
          } else if (closed) {
            clearTimeout(limit);
            reject(new Error(`cognate exited before printing ${re}:\n${out}\n${err}`));
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

/** Signs in on the page the browser is on (device verification or authorize page) and allows. */
export async function signInAndAllow(page: Page, who = ALICE): Promise<void> {
  if (await page.isVisible('input[name="password"]')) {
    await page.fill('input[name="username"]', who.user);
    await page.fill('input[name="password"]', who.password);
    await page.click('#submit');
  }
  await page.click('#allow');
}
