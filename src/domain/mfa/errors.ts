/** Wire errors of the sign-in factor operations (cognito-idp shapes, HTTP 400). */
import { ServiceError } from '../../protocol/errors.ts';

/** VerifySoftwareToken with a code that does not match the secret being set up. */
export class EnableSoftwareTokenMFAException extends ServiceError {
  constructor(message: string) {
    super('EnableSoftwareTokenMFAException', message);
  }
}

/** A TOTP operation on a user who has no software token associated. */
export class SoftwareTokenMFANotFoundException extends ServiceError {
  constructor(message: string) {
    super('SoftwareTokenMFANotFoundException', message);
  }
}

/** A feature the pool's feature plan (UserPoolTier) does not include. */
export class FeatureUnavailableInTierException extends ServiceError {
  constructor(message: string) {
    super('FeatureUnavailableInTierException', message);
  }
}

/** The WebAuthn wire errors of the passkey operations (HTTP 400). */
function webAuthnError(code: string) {
  return class extends ServiceError {
    constructor(message: string) {
      super(code, message);
    }
  };
}

export const WebAuthnNotEnabledException = webAuthnError('WebAuthnNotEnabledException');
export const WebAuthnConfigurationMissingException = webAuthnError('WebAuthnConfigurationMissingException');
export const WebAuthnChallengeNotFoundException = webAuthnError('WebAuthnChallengeNotFoundException');
export const WebAuthnRelyingPartyMismatchException = webAuthnError('WebAuthnRelyingPartyMismatchException');
export const WebAuthnClientMismatchException = webAuthnError('WebAuthnClientMismatchException');
export const WebAuthnOriginNotAllowedException = webAuthnError('WebAuthnOriginNotAllowedException');
export const WebAuthnCredentialNotSupportedException = webAuthnError('WebAuthnCredentialNotSupportedException');
