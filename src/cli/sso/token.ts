/**
 * The SSO token cache (SPEC §3.2) and botocore's token provider: read the token of an sso-session or a
 * legacy start URL, refresh it through CreateToken(refresh_token) within 15 minutes of expiry
 * (sso-session only), write the refreshed token back, and fail with botocore's texts.
 */
import { debug } from '../debug.ts';
import { GeneralError, ServiceError } from '../errors.ts';
import type { Settings } from '../settings.ts';
import { isoSeconds, parseTimestamp, readJsonObject, tokenPath, writeJsonObject } from './cache.ts';
import { callSso } from './client.ts';
import type { SsoLoginConfig } from './config.ts';

/** botocore refreshes (and the credential cache refetches) when less than this remains. */
export const REFRESH_WINDOW_MS = 15 * 60_000;

export const UNAUTHORIZED_SSO_TOKEN =
  'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.';

/** The fields of a token file, in the order the CLI writes them. */
export interface SsoToken {
  startUrl: string;
  region: string;
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

/** The token file's key: the sso-session name, else the start URL. */
export function tokenKey(cfg: SsoLoginConfig): string {
  return cfg.sessionName ?? cfg.startUrl;
}

/** Writes the token file exactly as botocore/AWS CLI v2 do (key order, `…Z` timestamps, 0600). */
export function writeToken(env: NodeJS.ProcessEnv, cfg: SsoLoginConfig, t: SsoToken): string {
  const path = tokenPath(env, tokenKey(cfg));
  writeJsonObject(path, {
    startUrl: t.startUrl,
    region: t.region,
    accessToken: t.accessToken,
    expiresAt: isoSeconds(t.expiresAt),
    ...(t.clientId !== undefined ? { clientId: t.clientId } : {}),
    ...(t.clientSecret !== undefined ? { clientSecret: t.clientSecret } : {}),
    ...(t.registrationExpiresAt !== undefined ? { registrationExpiresAt: t.registrationExpiresAt } : {}),
    ...(t.refreshToken !== undefined ? { refreshToken: t.refreshToken } : {}),
  });
  return path;
}

function loadTokenFile(env: NodeJS.ProcessEnv, cfg: SsoLoginConfig): Record<string, unknown> {
  const file = readJsonObject(tokenPath(env, tokenKey(cfg)));
  if (!file) throw new GeneralError(`Error loading SSO Token: Token for ${tokenKey(cfg)} does not exist`);
  if (typeof file.accessToken !== 'string' || parseTimestamp(file.expiresAt) === undefined) {
    throw new GeneralError(`Error loading SSO Token: Token for ${cfg.startUrl} is invalid`);
  }
  return file;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** CreateToken(refresh_token); undefined when the file cannot be refreshed or the service refuses. */
async function refresh(settings: Settings, cfg: SsoLoginConfig, file: Record<string, unknown>, now: number): Promise<SsoToken | undefined> {
  const clientId = str(file.clientId);
  const clientSecret = str(file.clientSecret);
  const refreshToken = str(file.refreshToken);
  const registrationExpiresAt = str(file.registrationExpiresAt);
  if (!clientId || !clientSecret || !refreshToken || !registrationExpiresAt) {
    debug('botocore.tokens', 'Unable to refresh SSO token: missing keys');
    return undefined;
  }
  if ((parseTimestamp(registrationExpiresAt) ?? 0) <= now) {
    debug('botocore.tokens', `SSO token registration expired at ${registrationExpiresAt}`);
    return undefined;
  }
  try {
    const r = await callSso(
      settings,
      'sso-oidc',
      'CreateToken',
      cfg.region,
      { grantType: 'refresh_token', clientId, clientSecret, refreshToken },
      'sso.token-refresh',
    );
    const token: SsoToken = {
      startUrl: cfg.startUrl,
      region: cfg.region,
      accessToken: String(r.accessToken),
      expiresAt: now + Number(r.expiresIn) * 1000,
      clientId,
      clientSecret,
      registrationExpiresAt,
      ...(typeof r.refreshToken === 'string' ? { refreshToken: r.refreshToken } : {}),
    };
    writeToken(settings.env, cfg, token);
    debug('botocore.tokens', 'SSO Token refresh succeeded');
    return token;
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    debug('botocore.tokens', `SSO token refresh attempt failed: ${err.message}`, 'WARNING');
    return undefined;
  }
}

/**
 * The access token to use for a profile's configuration. sso-session tokens are refreshed when less
 * than 15 minutes remain (a failed refresh falls back to the cached token until it expires); legacy
 * tokens are never refreshed and an expired one is refused without calling the service.
 */
export async function ssoAccessToken(settings: Settings, cfg: SsoLoginConfig, now = Date.now()): Promise<string> {
  const file = loadTokenFile(settings.env, cfg);
  const expiresAt = parseTimestamp(file.expiresAt) as number;
  if (cfg.sessionName === undefined) {
    if (expiresAt <= now) throw new GeneralError(UNAUTHORIZED_SSO_TOKEN);
    return file.accessToken as string;
  }
  if (expiresAt - now < REFRESH_WINDOW_MS) {
    const fresh = await refresh(settings, cfg, file, now);
    if (fresh) return fresh.accessToken;
    if (expiresAt <= now) throw new GeneralError('Error when retrieving token from sso: Token has expired and refresh failed');
  }
  return file.accessToken as string;
}
