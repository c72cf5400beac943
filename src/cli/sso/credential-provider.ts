/**
 * SSO profiles as a credential source (botocore's SSOProvider with AWS CLI v2's file cache, SPEC §3.4):
 * cached role credentials while 15 minutes remain, else the SSO token (refreshed if needed) →
 * GetRoleCredentials → ~/.aws/cli/cache/<sha1>.json (0600).
 */
import { join } from 'node:path';
import type { CredentialContext, Credentials } from '../credentials.ts';
import { GeneralError, ServiceError } from '../errors.ts';
import { cliCacheDir, compactSortedJson, isoSeconds, parseTimestamp, readJsonObject, sha1hex, writeJsonObject } from './cache.ts';
import { callSso } from './client.ts';
import { credentialConfig, type SsoCredentialConfig } from './config.ts';
import { REFRESH_WINDOW_MS, ssoAccessToken, UNAUTHORIZED_SSO_TOKEN } from './token.ts';

/** The cache file of one account/role/session (or start URL for legacy profiles). */
export function credentialCachePath(env: NodeJS.ProcessEnv, cfg: SsoCredentialConfig): string {
  const key = compactSortedJson({
    accountId: cfg.accountId,
    roleName: cfg.roleName,
    ...(cfg.sessionName !== undefined ? { sessionName: cfg.sessionName } : { startUrl: cfg.startUrl }),
  });
  return join(cliCacheDir(env), `${sha1hex(key)}.json`);
}

function fromCache(file: Record<string, unknown> | undefined, now: number): Credentials | undefined {
  const c = file?.Credentials as Record<string, unknown> | undefined;
  if (!c || typeof c.AccessKeyId !== 'string' || typeof c.SecretAccessKey !== 'string') return undefined;
  const exp = parseTimestamp(c.Expiration);
  if (exp === undefined || exp - now < REFRESH_WINDOW_MS) return undefined;
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(typeof c.SessionToken === 'string' ? { sessionToken: c.SessionToken } : {}),
    expiration: new Date(exp),
  };
}

/** Credentials for an SSO profile, or undefined when the selected profile is not one. */
export async function resolveSsoCredentials(ctx: CredentialContext, now = Date.now()): Promise<Credentials | undefined> {
  const cfg = credentialConfig(ctx.settings);
  if (!cfg) return undefined;
  const path = credentialCachePath(ctx.env, cfg);
  const cached = fromCache(readJsonObject(path), now);
  if (cached) {
    ctx.debug('botocore.credentials', `Credentials for role retrieved from cache.`);
    return cached;
  }
  const accessToken = await ssoAccessToken(ctx.settings, cfg, now);
  let r: Record<string, unknown>;
  try {
    r = await callSso(
      ctx.settings,
      'sso',
      'GetRoleCredentials',
      cfg.region,
      { roleName: cfg.roleName, accountId: cfg.accountId, accessToken },
      'sso.get-role-credentials',
    );
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'UnauthorizedException') throw new GeneralError(UNAUTHORIZED_SSO_TOKEN);
    throw err;
  }
  const rc = (r.roleCredentials ?? {}) as Record<string, unknown>;
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = rc;
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string' || typeof sessionToken !== 'string') {
    throw new GeneralError('SSO returned incomplete role credentials');
  }
  const expMs = Number(expiration);
  writeJsonObject(path, {
    ProviderType: 'sso',
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: secretAccessKey,
      SessionToken: sessionToken,
      Expiration: isoSeconds(expMs),
      AccountId: cfg.accountId,
    },
  });
  return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expMs) };
}
