/**
 * ListUsers' Filter: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix), on the attributes
 * Cognito lets you search. Anything else is InvalidParameterException with Cognito's wording.
 */
import { InvalidParameterException } from '../protocol/errors.ts';
import type { PoolRecord, UserRecord } from './types.ts';
import { caseSensitive } from './user-pools.ts';
import { attr } from './users.ts';

export const SEARCHABLE = [
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
] as const;

export interface UserFilter {
  attribute: (typeof SEARCHABLE)[number];
  op: '=' | '^=';
  value: string;
}

const GRAMMAR = /^\s*([\w:.-]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/u;

/** Parses a filter; an empty or absent one is no filter. */
export function parseUserFilter(filter: string | undefined): UserFilter | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  const m = GRAMMAR.exec(filter);
  if (!m) throw new InvalidParameterException('Error while parsing filter');
  const [, name = '', op, raw = ''] = m;
  if (!(SEARCHABLE as readonly string[]).includes(name)) throw new InvalidParameterException(`Invalid search attribute: ${name}`);
  return { attribute: name as UserFilter['attribute'], op: op as UserFilter['op'], value: raw.replace(/\\(.)/g, '$1') };
}

function searchedValue(pool: PoolRecord, user: UserRecord, a: UserFilter['attribute']): string | undefined {
  switch (a) {
    case 'username':
      return caseSensitive(pool) ? user.username : user.username.toLowerCase();
    case 'sub':
      return user.sub;
    case 'cognito:user_status':
      return user.status;
    case 'status':
      return user.enabled ? 'Enabled' : 'Disabled';
    default:
      return attr(user, a);
  }
}

export function matchesFilter(pool: PoolRecord, user: UserRecord, f: UserFilter): boolean {
  const have = searchedValue(pool, user, f.attribute);
  if (have === undefined) return false;
  const want = f.attribute === 'username' && !caseSensitive(pool) ? f.value.toLowerCase() : f.value;
  return f.op === '=' ? have === want : have.startsWith(want);
}
