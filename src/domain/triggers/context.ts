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

// Operations inside runWithTriggerContext. While the storage is enabled, Node runs async hooks on every
// promise and callback of the whole process (measured: about 3x the cost of a promise hop, +~25 µs of
// server CPU per GetUser), so it is enabled only while an operation that may invoke a trigger is in flight.
let inFlight = 0;

/**
 * Runs `fn` with the request context its triggers will see. When the last such operation settles, the
 * storage is disabled (the process's async hooks go off) until the next one starts; flows await their
 * triggers, so nothing reads the context after its operation has settled.
 */
export async function runWithTriggerContext<T>(ctx: TriggerRequestContext, fn: () => T | Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await storage.run(ctx, fn);
  } finally {
    if (--inFlight === 0) storage.disable();
  }
}

/** How many operations hold a trigger context now (tests: it returns to 0, so the async hooks go off). */
export function triggerContextsInFlight(): number {
  return inFlight;
}
