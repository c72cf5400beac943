/** cognito-identity (identity pools) over JSON 1.1: the operations Cognate serves, one file each. */
import type { Json11Handler, Json11Service } from '../../server/context.ts';
import { createIdentityPool } from './create-identity-pool.ts';
import { deleteIdentities } from './delete-identities.ts';
import { deleteIdentityPool } from './delete-identity-pool.ts';
import { describeIdentity } from './describe-identity.ts';
import { describeIdentityPool } from './describe-identity-pool.ts';
import { getCredentialsForIdentity } from './get-credentials-for-identity.ts';
import { getId } from './get-id.ts';
import { getIdentityPoolRoles } from './get-identity-pool-roles.ts';
import { getOpenIdToken } from './get-open-id-token.ts';
import { listIdentities } from './list-identities.ts';
import { listIdentityPools } from './list-identity-pools.ts';
import { setIdentityPoolRoles } from './set-identity-pool-roles.ts';
import { updateIdentityPool } from './update-identity-pool.ts';

export { identityWellKnownRoutes } from './well-known.ts';

export const cognitoIdentityOperations: Record<string, Json11Handler> = {
  CreateIdentityPool: createIdentityPool,
  DeleteIdentities: deleteIdentities,
  DeleteIdentityPool: deleteIdentityPool,
  DescribeIdentity: describeIdentity,
  DescribeIdentityPool: describeIdentityPool,
  GetCredentialsForIdentity: getCredentialsForIdentity,
  GetId: getId,
  GetIdentityPoolRoles: getIdentityPoolRoles,
  GetOpenIdToken: getOpenIdToken,
  ListIdentities: listIdentities,
  ListIdentityPools: listIdentityPools,
  SetIdentityPoolRoles: setIdentityPoolRoles,
  UpdateIdentityPool: updateIdentityPool,
};

export const cognitoIdentityService: Json11Service = {
  targetPrefix: 'AWSCognitoIdentityService',
  model: 'cognito-identity',
  signingName: 'cognito-identity',
  operations: cognitoIdentityOperations,
};
