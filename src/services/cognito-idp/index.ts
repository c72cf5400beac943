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
import { adminConfirmSignUp } from './admin-confirm-sign-up.ts';
import { adminDeleteUser } from './admin-delete-user.ts';
import { adminDeleteUserAttributes } from './admin-delete-user-attributes.ts';
import { adminDisableUser } from './admin-disable-user.ts';
import { adminEnableUser } from './admin-enable-user.ts';
import { adminGetUser } from './admin-get-user.ts';
import { adminUpdateUserAttributes } from './admin-update-user-attributes.ts';
import { changePassword } from './change-password.ts';
import { confirmForgotPassword } from './confirm-forgot-password.ts';
import { confirmSignUp } from './confirm-sign-up.ts';
import { deleteUser } from './delete-user.ts';
import { deleteUserAttributes } from './delete-user-attributes.ts';
import { deleteUserPool } from './delete-user-pool.ts';
import { deleteUserPoolClient } from './delete-user-pool-client.ts';
import { forgotPassword } from './forgot-password.ts';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.ts';
import { listUserPoolClients } from './list-user-pool-clients.ts';
import { listUserPools } from './list-user-pools.ts';
import { listUsers } from './list-users.ts';
import { resendConfirmationCode } from './resend-confirmation-code.ts';
import { signUp } from './sign-up.ts';
import { updateUserAttributes } from './update-user-attributes.ts';
import { updateUserPool } from './update-user-pool.ts';
import { updateUserPoolClient } from './update-user-pool-client.ts';
import { oauthOperations } from './oauth-operations.ts';
// User-pool directory: groups, schema.
import { addCustomAttributes } from './add-custom-attributes.ts';
import { listTagsForResource } from './list-tags-for-resource.ts';
import { tagResource } from './tag-resource.ts';
import { untagResource } from './untag-resource.ts';
import { adminResetUserPassword } from './admin-reset-user-password.ts';
import { getUserAttributeVerificationCode } from './get-user-attribute-verification-code.ts';
import { verifyUserAttribute } from './verify-user-attribute.ts';
import { adminAddUserToGroup } from './admin-add-user-to-group.ts';
import { adminListGroupsForUser } from './admin-list-groups-for-user.ts';
import { adminRemoveUserFromGroup } from './admin-remove-user-from-group.ts';
import { createGroup } from './create-group.ts';
import { deleteGroup } from './delete-group.ts';
import { getGroup } from './get-group.ts';
import { listGroups } from './list-groups.ts';
import { listUsersInGroup } from './list-users-in-group.ts';
import { updateGroup } from './update-group.ts';
import { adminSetUserMfaPreference } from './admin-set-user-mfa-preference.ts';
import { adminSetUserSettings } from './admin-set-user-settings.ts';
import { associateSoftwareToken } from './associate-software-token.ts';
import { getUserPoolMfaConfig } from './get-user-pool-mfa-config.ts';
import { setUserMfaPreference } from './set-user-mfa-preference.ts';
import { setUserPoolMfaConfig } from './set-user-pool-mfa-config.ts';
import { setUserSettings } from './set-user-settings.ts';
import { verifySoftwareToken } from './verify-software-token.ts';
import { withTriggerContext } from './trigger-context.ts';
import { deviceOperations } from './device-operations.ts';
import { webAuthnOperations } from './webauthn-operations.ts';

export const cognitoIdpOperations: Record<string, Json11Handler> = withTriggerContext({
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
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminDeleteUser: adminDeleteUser,
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminGetUser: adminGetUser,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  ChangePassword: changePassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ConfirmSignUp: confirmSignUp,
  DeleteUser: deleteUser,
  DeleteUserAttributes: deleteUserAttributes,
  DeleteUserPool: deleteUserPool,
  DeleteUserPoolClient: deleteUserPoolClient,
  ForgotPassword: forgotPassword,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  ListUserPoolClients: listUserPoolClients,
  ListUserPools: listUserPools,
  ListUsers: listUsers,
  ResendConfirmationCode: resendConfirmationCode,
  SignUp: signUp,
  UpdateUserAttributes: updateUserAttributes,
  UpdateUserPool: updateUserPool,
  UpdateUserPoolClient: updateUserPoolClient,
  ...oauthOperations,
  AddCustomAttributes: addCustomAttributes,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
  AdminResetUserPassword: adminResetUserPassword,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  VerifyUserAttribute: verifyUserAttribute,
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminListGroupsForUser: adminListGroupsForUser,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  CreateGroup: createGroup,
  DeleteGroup: deleteGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  ListUsersInGroup: listUsersInGroup,
  UpdateGroup: updateGroup,
  // Sign-in factors
  AdminSetUserMFAPreference: adminSetUserMfaPreference,
  AdminSetUserSettings: adminSetUserSettings,
  AssociateSoftwareToken: associateSoftwareToken,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserMFAPreference: setUserMfaPreference,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  SetUserSettings: setUserSettings,
  VerifySoftwareToken: verifySoftwareToken,
  ...deviceOperations,
  ...webAuthnOperations,
});

export const cognitoIdpService: Json11Service = {
  targetPrefix: 'AWSCognitoIdentityProviderService',
  model: 'cognito-idp',
  signingName: 'cognito-idp',
  operations: cognitoIdpOperations,
};
