/**
 * The client-registration cache (SPEC §3.3): RegisterClient once, keep `{clientId, clientSecret,
 * expiresAt[, scopes][, grantTypes]}` under sha1(json.dumps({region, scopes, session_name, startUrl,
 * tool}, sort_keys=True)), reuse it until 15 minutes before it expires. Device and PKCE registrations
 * are never used for each other's flow.
 */
import { join } from 'node:path';
import type { Settings } from '../settings.ts';
import { isoSeconds, parseTimestamp, readJsonObject, sha1hex, sortedPyJson, ssoCacheDir, writeJsonObject } from './cache.ts';
import { callSso } from './client.ts';
import type { SsoLoginConfig } from './config.ts';

export interface Registration {
  clientId: string;
  clientSecret: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`, copied into the token file as registrationExpiresAt. */
  expiresAt: string;
  scopes?: string[];
  grantTypes?: string[];
}

/** What AWS CLI v2 registers for its PKCE login (the redirect URI has no port; RFC 8252 loopback). */
export const PKCE_GRANT_TYPES = ['authorization_code', 'refresh_token'];
export const PKCE_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
export const DEFAULT_PKCE_SCOPES = ['sso:account:access'];

const REUSE_WINDOW_MS = 15 * 60_000;

/** The registration file for a configuration. */
export function registrationPath(env: NodeJS.ProcessEnv, cfg: SsoLoginConfig): string {
  const key = sortedPyJson({
    region: cfg.region,
    scopes: cfg.scopes ?? null,
    session_name: cfg.sessionName ?? null,
    startUrl: cfg.startUrl,
    tool: 'botocore',
  });
  return join(ssoCacheDir(env), `${sha1hex(key)}.json`);
}

function usable(file: Record<string, unknown> | undefined, pkce: boolean, now: number): Registration | undefined {
  if (!file || typeof file.clientId !== 'string' || typeof file.clientSecret !== 'string' || typeof file.expiresAt !== 'string')
    return undefined;
  const exp = parseTimestamp(file.expiresAt);
  if (exp === undefined || exp - now <= REUSE_WINDOW_MS) return undefined;
  const grantTypes = Array.isArray(file.grantTypes) ? file.grantTypes.map(String) : undefined;
  if ((grantTypes?.includes('authorization_code') ?? false) !== pkce) return undefined;
  return {
    clientId: file.clientId,
    clientSecret: file.clientSecret,
    expiresAt: file.expiresAt,
    ...(Array.isArray(file.scopes) ? { scopes: file.scopes.map(String) } : {}),
    ...(grantTypes ? { grantTypes } : {}),
  };
}

/** A cached registration for the flow, or a new one (written to the cache). */
export async function clientRegistration(settings: Settings, cfg: SsoLoginConfig, pkce: boolean, now = Date.now()): Promise<Registration> {
  const path = registrationPath(settings.env, cfg);
  const cached = usable(readJsonObject(path), pkce, now);
  if (cached) return cached;
  const clientName = `botocore-client-${cfg.sessionName ?? Math.floor(now / 1000)}`;
  const scopes = pkce ? (cfg.scopes ?? DEFAULT_PKCE_SCOPES) : cfg.scopes;
  const params: Record<string, unknown> = {
    clientName,
    clientType: 'public',
    ...(scopes ? { scopes } : {}),
    ...(pkce ? { grantTypes: PKCE_GRANT_TYPES, redirectUris: [PKCE_REDIRECT_URI], issuerUrl: cfg.startUrl } : {}),
  };
  const r = await callSso(settings, 'sso-oidc', 'RegisterClient', cfg.region, params, 'sso.login');
  const reg: Registration = {
    clientId: String(r.clientId),
    clientSecret: String(r.clientSecret),
    expiresAt: isoSeconds(Number(r.clientSecretExpiresAt) * 1000),
    ...(scopes ? { scopes } : {}),
    ...(pkce ? { grantTypes: PKCE_GRANT_TYPES } : {}),
  };
  writeJsonObject(path, { ...reg });
  return reg;
}
