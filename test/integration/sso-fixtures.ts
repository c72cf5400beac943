/**
 * Shared set-up for the Identity Center tests: a seed file, a server started with it, SDK clients, and a
 * tiny cookie-keeping form browser (plain HTTP, like a browser without JavaScript) for the pages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { startTestServer, type TestServer } from '../helpers/server.ts';

export const START_URL = 'https://d-1234567890.awsapps.com/start';
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const ALICE = { user: 'alice', password: 'Alice-Passw0rd!' };
export const BOB = { user: 'bob', password: 'Bob-Passw0rd!' };

export const SEED_YAML = `# Identity Center directory for the tests
identityCenter:
  startUrl: ${START_URL}
  deviceCodeInterval: 1
  sessionDuration: PT8H
  users:
    - userName: ${ALICE.user}
      password: '${ALICE.password}'
      displayName: Alice Example
      email: alice@example.com
    - userName: ${BOB.user}
      password: '${BOB.password}'
  accounts:
    - { accountId: '111111111111', accountName: Development, emailAddress: dev@example.com }
    - { accountId: '222222222222', accountName: Production, emailAddress: prod@example.com }
    - { accountId: '333333333333', accountName: Sandbox, emailAddress: sandbox@example.com }
  permissionSets:
    - { name: AdministratorAccess, sessionDuration: PT1H, adminAccess: true }
    - { name: ReadOnly, sessionDuration: 7200, adminAccess: false }
  assignments:
    - { userName: alice, accountId: '111111111111', permissionSet: AdministratorAccess }
    - { userName: alice, accountId: '111111111111', permissionSet: ReadOnly }
    - { userName: alice, accountId: '222222222222', permissionSet: ReadOnly }
    - { userName: alice, accountId: '333333333333', permissionSet: AdministratorAccess }
    - { userName: bob, accountId: '111111111111', permissionSet: ReadOnly }
`;

export function writeSeed(content = SEED_YAML, name = 'seed.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cognate-seed-')), name);
  writeFileSync(file, content);
  return file;
}

export async function startSsoServer(seed = SEED_YAML): Promise<TestServer> {
  return startTestServer({ seedFile: writeSeed(seed) });
}

export function oidcClient(server: TestServer): SSOOIDCClient {
  return new SSOOIDCClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });
}

export function portalClient(server: TestServer): SSOClient {
  return new SSOClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });
}

export interface PageResult {
  status: number;
  html: string;
  location: string | null;
  headers: Headers;
}

/** A cookie jar and form poster: what a browser without JavaScript does. */
export class FormBrowser {
  readonly cookies = new Map<string, string>();
  last: PageResult | undefined;
  constructor(readonly base: string) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = (pair as string).indexOf('=');
      const name = (pair as string).slice(0, eq).trim();
      const value = (pair as string).slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0$/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<PageResult> {
    const res = await fetch(new URL(path, this.base), { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.remember(res);
    this.last = { status: res.status, html: await res.text(), location: res.headers.get('location'), headers: res.headers };
    return this.last;
  }

  /** Posts a form; the CSRF token of the last page is added unless given. */
  async post(path: string, fields: Record<string, string>): Promise<PageResult> {
    const csrf = fields.csrf ?? /name="csrf" value="([^"]+)"/.exec(this.last?.html ?? '')?.[1] ?? '';
    const res = await fetch(new URL(path, this.base), {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, csrf }).toString(),
      redirect: 'manual',
    });
    this.remember(res);
    this.last = { status: res.status, html: await res.text(), location: res.headers.get('location'), headers: res.headers };
    return this.last;
  }

  /** The hidden fields of the last page's first form. */
  hiddenFields(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const m of (this.last?.html ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      out[m[1] as string] = (m[2] as string).replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
    }
    return out;
  }
}

/** Approves a device code on the verification page: sign in (unless the browser already is), then Allow. */
export async function approveDevice(browser: FormBrowser, userCode: string, who = ALICE, action: 'allow' | 'deny' = 'allow') {
  await browser.get(`/device?user_code=${userCode}`);
  if (!browser.last?.html.includes('id="allow"')) {
    const signedIn = await browser.post('/device', { user_code: userCode, username: who.user, password: who.password });
    if (signedIn.status !== 200) return signedIn;
  }
  return browser.post('/device/confirm', { user_code: userCode, action });
}

/** A full device-code login through the SDK and the form browser; returns the tokens and the browser. */
export async function deviceLogin(
  server: TestServer,
  who = ALICE,
  scopes: string[] | null = ['sso:account:access'],
  browser?: FormBrowser,
) {
  const oidc = oidcClient(server);
  const reg = await oidc.send(
    new RegisterClientCommand({ clientName: 'test-client', clientType: 'public', ...(scopes ? { scopes } : {}) }),
  );
  const auth = await oidc.send(
    new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: START_URL }),
  );
  const b = browser ?? new FormBrowser(server.url);
  const done = await approveDevice(b, auth.userCode as string, who);
  if (!done.html.includes('close this window')) throw new Error(`device approval failed: ${done.status} ${done.html}`);
  const token = await oidc.send(
    new CreateTokenCommand({
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      grantType: DEVICE_GRANT,
      deviceCode: auth.deviceCode,
    }),
  );
  return { reg, auth, token, browser: b, oidc };
}
