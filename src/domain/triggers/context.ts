/**
 * What a trigger event carries from the request that caused it: the request's ClientMetadata and the
 * caller's SDK. Cognito hands ClientMetadata to every trigger an operation invokes, however deep in the
 * flow; the operation table is wrapped once (`withTriggerContext`) so the flows need not pass it along
 * (services/cognito-idp/trigger-context.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface TriggerRequestContext {
  clientMetadata?: Record<string, string>;
  /** `callerContext.awsSdkVersion`, from the caller's User-Agent. */
  awsSdkVersion: string;
  /** The operation being served (CustomMessage's trigger source depends on it). */
  operation?: string;
  /** The request's ClientId, for triggers invoked deep in a flow (CustomMessage). */
  clientId?: string;
}

const storage = new AsyncLocalStorage<TriggerRequestContext>();

/** `aws-sdk-js/3.1169.0 …` → `aws-sdk-js-3.1169.0`; anything else → Cognito's `aws-sdk-unknown-unknown`. */
export function sdkVersionOf(userAgent: string | undefined): string {
  const m = /\b(aws-sdk-[a-z]+)\/(\d[\w.-]*)/i.exec(userAgent ?? '');
  return m ? `${m[1]?.toLowerCase()}-${m[2]}` : 'aws-sdk-unknown-unknown';
}

export function currentTriggerContext(): TriggerRequestContext {
  return storage.getStore() ?? { awsSdkVersion: 'aws-sdk-unknown-unknown' };
}

/** Runs `fn` with the request context its triggers will see. */
export function runWithTriggerContext<T>(ctx: TriggerRequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}
