/** Shared tools of the attack suite: raw JSON 1.1 calls (signed or not) and captured SDK requests. */
import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { TestServer } from '../helpers/server.ts';

export const IDP = 'AWSCognitoIdentityProviderService.';
export const IDENTITY = 'AWSCognitoIdentityService.';

export interface RawResult {
  status: number;
  type: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: responses are inspected loosely in tests.
  body: any;
  text: string;
}

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Signs headers+body for `service` with `keys` at `date` (the SDK's own signer). */
export async function signHeaders(
  server: TestServer,
  service: string,
  headers: Record<string, string>,
  body: string | Uint8Array,
  keys: Keys = server.rootKeys,
  date?: Date,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    credentials: keys,
    region: 'us-east-1',
    service,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const s = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/', query: {}, headers: { ...headers }, body },
    date ? { signingDate: date } : {},
  );
  return s.headers as Record<string, string>;
}

/** POSTs a JSON 1.1 request as given (bytes untouched) and parses the answer. */
export async function post(server: TestServer, headers: Record<string, string>, body: string | Uint8Array): Promise<RawResult> {
  const res = await fetch(server.url, { method: 'POST', headers, body: typeof body === 'string' ? body : Buffer.from(body) });
  const text = await res.text();
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { unparsable: text };
  }
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), body: parsed, text };
}

/** A JSON 1.1 call: target is `Prefix.Operation`; signed with the root keys unless `sign` is false. */
export async function call(
  server: TestServer,
  target: string,
  body: string | Uint8Array,
  opts: { sign?: boolean; service?: string; keys?: Keys } = {},
): Promise<RawResult> {
  let headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    host: new URL(server.url).host,
    'x-amz-target': target,
  };
  if (opts.sign) headers = await signHeaders(server, opts.service ?? 'cognito-idp', headers, body, opts.keys);
  return post(server, headers, body);
}

export interface Captured {
  headers: Record<string, string>;
  body: string;
}

/**
 * Records the last request the SDK client sent, exactly as signed (a deserialize-step middleware sees the
 * request after the signer has run).
 */
export function captureRequests(client: CognitoIdentityProviderClient): { last(): Captured } {
  let last: Captured | undefined;
  client.middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as { headers: Record<string, string>; body: unknown };
      last = { headers: { ...req.headers }, body: String(req.body) };
      return next(args);
    },
    { step: 'deserialize', name: 'captureSignedRequest' },
  );
  return {
    last() {
      if (!last) throw new Error('no request captured');
      return last;
    },
  };
}

/**
 * A digest of every table of the server's SQLite store (rows sorted), so a test can show that a refused
 * call wrote nothing. `except` names tables whose change is the point of the call (the attempt counters,
 * where a refused sign-in or password change is meant to count).
 */
export function storeDigest(server: TestServer, except: readonly string[] = []): string {
  const db = (server.app.store as unknown as { db: import('better-sqlite3').Database }).db;
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((t) => !except.includes(t));
  const h = createHash('sha256');
  for (const t of tables) {
    const stmt = db.prepare(`SELECT * FROM "${t}"`);
    const rows = (stmt.raw().all() as unknown[][]).map((r) =>
      JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v)),
    );
    rows.sort();
    h.update(`${t}\n${rows.join('\n')}\n`);
  }
  return h.digest('hex');
}
