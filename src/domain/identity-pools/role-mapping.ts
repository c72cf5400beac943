/**
 * Which role an authenticated identity's credentials are for. Without a role mapping for the login's
 * provider, the pool's authenticated role. With one (SetIdentityPoolRoles' RoleMappings, keyed
 * `{ProviderName}:{ClientId}`):
 * - `Token`: the ID token's `cognito:preferred_role`, or with CustomRoleArn, that role if it is one of
 *   the token's `cognito:roles`;
 * - `Rules`: the RoleARN of the first rule whose claim matches (Equals, Contains, StartsWith, NotEqual;
 *   a list claim such as cognito:groups matches when one of its values does);
 * and when that gives no role, AmbiguousRoleResolution decides: `AuthenticatedRole` falls back to the
 * pool's authenticated role, `Deny` refuses.
 */
import { InvalidParameterException, NotAuthorizedException } from '../../protocol/errors.ts';
import { InvalidIdentityPoolConfigurationException, MSG } from './errors.ts';
import type { VerifiedLogin } from './login-tokens.ts';
import type { IdentityPoolRecord } from './types.ts';

export interface MappingRule {
  Claim: string;
  MatchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
  Value: string;
  RoleARN: string;
}

export interface RoleMapping {
  Type: 'Token' | 'Rules';
  AmbiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  RulesConfiguration?: { Rules: MappingRule[] };
}

export const AMBIGUOUS_DENIED = 'The ambiguous role mapping rules denied this request';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** SetIdentityPoolRoles' checks of RoleMappings beyond the model: a configured provider, a resolution, rules. */
export function checkRoleMappings(pool: IdentityPoolRecord, mappings: Record<string, RoleMapping>): void {
  const configured = new Set((pool.cognitoIdentityProviders ?? []).map((p) => `${p.ProviderName}:${p.ClientId}`));
  for (const [key, m] of Object.entries(mappings)) {
    if (!configured.has(key)) {
      throw new InvalidParameterException(`${key} is not a valid RoleMapping ProviderName or is not a configured provider.`);
    }
    if (!m.AmbiguousRoleResolution) {
      throw new InvalidParameterException(`AmbiguousRoleResolution is required for a ${m.Type} role mapping (${key}).`);
    }
    if (m.Type === 'Rules') {
      const rules = m.RulesConfiguration?.Rules ?? [];
      if (rules.length === 0) throw new InvalidParameterException(`RulesConfiguration is required for a Rules role mapping (${key}).`);
      for (const r of rules) {
        if (!ROLE_ARN.test(r.RoleARN)) throw new InvalidParameterException(`Invalid role ARN '${r.RoleARN}' in the rules of ${key}.`);
      }
    }
  }
}

function matches(rule: MappingRule, claim: unknown): boolean {
  const values = (Array.isArray(claim) ? claim : claim === undefined || claim === null ? [] : [claim]).map(String);
  switch (rule.MatchType) {
    case 'Equals':
      return values.includes(rule.Value);
    case 'Contains':
      return values.some((v) => v.includes(rule.Value));
    case 'StartsWith':
      return values.some((v) => v.startsWith(rule.Value));
    case 'NotEqual':
      return values.length > 0 && !values.includes(rule.Value);
  }
}

/** The role a mapping gives, or undefined when it is ambiguous. */
function mappedRole(m: RoleMapping, claims: Record<string, unknown>, customRoleArn: string | undefined): string | undefined {
  if (m.Type === 'Token') {
    const roles = Array.isArray(claims['cognito:roles']) ? (claims['cognito:roles'] as unknown[]).map(String) : [];
    if (customRoleArn !== undefined) {
      if (!roles.includes(customRoleArn)) {
        throw new InvalidParameterException(`CustomRoleArn '${customRoleArn}' is not one of the roles in the token (cognito:roles).`);
      }
      return customRoleArn;
    }
    return typeof claims['cognito:preferred_role'] === 'string' ? claims['cognito:preferred_role'] : undefined;
  }
  return (m.RulesConfiguration?.Rules ?? []).find((r) => matches(r, claims[r.Claim]))?.RoleARN;
}

/** The role of an authenticated identity's credentials (see the module comment). */
export function resolveAuthenticatedRole(pool: IdentityPoolRecord, logins: VerifiedLogin[], customRoleArn?: string): string {
  const mappings = (pool.roleMappings ?? {}) as Record<string, RoleMapping>;
  const login = logins.find((l) => mappings[`${l.providerName}:${l.clientId}`]);
  const fallback = () => {
    const role = pool.roles.authenticated;
    if (!role) throw new InvalidIdentityPoolConfigurationException(MSG.badRoles);
    if (customRoleArn !== undefined && customRoleArn !== role) {
      throw new InvalidParameterException(`CustomRoleArn '${customRoleArn}' is not the role this identity pool assigns.`);
    }
    return role;
  };
  if (!login) return fallback();
  const m = mappings[`${login.providerName}:${login.clientId}`] as RoleMapping;
  const role = mappedRole(m, login.claims, m.Type === 'Token' ? customRoleArn : undefined);
  if (role !== undefined) {
    if (m.Type === 'Rules' && customRoleArn !== undefined && customRoleArn !== role) {
      throw new InvalidParameterException(`CustomRoleArn '${customRoleArn}' is not the role the rules assign.`);
    }
    return role;
  }
  if (m.AmbiguousRoleResolution === 'Deny') throw new NotAuthorizedException(AMBIGUOUS_DENIED);
  return fallback();
}
