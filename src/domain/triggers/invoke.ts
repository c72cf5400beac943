/**
 * Invoking one trigger the way Cognito does: find the function the pool's LambdaConfig names, build the
 * event (the common members plus the trigger's request and response), wait up to 5 s, and turn whatever
 * came back into the trigger's `response` — or into Cognito's error for a failed, unreachable or
 * garbled function. Callers invoke triggers before they write anything, so a failure changes nothing.
 */
import type { App } from '../app.ts';
import type { PoolRecord } from '../types.ts';
import { currentTriggerContext } from './context.ts';
import {
  INVALID_JSON,
  InvalidLambdaResponseException,
  UNRECOGNIZABLE,
  UnexpectedLambdaException,
  UserLambdaValidationException,
} from './errors.ts';
import { type LambdaInvoker, TRIGGER_TIMEOUT_MS } from './invoker.ts';

export type TriggerName =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'PreTokenGeneration'
  | 'CustomMessage'
  | 'UserMigration'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse';

/** The client id Cognito puts in callerContext when no app client is involved (admin operations). */
export const NO_CLIENT = 'CLIENT_ID_NOT_APPLICABLE';

const invokers = new WeakMap<App, LambdaInvoker>();

/** Installs the invoker a server uses (src/lambda/index.ts, at start-up). */
export function setLambdaInvoker(app: App, invoker: LambdaInvoker): void {
  invokers.set(app, invoker);
}

type LambdaConfig = Record<string, unknown> & { PreTokenGenerationConfig?: { LambdaArn?: string; LambdaVersion?: string } };

export function lambdaConfigOf(pool: PoolRecord): LambdaConfig {
  return (pool.config.LambdaConfig as LambdaConfig | undefined) ?? {};
}

/** The function configured for a trigger, if any. PreTokenGenerationConfig wins over the older member. */
export function triggerArn(pool: PoolRecord, trigger: TriggerName): string | undefined {
  const cfg = lambdaConfigOf(pool);
  if (trigger === 'PreTokenGeneration' && cfg.PreTokenGenerationConfig?.LambdaArn) return cfg.PreTokenGenerationConfig.LambdaArn;
  const arn = cfg[trigger];
  return typeof arn === 'string' && arn !== '' ? arn : undefined;
}

export interface TriggerCall {
  trigger: TriggerName;
  triggerSource: string;
  userName: string;
  /** The app client of the request; admin operations without one send NO_CLIENT. */
  clientId?: string;
  /** The trigger's request members (clientMetadata is added from the request context). */
  request: Record<string, unknown>;
  /** The response members as Cognito pre-fills them. */
  response?: Record<string, unknown>;
  /** The event version: "1", or "2"/"3" for PreTokenGeneration V2_0/V3_0. */
  version?: string;
  /** Triggers whose event carries the metadata elsewhere (PreAuthentication: validationData). */
  omitClientMetadata?: boolean;
}

/** The full event a function receives. */
export function buildEvent(app: App, pool: PoolRecord, call: TriggerCall): Record<string, unknown> {
  const ctx = currentTriggerContext();
  return {
    version: call.version ?? '1',
    triggerSource: call.triggerSource,
    region: app.config.region,
    userPoolId: pool.id,
    userName: call.userName,
    callerContext: { awsSdkVersion: ctx.awsSdkVersion, clientId: call.clientId ?? NO_CLIENT },
    request: { ...call.request, ...(ctx.clientMetadata && !call.omitClientMetadata ? { clientMetadata: ctx.clientMetadata } : {}) },
    response: call.response ?? {},
  };
}

function functionErrorMessage(payload: Buffer): string {
  try {
    const j = JSON.parse(payload.toString('utf8')) as { errorMessage?: unknown; errorType?: unknown };
    if (typeof j.errorMessage === 'string' && j.errorMessage.trim() !== '') return j.errorMessage;
    if (typeof j.errorType === 'string' && j.errorType.trim() !== '') return j.errorType;
  } catch {
    // not JSON: Lambda reports an unhandled failure
  }
  return 'Unhandled';
}

/**
 * Invokes the pool's function for `call.trigger` and returns the `response` it answered with, or
 * undefined when the pool has no such trigger.
 */
export async function invokeTrigger(app: App, pool: PoolRecord, call: TriggerCall): Promise<Record<string, unknown> | undefined> {
  const arn = triggerArn(pool, call.trigger);
  if (!arn) return undefined;
  const invoker = invokers.get(app);
  if (!invoker) throw new UnexpectedLambdaException(`${call.trigger} invocation failed due to error no Lambda invoker is configured.`);
  const event = buildEvent(app, pool, call);
  const outcome = await invoker.invoke(arn, Buffer.from(JSON.stringify(event), 'utf8'), TRIGGER_TIMEOUT_MS);
  if (outcome.kind === 'failed') {
    app.log(`trigger ${call.trigger} (${arn}) could not be invoked: ${outcome.reason}`);
    throw new UnexpectedLambdaException(`${call.trigger} invocation failed due to error ${outcome.reason}.`);
  }
  if (outcome.kind === 'function-error') {
    throw new UserLambdaValidationException(`${call.trigger} failed with error ${functionErrorMessage(outcome.payload)}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(outcome.payload.toString('utf8'));
  } catch {
    throw new InvalidLambdaResponseException(INVALID_JSON);
  }
  const response = (parsed as { response?: unknown } | null)?.response;
  if (!parsed || typeof parsed !== 'object' || !response || typeof response !== 'object' || Array.isArray(response)) {
    throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
  }
  return response as Record<string, unknown>;
}

/** Refuses a response member of the wrong type (Cognito: "Unrecognizable lambda output"). */
export function expectType(value: unknown, type: 'boolean' | 'string' | 'object' | 'string[]', optional = true): void {
  if (value === undefined || value === null) {
    if (optional) return;
    throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
  }
  const ok =
    type === 'string[]'
      ? Array.isArray(value) && value.every((v) => typeof v === 'string')
      : type === 'object'
        ? typeof value === 'object' && !Array.isArray(value)
        : typeof value === type;
  if (!ok) throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
}
