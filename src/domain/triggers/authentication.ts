/**
 * PreAuthentication (before the password or proof is judged; it can refuse the sign-in) and
 * PostAuthentication (after it was proven, before any grant or token exists).
 */
import type { App } from '../app.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../types.ts';
import { currentTriggerContext } from './context.ts';
import { invokeTrigger, triggerArn } from './invoke.ts';
import { userAttributesOf } from './user-attributes.ts';

/**
 * PreAuthentication_Authentication. Its `validationData` is the request's ClientMetadata (the event has
 * no `clientMetadata` member). `user` is undefined for an unknown user, which Cognito only reports
 * (userNotFound: true) when the client hides user existence.
 */
export async function preAuthentication(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  userName: string,
  user: UserRecord | undefined,
): Promise<void> {
  if (!triggerArn(pool, 'PreAuthentication')) return;
  const hides = client.config.PreventUserExistenceErrors === 'ENABLED';
  if (!user && !hides) return;
  const meta = currentTriggerContext().clientMetadata;
  await invokeTrigger(app, pool, {
    trigger: 'PreAuthentication',
    triggerSource: 'PreAuthentication_Authentication',
    userName: user?.username ?? userName,
    clientId: client.id,
    request: {
      userAttributes: user ? userAttributesOf(user) : {},
      ...(meta ? { validationData: meta } : {}),
      ...(hides ? { userNotFound: !user } : {}),
    },
    omitClientMetadata: true,
  });
}

/** PostAuthentication_Authentication. */
export async function postAuthentication(app: App, pool: PoolRecord, client: ClientRecord, user: UserRecord): Promise<void> {
  await invokeTrigger(app, pool, {
    trigger: 'PostAuthentication',
    triggerSource: 'PostAuthentication_Authentication',
    userName: user.username,
    clientId: client.id,
    request: { userAttributes: userAttributesOf(user), newDeviceUsed: false },
  });
}
