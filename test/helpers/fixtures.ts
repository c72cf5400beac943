/** Small builders for the objects most tests need: a pool, a client, a confirmed user, a signed-in session. */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export const PASSWORD = 'Correct-Horse-9';

export async function createPool(idp: CognitoIdentityProviderClient, name = 'app', extra: Record<string, unknown> = {}) {
  const r = await idp.send(new CreateUserPoolCommand({ PoolName: name, ...extra }));
  return r.UserPool?.Id as string;
}

export async function createClient(idp: CognitoIdentityProviderClient, poolId: string, extra: Record<string, unknown> = {}) {
  const r = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ...extra,
    }),
  );
  return r.UserPoolClient as { ClientId: string; ClientSecret?: string };
}

export async function createUser(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  password = PASSWORD,
  email?: string,
) {
  await idp.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email ?? `${username}@example.com` },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
}

export async function signIn(idp: CognitoIdentityProviderClient, clientId: string, username: string, password = PASSWORD) {
  const r = await idp.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const a = r.AuthenticationResult;
  if (!a?.AccessToken || !a.IdToken || !a.RefreshToken) throw new Error('sign-in returned no tokens');
  return { accessToken: a.AccessToken, idToken: a.IdToken, refreshToken: a.RefreshToken };
}

/** A pool with a client and one confirmed user. */
export async function world(idp: CognitoIdentityProviderClient, clientExtra: Record<string, unknown> = {}) {
  const poolId = await createPool(idp);
  const client = await createClient(idp, poolId, clientExtra);
  await createUser(idp, poolId, 'alice');
  return { poolId, clientId: client.ClientId, clientSecret: client.ClientSecret };
}
