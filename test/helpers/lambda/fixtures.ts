/**
 * The events Cognito sends, one per trigger source, written from AWS's developer guide (the common
 * parameters page and each trigger's "parameters" section): version, triggerSource, region, userPoolId,
 * userName, callerContext {awsSdkVersion, clientId}, request and the response as pre-filled.
 * `awsSdkVersion` is compared separately (it names the caller's SDK build).
 */
type Attrs = Record<string, string>;

export interface Ids {
  poolId: string;
  clientId: string;
  userName: string;
}

export const SDK_PLACEHOLDER = '<sdk>';

function common(triggerSource: string, ids: Ids, version = '1') {
  return {
    version,
    triggerSource,
    region: 'us-east-1',
    userPoolId: ids.poolId,
    userName: ids.userName,
    callerContext: { awsSdkVersion: SDK_PLACEHOLDER, clientId: ids.clientId },
  };
}

const meta = (m?: Attrs) => (m ? { clientMetadata: m } : {});

export const fixtures = {
  PreSignUp_SignUp: (ids: Ids, userAttributes: Attrs, validationData?: Attrs, clientMetadata?: Attrs) => ({
    ...common('PreSignUp_SignUp', ids),
    request: { userAttributes, ...(validationData ? { validationData } : {}), ...meta(clientMetadata) },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  }),
  PreSignUp_AdminCreateUser: (ids: Ids, userAttributes: Attrs, validationData?: Attrs, clientMetadata?: Attrs) => ({
    ...common('PreSignUp_AdminCreateUser', { ...ids, clientId: 'CLIENT_ID_NOT_APPLICABLE' }),
    request: { userAttributes, ...(validationData ? { validationData } : {}), ...meta(clientMetadata) },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  }),
  PostConfirmation_ConfirmSignUp: (ids: Ids, userAttributes: Attrs, clientMetadata?: Attrs) => ({
    ...common('PostConfirmation_ConfirmSignUp', ids),
    request: { userAttributes, ...meta(clientMetadata) },
    response: {},
  }),
  PostConfirmation_ConfirmForgotPassword: (ids: Ids, userAttributes: Attrs, clientMetadata?: Attrs) => ({
    ...common('PostConfirmation_ConfirmForgotPassword', ids),
    request: { userAttributes, ...meta(clientMetadata) },
    response: {},
  }),
  /** `userNotFound` is sent only when the app client hides user existence (PreventUserExistenceErrors ENABLED). */
  PreAuthentication_Authentication: (ids: Ids, userAttributes: Attrs, validationData?: Attrs, userNotFound?: boolean) => ({
    ...common('PreAuthentication_Authentication', ids),
    request: { userAttributes, ...(validationData ? { validationData } : {}), ...(userNotFound !== undefined ? { userNotFound } : {}) },
    response: {},
  }),
  PostAuthentication_Authentication: (ids: Ids, userAttributes: Attrs, clientMetadata?: Attrs) => ({
    ...common('PostAuthentication_Authentication', ids),
    request: { userAttributes, newDeviceUsed: false, ...meta(clientMetadata) },
    response: {},
  }),
  TokenGeneration: (
    source: string,
    ids: Ids,
    userAttributes: Attrs,
    version: '1' | '2' | '3',
    clientMetadata?: Attrs,
    groupConfiguration: Record<string, unknown> = { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
  ) => ({
    ...common(`TokenGeneration_${source}`, ids, version),
    request: {
      userAttributes,
      groupConfiguration,
      ...(version === '1' ? {} : { scopes: ['aws.cognito.signin.user.admin'] }),
      ...meta(clientMetadata),
    },
    response: version === '1' ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
  }),
  UserMigration: (source: 'Authentication' | 'ForgotPassword', ids: Ids, password?: string, clientMetadata?: Attrs) => ({
    ...common(`UserMigration_${source}`, ids),
    request: { ...(password !== undefined ? { password } : {}), ...meta(clientMetadata) },
    response: {
      userAttributes: null,
      finalUserStatus: null,
      messageAction: null,
      desiredDeliveryMediums: null,
      forceAliasCreation: null,
      enableSMSMFA: null,
    },
  }),
  DefineAuthChallenge_Authentication: (ids: Ids, userAttributes: Attrs, session: unknown[], clientMetadata?: Attrs) => ({
    ...common('DefineAuthChallenge_Authentication', ids),
    request: { userAttributes, session, ...meta(clientMetadata) },
    response: { challengeName: null, issueTokens: null, failAuthentication: null },
  }),
  CreateAuthChallenge_Authentication: (ids: Ids, userAttributes: Attrs, session: unknown[], clientMetadata?: Attrs) => ({
    ...common('CreateAuthChallenge_Authentication', ids),
    request: { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session, ...meta(clientMetadata) },
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  }),
  VerifyAuthChallengeResponse_Authentication: (
    ids: Ids,
    userAttributes: Attrs,
    privateChallengeParameters: Attrs,
    challengeAnswer: string,
    clientMetadata?: Attrs,
  ) => ({
    ...common('VerifyAuthChallengeResponse_Authentication', ids),
    request: { userAttributes, privateChallengeParameters, challengeAnswer, ...meta(clientMetadata) },
    response: { answerCorrect: null },
  }),
};

/** Replaces the caller's SDK version with the placeholder after checking it (default: the JavaScript SDK v3). */
export function normalise(event: Record<string, unknown>, sdk = /^aws-sdk-js-3\.\d+/): Record<string, unknown> {
  const cc = event.callerContext as { awsSdkVersion?: string; clientId?: string };
  if (!sdk.test(cc.awsSdkVersion ?? '')) throw new Error(`unexpected awsSdkVersion ${cc.awsSdkVersion}`);
  return { ...event, callerContext: { ...cc, awsSdkVersion: SDK_PLACEHOLDER } };
}

/** CustomMessage_<source>: the placeholders the function writes into its message, never the code. */
export function customMessageEvent(
  source: string,
  ids: Ids,
  userAttributes: Attrs,
  usernameParameter: string | null,
  clientMetadata?: Attrs,
) {
  return {
    ...common(`CustomMessage_${source}`, ids),
    request: { userAttributes, codeParameter: '{####}', linkParameter: '{##Click Here##}', usernameParameter, ...meta(clientMetadata) },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  };
}
