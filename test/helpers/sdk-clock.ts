/**
 * Tests move the server's clock forward (OffsetClock) instead of sleeping. SigV4 dates must follow, so
 * the SDK client signs with the same offset; and because the listener's HTTP Date header shows real
 * time, the SDK's clock-skew correction (which reads that header) is kept from undoing the offset.
 */
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { TestServer } from './server.ts';

type Response = { headers?: Record<string, string> };

function forget(headers: Record<string, string> | undefined): void {
  if (headers) delete headers.date;
}

/** Makes `client` sign with the test server's clock from now on; returns an `advance(ms)` for both. */
export function followServerClock(server: TestServer, client: CognitoIdentityProviderClient): (ms: number) => void {
  const config = client.config as unknown as { systemClockOffset: number };
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const out = await next(args);
        forget((out.response as Response | undefined)?.headers);
        return out;
      } catch (e) {
        // Errors carry the response too, and the skew correction reads it there.
        forget((e as { $response?: Response }).$response?.headers);
        throw e;
      } finally {
        config.systemClockOffset = server.clock.offset;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'followServerClock' },
  );
  return (ms: number) => {
    server.clock.advance(ms);
    config.systemClockOffset = server.clock.offset;
  };
}
