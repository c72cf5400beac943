/** Portal request helpers: the bearer header, query members, pagination tokens, and the route wrapper. */
import { PortalInvalidRequestException } from '../../domain/sso/errors.ts';
import { sendJson } from '../../protocol/json11.ts';
import { sendRestJsonError } from '../../protocol/rest-json.ts';
import type { RawRequest, Route } from '../../server/context.ts';
import { failureLine } from '../../server/failure-line.ts';

/** `x-amz-sso_bearer_token` (Node lower-cases header names). */
export function bearerToken(r: RawRequest): string | undefined {
  const v = r.req.headers['x-amz-sso_bearer_token'];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function requiredQuery(r: RawRequest, name: string, member: string): string {
  const v = r.url.searchParams.get(name);
  if (!v) throw new PortalInvalidRequestException(`${member} is required`);
  return v;
}

/** max_result: 1–100, default 100 (the model's range; clients do not check max). */
export function maxResults(r: RawRequest): number {
  const raw = r.url.searchParams.get('max_result');
  if (raw === null) return 100;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100) throw new PortalInvalidRequestException('maxResults must be between 1 and 100');
  return n;
}

/** next_token is an opaque base64url cursor. */
export function decodeNextToken(r: RawRequest): string | undefined {
  const raw = r.url.searchParams.get('next_token');
  if (raw === null || raw === '') return undefined;
  const s = Buffer.from(raw, 'base64url').toString('utf8');
  if (!s.startsWith('c:')) throw new PortalInvalidRequestException('Invalid nextToken');
  return s.slice(2);
}

export function encodeNextToken(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : Buffer.from(`c:${cursor}`).toString('base64url');
}

/** A portal route: the handler returns the body; errors go out as `{message}` + x-amzn-ErrorType. */
export function portalRoute(method: string, path: string, handler: (r: RawRequest) => Promise<Record<string, unknown> | undefined>): Route {
  return {
    method,
    path,
    handler: async (r) => {
      try {
        const out = await handler(r);
        sendJson(r.res, 200, out ?? {}, 'application/json');
      } catch (err) {
        if (!(err instanceof Error && 'code' in err)) r.ctx.app.log(`error: ${method} ${path} ${r.ctx.requestId}: ${failureLine(err)}`);
        sendRestJsonError(r.res, err);
      }
    },
  };
}
