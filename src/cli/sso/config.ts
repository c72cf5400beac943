/**
 * Reading SSO settings from the config file (SPEC §3.1): `[sso-session NAME]` sections referenced by a
 * profile's `sso_session`, or the legacy `sso_start_url`/`sso_region` in the profile itself. The error
 * texts are botocore's and AWS CLI v2's.
 */
import { ConfigurationError, GeneralError } from '../errors.ts';
import { type IniSection, namedSections } from '../ini.ts';
import type { Settings } from '../settings.ts';

/** What a login needs. `sessionName` is set for sso-session configurations (and decides the flow and the file name). */
export interface SsoLoginConfig {
  startUrl: string;
  region: string;
  sessionName?: string;
  /** sso_registration_scopes, when configured. */
  scopes?: string[];
}

/** What the credential provider needs. */
export interface SsoCredentialConfig extends SsoLoginConfig {
  accountId: string;
  roleName: string;
}

function strings(section: IniSection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(section)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** `a, b,,c` → ['a', 'b', 'c'] (items trimmed, empty ones dropped). */
export function parseScopes(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
}

/** Whether the profile asks for SSO credentials (botocore: it has sso_role_name or sso_account_id). */
export function isSsoCredentialProfile(profile: IniSection): boolean {
  return profile.sso_role_name !== undefined || profile.sso_account_id !== undefined;
}

function ssoSessions(settings: Settings): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, body] of Object.entries(namedSections(settings.config(), 'sso-session'))) out[name] = strings(body);
  return out;
}

/** The profile merged with its sso-session, as botocore's SSOProvider does (thrown texts are its InvalidConfigError's). */
function mergeSession(settings: Settings, profile: Record<string, string>, fail: (msg: string) => Error): Record<string, string> {
  const name = profile.sso_session;
  if (name === undefined) return profile;
  const session = ssoSessions(settings)[name];
  if (!session) throw fail(`The specified sso-session does not exist: "${name}"`);
  const merged = { ...profile };
  for (const [k, v] of Object.entries(session)) {
    if (merged[k] !== undefined && merged[k] !== v) {
      throw fail(`The value for ${k} is inconsistent between profile (${merged[k]}) and sso-session (${v}).`);
    }
    merged[k] = v;
  }
  return merged;
}

const configError = (msg: string) => new ConfigurationError('Configuration', msg);

function requireLoginValues(c: Record<string, string>, sessionName: string | undefined): SsoLoginConfig {
  const missing = ['sso_start_url', 'sso_region'].filter((k) => !c[k]);
  if (missing.length > 0) {
    throw configError(
      `Missing the following required SSO configuration values: ${missing.join(', ')}. To make sure this profile is properly configured to use SSO, please run: aws configure sso`,
    );
  }
  const scopes = sessionName !== undefined ? parseScopes(c.sso_registration_scopes) : undefined;
  return {
    startUrl: c.sso_start_url as string,
    region: c.sso_region as string,
    ...(sessionName !== undefined ? { sessionName } : {}),
    ...(scopes ? { scopes } : {}),
  };
}

/** `sso login`'s configuration: `--sso-session NAME`, else the profile's (sso-session or legacy). Errors exit 253. */
export function loginConfig(settings: Settings, ssoSession: string | undefined): SsoLoginConfig {
  if (ssoSession !== undefined) {
    const session = ssoSessions(settings)[ssoSession];
    if (!session) throw configError(`The specified sso-session does not exist: "${ssoSession}"`);
    return requireLoginValues(session, ssoSession);
  }
  settings.checkProfile();
  const profile = strings(settings.profile());
  const merged = mergeSession(settings, profile, configError);
  return requireLoginValues(merged, profile.sso_session);
}

/** The SSO credential configuration of the selected profile, or undefined when it is not an SSO profile. */
export function credentialConfig(settings: Settings): SsoCredentialConfig | undefined {
  const section = settings.profile();
  if (!isSsoCredentialProfile(section)) return undefined;
  const profile = strings(section);
  const merged = mergeSession(settings, profile, (m) => new GeneralError(m));
  const required = ['sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name', ...(profile.sso_session ? ['sso_session'] : [])];
  const missing = required.filter((k) => !merged[k]);
  if (missing.length > 0) {
    throw new GeneralError(
      `The profile "${settings.profileName}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`,
    );
  }
  return {
    startUrl: merged.sso_start_url as string,
    region: merged.sso_region as string,
    accountId: merged.sso_account_id as string,
    roleName: merged.sso_role_name as string,
    ...(profile.sso_session ? { sessionName: profile.sso_session } : {}),
  };
}
