/** Every cognito-idp operation runs with its ClientMetadata and caller SDK visible to the triggers it invokes. */
import type { Json11Handler } from '../../server/context.ts';
import { runWithTriggerContext, sdkVersionOf } from '../../domain/triggers/context.ts';

/**
 * Operations that never invoke a trigger run without the context: entering it turns on Node's async hooks
 * for the whole process while the operation is in flight (domain/triggers/context.ts), and GetUser is the
 * hot path of every client.
 */
const TRIGGER_FREE = new Set(['GetUser']);

export function withTriggerContext(ops: Record<string, Json11Handler>): Record<string, Json11Handler> {
  const out: Record<string, Json11Handler> = {};
  for (const [name, handler] of Object.entries(ops)) {
    if (TRIGGER_FREE.has(name)) {
      out[name] = handler;
      continue;
    }
    out[name] = (input, ctx) => {
      const ua = ctx.headers['user-agent'];
      const { ClientMetadata: meta, ClientId: clientId } = (input ?? {}) as { ClientMetadata?: Record<string, string>; ClientId?: unknown };
      return runWithTriggerContext(
        {
          ...(meta ? { clientMetadata: meta } : {}),
          ...(typeof clientId === 'string' ? { clientId } : {}),
          operation: name,
          awsSdkVersion: sdkVersionOf(Array.isArray(ua) ? ua[0] : ua),
        },
        () => handler(input, ctx),
      );
    };
  }
  return out;
}
