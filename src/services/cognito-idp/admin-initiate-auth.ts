/** AdminInitiateAuth (signed): pool → client in that pool → flow allowed → the flow's steps. */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { RequestContext } from '../../server/context.ts';
import { allowsFlow, getClient, getPool } from '../../domain/user-pools.ts';
import { type AuthParams, passwordFlow, refreshFlow } from './auth-flows.ts';
import { customAuthInitiate } from './custom-auth-flow.ts';
import { srpInitiate } from './srp-flow.ts';
import { userAuthInitiate } from './user-auth-flow.ts';

export async function adminInitiateAuth(
  input: { UserPoolId: string; ClientId: string; AuthFlow: string; AuthParameters?: AuthParams },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const client = await getClient(app, pool.id, input.ClientId);
  const params = input.AuthParameters ?? {};
  switch (input.AuthFlow) {
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      if (!allowsFlow(client, 'ADMIN_USER_PASSWORD_AUTH')) {
        throw new InvalidParameterException('Auth flow not enabled for this client');
      }
      return passwordFlow(app, pool, client, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshFlow(app, pool, client, params);
    case 'USER_AUTH':
      return userAuthInitiate(app, pool, client, params);
    case 'CUSTOM_AUTH':
      if (!allowsFlow(client, 'CUSTOM_AUTH')) throw new InvalidParameterException('CUSTOM_AUTH flow not enabled for this client');
      return customAuthInitiate(app, pool, client, params);
    case 'USER_SRP_AUTH':
      if (!allowsFlow(client, 'USER_SRP_AUTH')) throw new InvalidParameterException('USER_SRP_AUTH is not enabled for the client.');
      return srpInitiate(app, pool, client, params);
    case 'USER_PASSWORD_AUTH':
      throw new InvalidParameterException('Initiate Auth method not supported.');
    default:
      throw new InvalidParameterException(`${input.AuthFlow} flow is not supported by Cognate yet.`);
  }
}
