/** What every handler receives besides its input. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../domain/app.ts';
import type { Principal } from '../domain/credentials.ts';
import type { ServiceName } from '../protocol/model.ts';

export interface RequestContext {
  app: App;
  requestId: string;
  /** The SigV4 principal, for signed operations. */
  caller?: Principal;
  headers: IncomingMessage['headers'];
  sourceIp: string;
}

/** A JSON 1.1 operation: decoded input in, output object out. Errors are thrown as ServiceError. */
// biome-ignore lint/suspicious/noExplicitAny: inputs are validated against the model before the call.
export type Json11Handler = (input: any, ctx: RequestContext) => Promise<Record<string, unknown>>;

export interface Json11Service {
  /** The X-Amz-Target prefix, e.g. AWSCognitoIdentityProviderService. */
  targetPrefix: string;
  model: ServiceName;
  signingName: string;
  operations: Record<string, Json11Handler>;
}

export interface RawRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: Buffer;
  params: Record<string, string>;
  ctx: RequestContext;
}

/** A REST route (portal, OIDC, pages, well-known documents). */
export interface Route {
  method: string;
  /** A literal path, or a pattern whose named groups become `params`. */
  path: string | RegExp;
  handler: (r: RawRequest) => Promise<void>;
}
