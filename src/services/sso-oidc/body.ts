/** Decoding of sso-oidc JSON bodies and the route wrapper that writes OIDC-shaped errors. */
import type { Route, RawRequest } from '../../server/context.ts';
import { sendJson } from '../../protocol/json11.ts';
import { sendOidcError } from '../../protocol/rest-json.ts';
import { OidcInvalidRequestException } from '../../domain/sso/errors.ts';
import { JsonBodyError, decodeJsonObject } from '../../protocol/json-body.ts';
import { failureLine } from '../../server/failure-line.ts';

export type OidcBody = Record<string, unknown>;

/** Parses the body as a JSON object; anything else is invalid_request. */
export function parseBody(raw: Buffer): OidcBody {
  try {
    return decodeJsonObject(raw);
  } catch (e) {
    throw e instanceof JsonBodyError ? new OidcInvalidRequestException(e.message.replace(/\.$/, '')) : e;
  }
}

/** A required, non-empty string member (max 8 KiB). */
export function requireString(b: OidcBody, name: string): string {
  const v = b[name];
  if (v === undefined || v === null || v === '') throw new OidcInvalidRequestException(`${name} is required`);
  return asString(b, name) as string;
}

/** An optional string member. */
export function asString(b: OidcBody, name: string): string | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new OidcInvalidRequestException(`${name} must be a string`);
  if (v.length > 8192) throw new OidcInvalidRequestException(`${name} is too long`);
  return v;
}

/** An optional list of strings (at most 100 items). */
export function asStringList(b: OidcBody, name: string): string[] | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length > 100 || v.some((x) => typeof x !== 'string' || x.length > 2048)) {
    throw new OidcInvalidRequestException(`${name} must be a list of strings`);
  }
  return v as string[];
}

/** A POST route whose handler returns the response object; errors are written in the OIDC shape. */
export function oidcRoute(path: string, handler: (body: OidcBody, r: RawRequest) => Promise<Record<string, unknown>>): Route {
  return {
    method: 'POST',
    path,
    handler: async (r) => {
      try {
        const out = await handler(parseBody(r.body), r);
        sendJson(r.res, 200, out, 'application/json');
      } catch (err) {
        if (!(err instanceof Error && 'code' in err)) r.ctx.app.log(`error: POST ${path} ${r.ctx.requestId}: ${failureLine(err)}`);
        sendOidcError(r.res, err);
      }
    },
  };
}
