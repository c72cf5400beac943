/**
 * A tiny browser for the managed-login tests: fetch with a cookie jar and manual redirects, and a form
 * filler that reads the page's hidden inputs (CSRF token, authorization request) like a browser submits them.
 */
import assert from 'node:assert/strict';
import {
  CreateResourceServerCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser } from '../helpers/fixtures.ts';

export class Browser {
  readonly jar = new Map<string, string>();
  constructor(readonly base: string) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, eq).trim();
      const value = (pair ?? '').slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.jar.size ? { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(new URL(url, this.base), { redirect: 'manual', headers: { ...this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(new URL(url, this.base), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader(), ...headers },
      body: new URLSearchParams(form).toString(),
    });
    this.remember(res);
    return res;
  }
}

/** The hidden inputs of the first form in a page. */
export function hiddenInputs(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    out[decode(m[1] as string)] = decode(m[2] as string);
  return out;
}

/** Follows the authorize redirect to /login, fills in the form, and returns the response to the post. */
export async function signInThroughPages(b: Browser, authorizeUrl: string, username: string, password: string): Promise<Response> {
  const first = await b.get(authorizeUrl);
  assert.equal(first.status, 302, 'authorize sends an unknown browser to /login');
  const loginUrl = first.headers.get('location') as string;
  assert.match(loginUrl, /^\/login\?/);
  const page = await b.get(loginUrl);
  assert.equal(page.status, 200);
  const html = await page.text();
  return b.post('/login', { ...hiddenInputs(html), username, password });
}

export const CALLBACK = 'http://localhost:3000/cb';
export const SIGNED_OUT = 'http://localhost:3000/bye';

/** A pool with a domain, a resource server, a public web client, a confidential service client and alice. */
export async function oauthWorld(idp: CognitoIdentityProviderClient, domain = 'my-app') {
  const poolId = await createPool(idp, 'oauth');
  await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
  await idp.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: 'orders',
      Name: 'Orders',
      Scopes: [
        { ScopeName: 'read', ScopeDescription: 'Read orders' },
        { ScopeName: 'write', ScopeDescription: 'Write orders' },
      ],
    }),
  );
  const web = await createClient(idp, poolId, {
    ClientName: 'Orders web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code', 'implicit'],
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', 'orders/read'],
    CallbackURLs: [CALLBACK],
    LogoutURLs: [SIGNED_OUT],
    SupportedIdentityProviders: ['COGNITO'],
  });
  const svc = await createClient(idp, poolId, {
    ClientName: 'svc',
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: ['orders/read', 'orders/write'],
  });
  await createUser(idp, poolId, 'alice');
  return { poolId, web, svc };
}
