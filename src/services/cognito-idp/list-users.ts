/**
 * ListUsers (signed): pool → filter parsed → scan the pool's users in key order, keeping those that match,
 * until Limit (60 by default) → UserType with AttributesToGet applied, and a sealed PaginationToken when
 * users remain to be scanned.
 */
import type { RequestContext } from '../../server/context.ts';
import { decodePageToken, encodePageToken } from '../../domain/pagination.ts';
import type { UserRecord } from '../../domain/types.ts';
import { matchesFilter, parseUserFilter } from '../../domain/user-filter.ts';
import { getPool } from '../../domain/user-pools.ts';
import { userType } from '../../domain/users.ts';

interface ListUsersInput {
  UserPoolId: string;
  AttributesToGet?: string[];
  Limit?: number;
  PaginationToken?: string;
  Filter?: string;
}

export async function listUsers(input: ListUsersInput, { app }: RequestContext) {
  const pool = await getPool(app, input.UserPoolId);
  const filter = parseUserFilter(input.Filter);
  const scope = `users:${pool.id}`;
  let after = decodePageToken(app, scope, input.PaginationToken);
  const limit = input.Limit ? input.Limit : 60;
  const found: UserRecord[] = [];
  let more = false;
  scan: do {
    const page = await app.store.users.list(pool.id, 200, after);
    for (const [i, u] of page.items.entries()) {
      after = u.usernameKey;
      if (filter && !matchesFilter(pool, u, filter)) continue;
      found.push(u);
      if (found.length === limit) {
        more = i < page.items.length - 1 || page.next !== undefined;
        break scan;
      }
    }
    after = page.next;
  } while (after !== undefined);
  const last = found[found.length - 1];
  return {
    Users: found.map((u) => shape(u, input.AttributesToGet)),
    ...(more && last ? { PaginationToken: encodePageToken(app, scope, last.usernameKey) } : {}),
  };
}

function shape(u: UserRecord, attributesToGet: string[] | undefined): Record<string, unknown> {
  const t = userType(u);
  if (attributesToGet) {
    t.Attributes = (t.Attributes as { Name: string }[]).filter((a) => attributesToGet.includes(a.Name));
  }
  return t;
}
