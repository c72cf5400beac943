/**
 * The settings chain: flag → environment → config/credentials files → default, with the AWS CLI's own
 * names (AWS_PROFILE, AWS_REGION / AWS_DEFAULT_REGION, AWS_ENDPOINT_URL[_<SERVICE_ID>], the profile's
 * `services` section, AWS_CA_BUNDLE, AWS_DEFAULT_OUTPUT, AWS_MAX_ATTEMPTS / AWS_RETRY_MODE). Files are
 * read once, lazily, so commands that need none of them (skeletons, help) never touch the disk.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { GeneralError } from './errors.ts';
import type { GlobalOptions } from './global-options.ts';
import { configProfiles, type IniSection, namedSections, parseIni } from './ini.ts';

/** Expands a leading `~` as botocore's os.path.expanduser does. */
export function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  if (p === '~' || p.startsWith('~/')) return join(env.HOME ?? homedir(), p.slice(1));
  return p;
}

function readIni(path: string): Record<string, IniSection> {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
}

/** The loaded files and the selected profile. */
export class Settings {
  private configSections?: Record<string, IniSection>;
  private profilesCache?: Record<string, IniSection>;
  private credentialsCache?: Record<string, IniSection>;
  /** The profile name in effect, and whether the user chose it (flag or environment). */
  readonly profileName: string;
  readonly profileExplicit: boolean;
  /** True when `--profile` was given (botocore then skips environment credentials). */
  readonly profileFromFlag: boolean;

  constructor(
    readonly globals: GlobalOptions,
    readonly env: NodeJS.ProcessEnv,
  ) {
    const fromEnv = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE;
    this.profileName = globals.profile ?? fromEnv ?? 'default';
    this.profileExplicit = globals.profile !== undefined || Boolean(fromEnv);
    this.profileFromFlag = globals.profile !== undefined;
  }

  get configPath(): string {
    return expandHome(this.env.AWS_CONFIG_FILE || '~/.aws/config', this.env);
  }
  get credentialsPath(): string {
    return expandHome(this.env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials', this.env);
  }
  /** All sections of the config file. */
  config(): Record<string, IniSection> {
    this.configSections ??= readIni(this.configPath);
    return this.configSections;
  }
  /** Profiles of the config file by name. */
  profiles(): Record<string, IniSection> {
    this.profilesCache ??= configProfiles(this.config());
    return this.profilesCache;
  }
  /** Sections of the credentials file by profile name. */
  credentialsFile(): Record<string, IniSection> {
    this.credentialsCache ??= readIni(this.credentialsPath);
    return this.credentialsCache;
  }
  /**
   * botocore's full profile map: the config file's profiles with the credentials file's sections merged
   * in (its values win), config-file profiles first, then credentials-only ones, in file order.
   */
  allProfiles(): Record<string, IniSection> {
    const out: Record<string, IniSection> = {};
    for (const [name, body] of Object.entries(this.profiles())) out[name] = { ...body };
    for (const [name, body] of Object.entries(this.credentialsFile())) out[name] = { ...(out[name] ?? {}), ...body };
    return out;
  }
  /** The selected profile's config section (empty when absent). */
  profile(): IniSection {
    return this.profiles()[this.profileName] ?? {};
  }
  /** A plain string value of the selected profile. */
  profileValue(key: string): string | undefined {
    const v = this.profile()[key];
    return typeof v === 'string' ? v : undefined;
  }
  /** botocore raises ProfileNotFound for an explicitly chosen profile present in neither file. */
  checkProfile(): void {
    if (!this.profileExplicit) return;
    if (this.profiles()[this.profileName] || this.credentialsFile()[this.profileName]) return;
    throw new GeneralError(`The config profile (${this.profileName}) could not be found`);
  }

  region(): string | undefined {
    return this.globals.region ?? (this.env.AWS_REGION || this.env.AWS_DEFAULT_REGION || this.profileValue('region'));
  }
  output(): string {
    return this.globals.output ?? (this.env.AWS_DEFAULT_OUTPUT || this.profileValue('output') || 'json');
  }
  caBundle(): string | undefined {
    const v = this.globals.caBundle ?? (this.env.AWS_CA_BUNDLE || this.profileValue('ca_bundle'));
    return v ? expandHome(v, this.env) : undefined;
  }
  retryMode(): 'standard' | 'legacy' | 'adaptive' {
    const v = this.env.AWS_RETRY_MODE || this.profileValue('retry_mode') || 'standard';
    return v === 'legacy' || v === 'adaptive' ? v : 'standard';
  }
  maxAttempts(): number {
    const v = this.env.AWS_MAX_ATTEMPTS || this.profileValue('max_attempts');
    const n = v ? Number.parseInt(v, 10) : Number.NaN;
    if (Number.isFinite(n) && n > 0) return n;
    return this.retryMode() === 'legacy' ? 5 : 3;
  }

  /**
   * The configured endpoint for a service (SPEC §3.8): AWS_ENDPOINT_URL_<SERVICE_ID>, AWS_ENDPOINT_URL,
   * the profile's `services` section, the profile's `endpoint_url`; none of them when
   * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls is true.
   */
  configuredEndpoint(serviceId: string): string | undefined {
    const ignore = this.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? this.profileValue('ignore_configured_endpoint_urls');
    if (ignore && ignore.toLowerCase() === 'true') return undefined;
    const envId = serviceId.replace(/[\s-]+/g, '_').toUpperCase();
    const fromEnv = this.env[`AWS_ENDPOINT_URL_${envId}`] || this.env.AWS_ENDPOINT_URL;
    if (fromEnv) return fromEnv;
    const servicesName = this.profileValue('services');
    if (servicesName) {
      const section = namedSections(this.config(), 'services')[servicesName];
      const block = section?.[serviceId.replace(/[\s-]+/g, '_').toLowerCase()];
      if (typeof block === 'object' && block.endpoint_url) return block.endpoint_url;
    }
    return this.profileValue('endpoint_url');
  }
}
