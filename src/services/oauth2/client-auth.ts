/**
 * Client authentication at /oauth2/token and /oauth2/revoke: HTTP Basic (client_id:client_secret, each
 * form-url-encoded as RFC 6749 §2.3.1 says) or client_id/client_secret in the body. A client with a
 * secret must present it; one without must not. The client must belong to the pool whose domain the
 * Host header names, when it names one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { App } from '../../domain/app.ts';
import { domainFromHost } from '../../domain/oauth/domains.ts';
import type { ClientRecord, PoolRecord } from '../../domain/types.ts';
import { clientSecret } from '../../domain/user-pools.ts';
import { OAuthError } from './oauth-errors.ts';

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const h = req.headers.authorization;
  if (!h || !/^basic /i.test(h)) return undefined;
  const raw = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const colon = raw.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client');
  try {
    return {
      id: decodeURIComponent(raw.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(raw.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new OAuthError('invalid_client');
  }
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The posted form; OAuth endpoints take application/x-www-form-urlencoded only. */
export function oauthForm(req: IncomingMessage, body: Buffer): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new OAuthError('invalid_request');
  return new URLSearchParams(body.toString('utf8'));
}

/** Authenticates the calling client; invalid_client for anything wrong. */
export async function authenticateClient(
  app: App,
  req: IncomingMessage,
  form: URLSearchParams,
): Promise<{ client: ClientRecord; pool: PoolRecord }> {
  const basic = basicCredentials(req);
  const bodyId = form.get('client_id') ?? undefined;
  if (basic && bodyId !== undefined && bodyId !== basic.id) throw new OAuthError('invalid_client');
  const id = basic?.id ?? bodyId;
  if (!id) throw new OAuthError('invalid_client');
  const presented = basic?.secret ?? form.get('client_secret') ?? undefined;
  const client = await app.store.clients.find(id);
  const pool = client ? await app.store.pools.get(client.poolId) : undefined;
  if (!client || !pool) throw new OAuthError('invalid_client');
  const domain = await domainFromHost(app, req.headers.host);
  if (domain && domain.poolId !== pool.id) throw new OAuthError('invalid_client');
  const secret = clientSecret(app, client);
  if (secret ? presented === undefined || !same(presented, secret) : presented !== undefined && presented !== '') {
    throw new OAuthError('invalid_client');
  }
  return { client, pool };
}
