/**
 * Wire errors. One class per AWS error shape, named exactly like it, carrying its HTTP status.
 * The serializers in `json11.ts` / `rest-json.ts` turn them into AWS-shaped responses; anything that is
 * not a ServiceError becomes InternalErrorException without leaking a stack.
 */
export class ServiceError extends Error {
  /** The AWS error shape name sent as `__type` and `x-amzn-ErrorType`. */
  readonly code: string;
  readonly status: number;
  /** Extra modelled members sent beside `message` (e.g. `reasonCode`). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: string, message: string, status = 400, extra?: Record<string, unknown>) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.extra = extra;
  }
}

/** Defines a named error class with a fixed code and status. */
function errorClass(code: string, status = 400) {
  const C = class extends ServiceError {
    constructor(message: string, extra?: Record<string, unknown>) {
      super(code, message, status, extra);
    }
  };
  Object.defineProperty(C, 'name', { value: code });
  return C;
}

// cognito-idp (all 400 except InternalErrorException)
export const NotAuthorizedException = errorClass('NotAuthorizedException');
export const InvalidParameterException = errorClass('InvalidParameterException');
export const ResourceNotFoundException = errorClass('ResourceNotFoundException');
export const UserNotFoundException = errorClass('UserNotFoundException');
export const UsernameExistsException = errorClass('UsernameExistsException');
export const UserNotConfirmedException = errorClass('UserNotConfirmedException');
export const InvalidPasswordException = errorClass('InvalidPasswordException');
export const CodeMismatchException = errorClass('CodeMismatchException');
export const ExpiredCodeException = errorClass('ExpiredCodeException');
export const LimitExceededException = errorClass('LimitExceededException');
export const TooManyRequestsException = errorClass('TooManyRequestsException');
export const TooManyFailedAttemptsException = errorClass('TooManyFailedAttemptsException');
export const PasswordResetRequiredException = errorClass('PasswordResetRequiredException');
export const UnsupportedOperationException = errorClass('UnsupportedOperationException');
export const UnsupportedTokenTypeException = errorClass('UnsupportedTokenTypeException');
export const UnauthorizedException = errorClass('UnauthorizedException');
export const AliasExistsException = errorClass('AliasExistsException');
export const InvalidUserPoolConfigurationException = errorClass('InvalidUserPoolConfigurationException');
export const UnsupportedUserStateException = errorClass('UnsupportedUserStateException');
export const InvalidOAuthFlowException = errorClass('InvalidOAuthFlowException');
export const ConcurrentModificationException = errorClass('ConcurrentModificationException');
export const GroupExistsException = errorClass('GroupExistsException');
export const InternalErrorException = errorClass('InternalErrorException', 500);

// Protocol-level errors shared by every AWS JSON service.
export const UnknownOperationException = errorClass('UnknownOperationException');
export const SerializationException = errorClass('SerializationException');
export const MissingAuthenticationTokenException = errorClass('MissingAuthenticationTokenException', 403);
export const UnrecognizedClientException = errorClass('UnrecognizedClientException');
export const InvalidSignatureException = errorClass('InvalidSignatureException');
export const IncompleteSignatureException = errorClass('IncompleteSignatureException');
export const ExpiredTokenException = errorClass('ExpiredTokenException');
export const AccessDeniedException = errorClass('AccessDeniedException');
export const RequestEntityTooLargeException = errorClass('RequestEntityTooLargeException', 413);

/** The message Cognito uses for every malformed, forged or foreign access token. */
export const INVALID_ACCESS_TOKEN = 'Invalid Access Token';
