/** The `userAttributes` map of a trigger event. */
import type { AttributeType, UserRecord } from '../types.ts';

export function attributeMap(attributes: readonly AttributeType[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of attributes) if (a.Value !== undefined) out[a.Name] = a.Value;
  return out;
}

/** A stored user's attributes as Cognito sends them: `sub` first, then the rest and `cognito:user_status`. */
export function userAttributesOf(user: UserRecord): Record<string, string> {
  return { sub: user.sub, ...attributeMap(user.attributes), 'cognito:user_status': user.status };
}
