/**
 * The port through which Cognito-style triggers reach a function: the domain hands over an ARN and the
 * event's bytes and gets back what the function answered. Adapters: the AWS Lambda Invoke API
 * (`src/lambda/http-invoker.ts`) and local JavaScript modules (`src/lambda/module-invoker.ts`).
 */

/** What one invocation produced. */
export type InvokeOutcome =
  /** The function ran and returned this payload (not yet known to be JSON). */
  | { kind: 'ok'; payload: Buffer }
  /** The function ran and failed (Lambda's X-Amz-Function-Error): its error payload. */
  | { kind: 'function-error'; payload: Buffer }
  /** The function could not be run: timeout, unreachable endpoint, unknown function, refused credentials. */
  | { kind: 'failed'; reason: string };

export interface LambdaInvoker {
  /** Invokes `functionArn` synchronously (RequestResponse) with `payload`, giving up after `timeoutMs`. */
  invoke(functionArn: string, payload: Buffer, timeoutMs: number): Promise<InvokeOutcome>;
}

/** Cognito waits 5 seconds for a trigger, and the value cannot be changed. */
export const TRIGGER_TIMEOUT_MS = 5_000;

/** The reason Cognito gives when a function does not answer in time. */
export const TIMEOUT_REASON = 'Socket timeout while invoking Lambda function';
