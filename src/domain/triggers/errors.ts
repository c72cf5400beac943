/**
 * The three errors Cognito answers with when a trigger goes wrong, with its message shapes:
 * the function failed (UserLambdaValidationException "PreSignUp failed with error <message>."), the
 * function could not be run (UnexpectedLambdaException "PreSignUp invocation failed due to error
 * <reason>."), or its answer was not usable (InvalidLambdaResponseException).
 */
import { ServiceError } from '../../protocol/errors.ts';

export class UserLambdaValidationException extends ServiceError {
  constructor(message: string) {
    super('UserLambdaValidationException', message);
  }
}

export class UnexpectedLambdaException extends ServiceError {
  constructor(message: string) {
    super('UnexpectedLambdaException', message);
  }
}

export class InvalidLambdaResponseException extends ServiceError {
  constructor(message: string) {
    super('InvalidLambdaResponseException', message);
  }
}

/** The function answered with something that is not JSON. */
export const INVALID_JSON = 'Invalid lambda function output : Invalid JSON';
/** The function answered with JSON that is not an event with a usable `response`. */
export const UNRECOGNIZABLE = 'Unrecognizable lambda output';
