/** USER_SRP_AUTH: the PASSWORD_VERIFIER challenge. */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { App } from '../../domain/app.ts';
import type { ClientRecord, PoolRecord } from '../../domain/types.ts';
import type { AuthParams } from './auth-flows.ts';

export async function srpInitiate(
  _app: App,
  _pool: PoolRecord,
  _client: ClientRecord,
  _params: AuthParams,
): Promise<Record<string, unknown>> {
  throw new InvalidParameterException('USER_SRP_AUTH flow is not supported by Cognate yet.');
}

export async function srpRespond(
  _app: App,
  _pool: PoolRecord,
  _client: ClientRecord,
  _responses: AuthParams,
  _session?: string,
): Promise<Record<string, unknown>> {
  throw new InvalidParameterException('USER_SRP_AUTH flow is not supported by Cognate yet.');
}
