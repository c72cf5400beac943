/** StartDeviceAuthorization: authenticate the client → check the start URL → device and user codes. */
import { OidcInvalidRequestException, UnauthorizedClientException } from '../../domain/sso/errors.ts';
import { DEVICE_GRANT, authenticateClient, startDeviceAuthorization as start } from '../../domain/sso/oidc.ts';
import { isOurStartUrl, ssoSettings } from '../../domain/sso/settings.ts';
import type { RawRequest } from '../../server/context.ts';
import { type OidcBody, requireString } from './body.ts';

export async function startDeviceAuthorization(body: OidcBody, { ctx }: RawRequest) {
  const { app } = ctx;
  const clientId = requireString(body, 'clientId');
  const clientSecret = requireString(body, 'clientSecret');
  const startUrl = requireString(body, 'startUrl');
  const client = await authenticateClient(app, clientId, clientSecret);
  // A client registered for explicit grant types other than the device grant may not start one.
  if (client.grantTypes.length > 0 && !client.grantTypes.includes(DEVICE_GRANT)) {
    throw new UnauthorizedClientException('Client is not authorized to use the device code grant');
  }
  const settings = await ssoSettings(app);
  if (!isOurStartUrl(settings, startUrl)) throw new OidcInvalidRequestException(`Invalid start URL: ${startUrl}`);
  const d = await start(app, client);
  const verificationUri = `${app.publicUrl}/device`;
  return {
    deviceCode: d.deviceCode,
    userCode: d.userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${d.userCode}`,
    expiresIn: d.expiresIn,
    interval: d.interval,
  };
}
