/**
 * `cognate configure sso [--profile NAME] [--no-browser] [--use-device-code]`, AWS CLI v2's interactive
 * command: ask for the SSO session (name, start URL, region, registration scopes), log in as `sso login`
 * does, let the user pick an account and a role (ListAccounts / ListAccountRoles), ask for the client
 * region, output format and profile name, then write `[profile NAME]` and `[sso-session NAME]` into the
 * config file, leaving the rest of it untouched. An empty session name configures the legacy format
 * (start URL and region in the profile, device-code login).
 */
import type { CustomCommand } from '../commands.ts';
import { profileSection, sectionHeader, updateConfig } from '../config-writer.ts';
import { GeneralError, ServiceError } from '../errors.ts';
import { type IniSection, namedSections } from '../ini.ts';
import { LineInput, Prompter, type Validator } from '../prompt.ts';
import { Settings } from '../settings.ts';
import { parseTimestamp, readJsonObject, tokenPath } from '../sso/cache.ts';
import { callSso } from '../sso/client.ts';
import { loginConfig, parseScopes, type SsoLoginConfig } from '../sso/config.ts';
import { deviceLogin } from '../sso/device-flow.ts';
import { pkceLogin } from '../sso/pkce-flow.ts';
import { clientRegistration } from '../sso/registration.ts';
import { REFRESH_WINDOW_MS, tokenKey, writeToken } from '../sso/token.ts';
import { parseCustomArgs } from './sso-args.ts';
import { checkStartUrl } from './sso-login.ts';

const HELP = `configure sso

Interactively prompts for the configuration values required to create a profile that sources temporary
AWS credentials from IAM Identity Center, logs in, and writes the profile and its sso-session to the
shared configuration file (AWS_CONFIG_FILE, by default ~/.aws/config).

  [--no-browser] [--use-device-code]
`;
const DEFAULT_SCOPES = 'sso:account:access';
/** What v2 tells the user to run; cognate has no sts or s3, so it names a command it does have. */
const VERIFY_COMMAND = 'cognate cognito-idp list-user-pools --max-results 10';
const HOSTNAME = /^((?!-)[A-Z\d-]{1,63}(?<!-)\.)*((?!-)[A-Z\d-]{1,63}(?<!-))$/i;

function strings(section: IniSection | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(section ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/** botocore's is_valid_endpoint_url: a URL with a well-formed host name. */
function isValidEndpointUrl(raw: string): boolean {
  let host: string;
  try {
    host = new URL(raw).hostname;
  } catch {
    return false;
  }
  if (host === '' || host.length > 255) return false;
  return HOSTNAME.test(host.endsWith('.') ? host.slice(0, -1) : host);
}

const required =
  (current: string | undefined): Validator =>
  (a) =>
    a || current ? undefined : 'A value is required';
const startUrlValidator =
  (current: string | undefined): Validator =>
  (a) =>
    (!a && current) || isValidEndpointUrl(a) ? undefined : 'Not a valid Start URL';
const scopesValidator =
  (current: string | undefined): Validator =>
  (a) =>
    (!a && current) || a.split(',').every((s) => !/\s/.test(s.trim())) ? undefined : 'Scope values must be separated by commas';

/** v2's display_account: name, email and id, whichever are present. */
function displayAccount(a: Record<string, unknown>): string {
  const id = String(a.accountId);
  const name = typeof a.accountName === 'string' ? a.accountName : undefined;
  const email = typeof a.emailAddress === 'string' ? a.emailAddress : undefined;
  if (name === undefined && email === undefined) return id;
  if (email === undefined) return `${name} (${id})`;
  if (name === undefined) return `${email} (${id})`;
  return `${name}, ${email} (${id})`;
}

/** The state of one run: what goes into the profile and into the sso-session section. */
interface Answers {
  profile: Record<string, string>;
  sessionName?: string;
  session: Record<string, string>;
  /** New sessions always log in; existing ones reuse a valid cached token (v2's force_refresh). */
  forceLogin: boolean;
}

/** Asks for the session (or the legacy start URL/region) and returns the login configuration. */
async function askRegistration(p: Prompter, settings: Settings, existing: Record<string, string>, a: Answers): Promise<SsoLoginConfig> {
  const sessions = namedSections(settings.config(), 'sso-session');
  const current = existing.sso_session;
  const name = await p.value(current, 'SSO session name', current ? {} : { format: 'SSO session name (Recommended): ' });
  const target = name ? strings(sessions[name]) : a.profile;
  if (name) {
    a.sessionName = name;
    a.session = target;
    a.profile.sso_session = name;
    if (sessions[name]) return loginConfig(settings, name);
    a.forceLogin = true;
  } else {
    const warn =
      'WARNING: Configuring using legacy format (e.g. without an SSO session).\nConsider re-running "configure sso" command and providing a session name.\n';
    process.stdout.write(process.stdout.isTTY ? `\x1b[1m${warn}\x1b[0m` : warn);
  }
  if (existing.sso_start_url) target.sso_start_url = existing.sso_start_url;
  if (existing.sso_region) target.sso_region = existing.sso_region;
  const startUrl = await p.value(target.sso_start_url, 'SSO start URL', { validator: startUrlValidator(target.sso_start_url) });
  if (startUrl) target.sso_start_url = startUrl;
  const region = await p.value(target.sso_region, 'SSO region', { validator: required(target.sso_region) });
  if (region) target.sso_region = region;
  if (!name) return { startUrl: startUrl as string, region: region as string };
  target.sso_registration_scopes ??= DEFAULT_SCOPES;
  const rawScopes = await p.value(target.sso_registration_scopes, 'SSO registration scopes', {
    validator: scopesValidator(target.sso_registration_scopes),
  });
  if (rawScopes) target.sso_registration_scopes = rawScopes;
  const scopes = parseScopes(rawScopes);
  return { startUrl: startUrl as string, region: region as string, sessionName: name, ...(scopes ? { scopes } : {}) };
}

/** A cached token with more than 15 minutes left (botocore's SSOTokenFetcher), else a new login. */
async function accessToken(settings: Settings, cfg: SsoLoginConfig, force: boolean, opts: Map<string, string | true>): Promise<string> {
  if (!force) {
    const file = readJsonObject(tokenPath(settings.env, tokenKey(cfg)));
    const exp = parseTimestamp(file?.expiresAt);
    if (typeof file?.accessToken === 'string' && exp !== undefined && exp - Date.now() >= REFRESH_WINDOW_MS) return file.accessToken;
  }
  checkStartUrl(cfg.startUrl);
  const pkce = cfg.sessionName !== undefined && !opts.has('--use-device-code');
  const noBrowser = opts.has('--no-browser');
  const reg = await clientRegistration(settings, cfg, pkce);
  const token = pkce ? await pkceLogin(settings, cfg, reg, noBrowser) : await deviceLogin(settings, cfg, reg, noBrowser);
  writeToken(settings.env, cfg, token);
  return token.accessToken;
}

/** Every item of a paginated sso listing. */
async function listAll(
  settings: Settings,
  region: string,
  op: string,
  key: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let nextToken: unknown;
  do {
    const page = await callSso(settings, 'sso', op, region, { ...params, ...(nextToken ? { nextToken } : {}) }, 'configure.sso');
    out.push(...((page[key] as Record<string, unknown>[] | undefined) ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** The account and role to use; undefined when the token may not list them (v2 then skips credentials). */
async function askAccountAndRole(
  p: Prompter,
  settings: Settings,
  region: string,
  token: string,
): Promise<{ accountId: string; roleName: string } | undefined> {
  try {
    const accounts = await listAll(settings, region, 'ListAccounts', 'accountList', { accessToken: token });
    if (accounts.length === 0) throw new GeneralError('No AWS accounts are available to you.');
    let accountId = String(accounts[0]?.accountId);
    if (accounts.length === 1) process.stdout.write(`The only AWS account available to you is: ${accountId}\n`);
    else {
      process.stdout.write(`There are ${accounts.length} AWS accounts available to you.\n`);
      const byId = new Map(accounts.map((a) => [String(a.accountId), a]));
      accountId = await p.select([...byId.keys()], (id) => displayAccount(byId.get(id) ?? {}), 'an account');
    }
    process.stdout.write(`Using the account ID ${accountId}\n`);
    const roles = await listAll(settings, region, 'ListAccountRoles', 'roleList', { accessToken: token, accountId });
    if (roles.length === 0) throw new GeneralError(`No roles are available for the account ${accountId}`);
    let roleName = String(roles[0]?.roleName);
    if (roles.length === 1) process.stdout.write(`The only role available to you is: ${roleName}\n`);
    else {
      process.stdout.write(`There are ${roles.length} roles available to you.\n`);
      roleName = await p.select(
        roles.map((r) => String(r.roleName)),
        (r) => r,
        'a role',
      );
    }
    process.stdout.write(`Using the role name "${roleName}"\n`);
    return { accountId, roleName };
  } catch (err) {
    if (!(err instanceof ServiceError) || err.code !== 'UnauthorizedException') throw err;
    process.stdout.write('Unable to list AWS accounts and/or roles. Skipping configuring AWS credential provider for profile.\n');
    return undefined;
  }
}

/**
 * The closing hint. Against a local Identity Center (AWS_ENDPOINT_URL_SSO set) the verify command needs
 * the same server for cognito-idp, so it names it with --endpoint-url unless cognito-idp has its own.
 */
function conclusion(chosen: boolean, profile: string, settings: Settings): string {
  if (!chosen) return `Successfully configured SSO for profile: ${profile}\n`;
  const sso = settings.configuredEndpoint('SSO');
  const endpoint = sso && !settings.configuredEndpoint('Cognito Identity Provider') ? ` --endpoint-url ${sso}` : '';
  if (profile.toLowerCase() === 'default')
    return `cognate is now configured to use the default profile.\nRun the following command to verify your configuration:\n\n${VERIFY_COMMAND}${endpoint}\n`;
  return `To use this profile, specify the profile name using --profile, as shown:\n\n${VERIFY_COMMAND} --profile ${profile}${endpoint}\n`;
}

async function configureSso(p: Prompter, settings: Settings, opts: Map<string, string | true>): Promise<number> {
  // The selected (or default) profile's values are the defaults shown in brackets.
  const existing = strings(settings.profile());
  const a: Answers = { profile: {}, session: {}, forceLogin: false };
  const cfg = await askRegistration(p, settings, existing, a);
  const token = await accessToken(settings, cfg, a.forceLogin, opts);
  const chosen = await askAccountAndRole(p, settings, cfg.region, token);
  if (chosen) {
    a.profile.sso_account_id = chosen.accountId;
    a.profile.sso_role_name = chosen.roleName;
  }
  const region = await p.value(existing.region, 'Default client Region');
  if (region) a.profile.region = region;
  const output = await p.value(existing.output, 'CLI default output format (json if not specified)');
  if (output) a.profile.output = output;
  let profileName = settings.profileName;
  if (!settings.profileExplicit) {
    const suggested = chosen ? `${chosen.roleName}-${chosen.accountId}` : undefined;
    profileName = (await p.value(suggested, 'Profile name', { validator: required(suggested) })) as string;
  }
  if (Object.keys(a.profile).length > 0) updateConfig(settings.configPath, profileSection(profileName), a.profile);
  if (a.sessionName) updateConfig(settings.configPath, sectionHeader('sso-session', a.sessionName), a.session);
  process.stdout.write(conclusion(chosen !== undefined, profileName, settings));
  return 0;
}

export const command: CustomCommand = {
  summary: 'Configures a profile that gets its credentials from IAM Identity Center.',
  async run({ args, globals, env }) {
    if (args[0] === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    const opts = parseCustomArgs(args, ['--no-browser', '--use-device-code'], []);
    const input = new LineInput();
    try {
      return await configureSso(new Prompter(input), new Settings(globals, env), opts);
    } finally {
      input.close();
    }
  },
};
