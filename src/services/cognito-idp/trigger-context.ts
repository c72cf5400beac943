/** Every cognito-idp operation runs with its ClientMetadata and caller SDK visible to the triggers it invokes. */
import type { Json11Handler } from '../../server/context.ts';
import { runWithTriggerContext, sdkVersionOf } from '../../domain/triggers/context.ts';

export function withTriggerContext(ops: Record<string, Json11Handler>): Record<string, Json11Handler> {
  const out: Record<string, Json11Handler> = {};
  for (const [name, handler] of Object.entries(ops)) {
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
