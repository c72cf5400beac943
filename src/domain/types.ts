/** Records the domain keeps. Times are epoch milliseconds. No record holds a plaintext secret. */

export interface AttributeType {
  Name: string;
  Value?: string;
}

/** A user pool: its id and name, plus the UserPoolType members as configured (JSON-shaped). */
export interface PoolRecord {
  id: string;
  name: string;
  createdAt: number;
  lastModifiedAt: number;
  /** UserPoolType members other than Id/Name/Arn/dates (Policies, Schema, MfaConfiguration, …). */
  config: Record<string, unknown>;
}

export interface SigningKeyRecord {
  kid: string;
  poolId: string;
  /** Which tokens the key signs: Cognito signs access and ID tokens with different keys. */
  use: 'access' | 'id' | 'oidc';
  /** The private key (PKCS#8 PEM), sealed with the instance's master key. */
  privateKeySealed: string;
  /** The public JWK as published in the JWKS. */
  publicJwk: Record<string, string>;
  createdAt: number;
}

export interface ClientRecord {
  id: string;
  poolId: string;
  name: string;
  /** The client secret sealed with the master key (SECRET_HASH needs the secret itself). */
  secretSealed?: string;
  createdAt: number;
  lastModifiedAt: number;
  /** UserPoolClientType members as configured (ExplicitAuthFlows, validities, EnableTokenRevocation, …). */
  config: Record<string, unknown>;
}

/** What proves a password: an SRP verifier (serves USER_PASSWORD_AUTH and USER_SRP_AUTH). */
export interface PasswordVerifier {
  /** Hex salt. */
  salt: string;
  /** Hex v = g^x mod N. */
  verifier: string;
  /** The USER_ID_FOR_SRP the verifier was derived for. */
  srpUserId: string;
}

export type UserStatus =
  | 'UNCONFIRMED'
  | 'CONFIRMED'
  | 'ARCHIVED'
  | 'COMPROMISED'
  | 'UNKNOWN'
  | 'RESET_REQUIRED'
  | 'FORCE_CHANGE_PASSWORD'
  | 'EXTERNAL_PROVIDER';

export interface UserRecord {
  poolId: string;
  /** The user name as created. */
  username: string;
  /** The lookup key: lower-cased unless the pool is case sensitive. */
  usernameKey: string;
  sub: string;
  status: UserStatus;
  enabled: boolean;
  /**
   * Sign-out generation. Every grant records the generation it was issued under; global sign-out,
   * disable and password reset bump it, which ends every older grant in O(1).
   */
  generation: number;
  createdAt: number;
  lastModifiedAt: number;
  attributes: AttributeType[];
  password?: PasswordVerifier;
  /** When a temporary password (AdminCreateUser) stops being accepted. */
  temporaryPasswordExpiresAt?: number;
  /**
   * New values of attributes the pool verifies before updating (AttributesRequireVerificationBeforeUpdate):
   * the attribute keeps its old value until VerifyUserAttribute confirms the new one.
   */
  pendingAttributes?: AttributeType[];
  mfaOptions?: unknown[];
  preferredMfa?: string;
  /** The second factors the user turned on (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP). */
  mfaEnabled?: string[];
  /** The TOTP secret (verified) and one being set up, both sealed with the master key. */
  totp?: { secretSealed?: string; pendingSealed?: string; verifyFailures?: number; friendlyDeviceName?: string };
}

/** A grant: one sign-in. The refresh token is its handle; access and ID tokens carry its id (origin_jti). */
export interface GrantRecord {
  id: string;
  poolId: string;
  clientId: string;
  sub: string;
  /** The user's sign-out generation when the grant was issued. */
  generation: number;
  /** SHA-256 (hex) of the refresh token's secret part. */
  refreshHash: string;
  scope: string;
  authTime: number;
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
}

/** A single-use code (sign-up confirmation, forgot password, attribute verification). */
export interface CodeRecord {
  poolId: string;
  purpose: 'signup' | 'forgot-password' | 'verify-attribute';
  /** Who it is for: the user's sub (plus attribute name for verify-attribute). */
  subject: string;
  /** SHA-256 (hex) of the code. */
  codeHash: string;
  expiresAt: number;
  attempts: number;
}

/** Server-side state of an auth challenge (NEW_PASSWORD_REQUIRED, PASSWORD_VERIFIER, …). */
export interface AuthSessionRecord {
  id: string;
  expiresAt: number;
  data: Record<string, unknown>;
}

/** A temporary access key (role or identity-pool credentials). */
export interface AccessKeyRecord {
  accessKeyId: string;
  secretSealed: string;
  /** SHA-256 (hex) of the session token. */
  sessionTokenHash: string;
  expiresAt: number;
  createdAt: number;
  principal: { kind: 'sso-role' | 'identity-pool'; arn: string; admin: boolean; accountId: string };
}

/** A user-pool group (GroupType). Names are case sensitive and unique in their pool. */
export interface GroupRecord {
  poolId: string;
  name: string;
  description?: string;
  /** Lower wins; absent ranks after every number. */
  precedence?: number;
  roleArn?: string;
  createdAt: number;
  lastModifiedAt: number;
}
