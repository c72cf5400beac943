/**
 * `cognate sso login [--profile P | --sso-session S] [--no-browser] [--use-device-code]` (AWS CLI v2's
 * customization, SPEC §3.5): read the SSO configuration, register a client (cached), run the PKCE flow
 * for sso-session configurations (device code with --use-device-code and for legacy profiles), write
 * the token cache and print `Successfully logged into Start URL: <url>`. --endpoint-url is ignored, as
 * in v2: the sso-oidc endpoint comes from AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL or the config.
 */
import type { CustomCommand } from '../commands.ts';
import { ConfigurationError } from '../errors.ts';
import { Settings } from '../settings.ts';
import { loginConfig } from '../sso/config.ts';
import { deviceLogin } from '../sso/device-flow.ts';
import { pkceLogin } from '../sso/pkce-flow.ts';
import { clientRegistration } from '../sso/registration.ts';
import { writeToken } from '../sso/token.ts';
import { parseCustomArgs } from './sso-args.ts';

const HELP = `sso login

Retrieves and caches an IAM Identity Center access token to exchange for AWS credentials.

  [--no-browser] [--use-device-code] [--sso-session <value>]
`;

/** `sso_start_url` must be an https URL (exit 253 otherwise). */
export function checkStartUrl(startUrl: string): void {
  let u: URL | undefined;
  try {
    u = new URL(startUrl);
  } catch {
    u = undefined;
  }
  if (u?.protocol !== 'https:') throw new ConfigurationError('Configuration', 'The sso_start_url must use the https scheme.');
}

export const command: CustomCommand = {
  summary: 'Retrieves and caches an IAM Identity Center access token.',
  async run({ args, globals, env }) {
    if (args[0] === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    const opts = parseCustomArgs(args, ['--no-browser', '--use-device-code'], ['--sso-session']);
    const settings = new Settings(globals, env);
    const session = opts.get('--sso-session');
    const cfg = loginConfig(settings, typeof session === 'string' ? session : undefined);
    checkStartUrl(cfg.startUrl);
    const noBrowser = opts.has('--no-browser');
    const pkce = cfg.sessionName !== undefined && !opts.has('--use-device-code');
    const reg = await clientRegistration(settings, cfg, pkce);
    const token = pkce ? await pkceLogin(settings, cfg, reg, noBrowser) : await deviceLogin(settings, cfg, reg, noBrowser);
    writeToken(env, cfg, token);
    process.stdout.write(`Successfully logged into Start URL: ${cfg.startUrl}\n`);
    return 0;
  },
};
