/** IAM Identity Center instance settings: stored by the seed file, defaulted here, read per request. */
import type { App } from '../app.ts';
import type { SsoSettings } from './types.ts';

/** Defaults, documented in the README's seed-file section. */
export const SSO_DEFAULTS: Omit<SsoSettings, 'startUrl'> = {
  startUrlAliases: [],
  deviceCodeInterval: 1,
  deviceCodeExpiresIn: 600,
  sessionDuration: 8 * 3600,
  accessTokenExpiresIn: 3600,
};

export interface ResolvedSsoSettings extends SsoSettings {
  startUrl: string;
}

/** The settings in force; read from the store each time so every worker process agrees. */
export async function ssoSettings(app: App): Promise<ResolvedSsoSettings> {
  const stored: Partial<SsoSettings> = (await app.store.sso.getSettings()) ?? {};
  const own = `${app.publicUrl}/start`;
  // The portal this server serves is always a valid name for the instance, even when the seed picks another.
  const aliases = [...(stored.startUrlAliases ?? []), ...(stored.startUrl && stored.startUrl !== own ? [own] : [])];
  return { ...SSO_DEFAULTS, ...stored, startUrl: stored.startUrl ?? own, startUrlAliases: aliases };
}

/** Whether a start URL names this instance (trailing slashes and case of the host ignored). */
export function isOurStartUrl(settings: ResolvedSsoSettings, startUrl: string): boolean {
  const norm = (u: string) => {
    try {
      const x = new URL(u);
      return `${x.protocol}//${x.host.toLowerCase()}${x.pathname.replace(/\/+$/, '')}`;
    } catch {
      return u.replace(/\/+$/, '');
    }
  };
  const want = norm(startUrl);
  return [settings.startUrl, ...settings.startUrlAliases].some((u) => norm(u) === want);
}

/**
 * Parses a duration given as seconds (number or digits) or ISO-8601 (`PT1H`, `PT8H30M`, `P1D`).
 * Returns seconds, or undefined when the text is not a duration.
 */
export function parseDuration(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  if (/^\d+$/.test(v)) return Number(v) > 0 ? Number(v) : undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(v);
  if (!m || v === 'P' || v.endsWith('T')) return undefined;
  const [, d, h, mi, s] = m;
  const total = Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(mi ?? 0) * 60 + Number(s ?? 0);
  return total > 0 ? total : undefined;
}
