/** Shared set-up for the identity-pool tests: an SDK client and pools wired to a Cognate user pool. */
import assert from 'node:assert/strict';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  type CognitoIdentityProvider,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import type { RunningServer } from '../../src/server/start.ts';

export const AUTH_ROLE = 'arn:aws:iam::000000000000:role/AppAuthenticated';
export const UNAUTH_ROLE = 'arn:aws:iam::000000000000:role/AppGuest';

/** An SDK v3 cognito-identity client signed with the root keys (or the given credentials). */
export function identityClient(
  server: RunningServer,
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
) {
  return new CognitoIdentityClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: credentials ?? server.rootKeys,
    maxAttempts: 1,
  });
}

/** The AWS form of a user pool's provider name. */
export const awsProviderName = (userPoolId: string) => `cognito-idp.us-east-1.amazonaws.com/${userPoolId}`;

/** Cognate's form: the ID token's `iss` without its scheme. */
export function issuerProviderName(idToken: string): string {
  const iss = JSON.parse(Buffer.from(idToken.split('.')[1] as string, 'base64url').toString('utf8')).iss as string;
  return iss.replace(/^https?:\/\//, '');
}

/** Creates an identity pool trusting one user-pool client, with both roles set. */
export async function createIdentityPool(
  ci: CognitoIdentityClient,
  name: string,
  providers: CognitoIdentityProvider[],
  allowUnauthenticated = false,
): Promise<string> {
  const r = await ci.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: name,
      AllowUnauthenticatedIdentities: allowUnauthenticated,
      CognitoIdentityProviders: providers,
    }),
  );
  const id = r.IdentityPoolId as string;
  await ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE } }));
  return id;
}

/** Asserts an AWS-shaped 4xx error with this name and message. */
export async function rejects(p: Promise<unknown>, name: string, message: string | RegExp, status = 400) {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, name, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    return true;
  });
}
