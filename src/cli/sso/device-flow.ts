/**
 * The device-code login (SPEC §3.5): StartDeviceAuthorization, one immediate CreateToken attempt (a
 * pre-approved device needs no prompt), then the prompt and polling every `interval` seconds —
 * authorization_pending keeps polling, slow_down adds 5 s, expired_token ends the login.
 */
import { GeneralError, ServiceError } from '../errors.ts';
import type { Settings } from '../settings.ts';
import { callSso } from './client.ts';
import type { SsoLoginConfig } from './config.ts';
import type { Registration } from './registration.ts';
import type { SsoToken } from './token.ts';
import { openBrowser, startSpinner } from './ui.ts';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const PENDING_EXPIRED =
  'The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted.';
const SLOW_DOWN_DELAY_S = 5;
const DEFAULT_INTERVAL_S = 5;

const OPENING =
  'Attempting to open your default browser.\nIf the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n';
const NOT_OPENING = 'Browser will not be automatically opened.\nPlease visit the following URL:\n';

/** The text printed while the user approves the device. */
export function devicePrompt(
  a: { verificationUri: string; userCode: string; verificationUriComplete: string },
  noBrowser: boolean,
): string {
  return (
    `${noBrowser ? NOT_OPENING : OPENING}\n${a.verificationUri}\n\nThen enter the code:\n\n${a.userCode}\n\n` +
    `Alternatively, you may visit the following URL which will autofill the code upon loading:\n${a.verificationUriComplete}\n`
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the device flow and returns the token to cache. */
export async function deviceLogin(settings: Settings, cfg: SsoLoginConfig, reg: Registration, noBrowser: boolean): Promise<SsoToken> {
  const auth = await callSso(
    settings,
    'sso-oidc',
    'StartDeviceAuthorization',
    cfg.region,
    { clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: cfg.startUrl },
    'sso.login',
  );
  let interval = typeof auth.interval === 'number' && auth.interval > 0 ? auth.interval : DEFAULT_INTERVAL_S;
  let stopSpinner: (() => void) | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const t = await callSso(
          settings,
          'sso-oidc',
          'CreateToken',
          cfg.region,
          { grantType: DEVICE_GRANT, clientId: reg.clientId, clientSecret: reg.clientSecret, deviceCode: auth.deviceCode },
          'sso.login',
        );
        return {
          startUrl: cfg.startUrl,
          region: cfg.region,
          accessToken: String(t.accessToken),
          expiresAt: Date.now() + Number(t.expiresIn) * 1000,
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          registrationExpiresAt: reg.expiresAt,
          ...(typeof t.refreshToken === 'string' ? { refreshToken: t.refreshToken } : {}),
        };
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
        if (err.code === 'ExpiredTokenException') throw new GeneralError(PENDING_EXPIRED);
        if (err.code === 'SlowDownException') interval += SLOW_DOWN_DELAY_S;
        else if (err.code !== 'AuthorizationPendingException') throw err;
      }
      if (attempt === 0) {
        // Only now does the user need to act: the first attempt may have found a pre-approved device.
        process.stdout.write(
          devicePrompt(
            {
              verificationUri: String(auth.verificationUri),
              userCode: String(auth.userCode),
              verificationUriComplete: String(auth.verificationUriComplete),
            },
            noBrowser,
          ),
        );
        if (!noBrowser) openBrowser(String(auth.verificationUriComplete), settings.env);
        stopSpinner = startSpinner();
      }
      await sleep(interval * 1000);
    }
  } finally {
    stopSpinner?.();
  }
}
