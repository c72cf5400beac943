/**
 * Provider names. A user pool is named the AWS way (`cognito-idp.{region}.amazonaws.com/{poolId}`) or by
 * Cognate's own issuer without its scheme (`127.0.0.1:4590/us-east-1_Abc`); both name the same pool, so
 * everything compares the user pool id a name resolves to.
 */
import type { App } from '../app.ts';

const AWS_FORM = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([\w-]+_[0-9a-zA-Z]+)$/;

/** The Cognate user pool a provider name denotes, or undefined when it names none of ours. */
export function userPoolIdOfProvider(app: App, name: string): string | undefined {
  const m = AWS_FORM.exec(name);
  if (m) return m[1] === app.config.region ? m[2] : undefined;
  for (const scheme of ['https://', 'http://']) {
    const poolId = app.poolIdFromIssuer(scheme + name);
    if (poolId) return poolId;
  }
  return undefined;
}

/** The AWS form of a user pool's provider name (used in `amr` claims). */
export function awsProviderName(app: App, userPoolId: string): string {
  return `cognito-idp.${app.config.region}.amazonaws.com/${userPoolId}`;
}
