/** cognito-idp over JSON 1.1: the operations Cognate serves, one file each. */
import type { Json11Handler, Json11Service } from '../../server/context.ts';
import { adminCreateUser } from './admin-create-user.ts';
import { adminInitiateAuth } from './admin-initiate-auth.ts';
import { adminRespondToAuthChallenge } from './admin-respond-to-auth-challenge.ts';
import { adminSetUserPassword } from './admin-set-user-password.ts';
import { adminUserGlobalSignOut } from './admin-user-global-sign-out.ts';
import { createUserPool } from './create-user-pool.ts';
import { createUserPoolClient } from './create-user-pool-client.ts';
import { describeUserPool } from './describe-user-pool.ts';
import { describeUserPoolClient } from './describe-user-pool-client.ts';
import { getUser } from './get-user.ts';
import { globalSignOut } from './global-sign-out.ts';
import { initiateAuth } from './initiate-auth.ts';
import { respondToAuthChallenge } from './respond-to-auth-challenge.ts';
import { revokeToken } from './revoke-token.ts';

export const cognitoIdpOperations: Record<string, Json11Handler> = {
  AdminCreateUser: adminCreateUser,
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  AdminSetUserPassword: adminSetUserPassword,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  CreateUserPool: createUserPool,
  CreateUserPoolClient: createUserPoolClient,
  DescribeUserPool: describeUserPool,
  DescribeUserPoolClient: describeUserPoolClient,
  GetUser: getUser,
  GlobalSignOut: globalSignOut,
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  RevokeToken: revokeToken,
};

export const cognitoIdpService: Json11Service = {
  targetPrefix: 'AWSCognitoIdentityProviderService',
  model: 'cognito-idp',
  signingName: 'cognito-idp',
  operations: cognitoIdpOperations,
};
