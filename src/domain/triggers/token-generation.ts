/**
 * PreTokenGeneration: V1_0 events customise the ID token (claimsOverrideDetails) and groups
 * (groupOverrideDetails); V2_0 and V3_0 events (PreTokenGenerationConfig.LambdaVersion) customise both
 * tokens and the access token's scopes (claimsAndScopeOverrideDetails). The trigger runs before the grant
 * exists, so a failing function leaves no grant and no token behind.
 */
import type { App } from '../app.ts';
import { groupClaims } from '../groups.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../types.ts';
import { expectType, invokeTrigger, lambdaConfigOf, triggerArn } from './invoke.ts';
import { userAttributesOf } from './user-attributes.ts';

export type TokenGenerationSource = 'Authentication' | 'NewPasswordChallenge' | 'RefreshTokens' | 'AuthenticateDevice' | 'HostedAuth';

/** Edits the claim sets of one access token and one ID token before they are signed. */
export type ClaimsCustomizer = (access: Record<string, unknown>, id: Record<string, unknown>) => void;

type Claims = Record<string, unknown>;

/** Claims a function can neither add, override nor suppress (Cognito ignores such requests). */
const FIXED_ID = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'c_hash',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'sub',
  'token_use',
  'event_id',
  'cognito:username',
]);
const FIXED_ACCESS = new Set([...FIXED_ID, 'client_id', 'scope', 'username', 'cognito:groups']);

/** The user's groups as the event's groupConfiguration reports them (what the tokens would carry). */
async function groupConfiguration(app: App, pool: PoolRecord, user: UserRecord): Promise<Record<string, unknown>> {
  const claims = groupClaims(await app.store.groups.allForUser(pool.id, user.sub));
  return {
    groupsToOverride: (claims.id['cognito:groups'] as string[] | undefined) ?? [],
    iamRolesToOverride: (claims.id['cognito:roles'] as string[] | undefined) ?? [],
    preferredRole: (claims.id['cognito:preferred_role'] as string | undefined) ?? null,
  };
}

function lambdaVersion(pool: PoolRecord): '1' | '2' | '3' {
  const v = lambdaConfigOf(pool).PreTokenGenerationConfig?.LambdaVersion;
  return v === 'V2_0' ? '2' : v === 'V3_0' ? '3' : '1';
}

function addOrOverride(claims: Claims, add: unknown, fixed: Set<string>): void {
  expectType(add, 'object');
  for (const [k, v] of Object.entries((add as Claims | null) ?? {})) if (!fixed.has(k)) claims[k] = v;
}

function suppress(claims: Claims, names: unknown, fixed: Set<string>): void {
  expectType(names, 'string[]');
  for (const k of (names as string[] | null) ?? []) if (!fixed.has(k)) delete claims[k];
}

function applyGroups(access: Claims, id: Claims, g: unknown): void {
  expectType(g, 'object');
  if (!g) return;
  const d = g as { groupsToOverride?: unknown; iamRolesToOverride?: unknown; preferredRole?: unknown };
  expectType(d.groupsToOverride, 'string[]');
  expectType(d.iamRolesToOverride, 'string[]');
  expectType(d.preferredRole, 'string');
  if (Array.isArray(d.groupsToOverride)) {
    for (const c of [access, id]) {
      if (d.groupsToOverride.length > 0) c['cognito:groups'] = d.groupsToOverride;
      else delete c['cognito:groups'];
    }
  }
  if (Array.isArray(d.iamRolesToOverride)) {
    if (d.iamRolesToOverride.length > 0) id['cognito:roles'] = d.iamRolesToOverride;
    else delete id['cognito:roles'];
  }
  if (typeof d.preferredRole === 'string') id['cognito:preferred_role'] = d.preferredRole;
}

function scopes(access: Claims, add: unknown, drop: unknown): void {
  expectType(add, 'string[]');
  expectType(drop, 'string[]');
  const set = new Set(
    String(access.scope ?? '')
      .split(' ')
      .filter(Boolean),
  );
  for (const s of (add as string[] | null) ?? []) set.add(s);
  for (const s of (drop as string[] | null) ?? []) set.delete(s);
  access.scope = [...set].join(' ');
}

function v1Customizer(response: Claims): ClaimsCustomizer {
  const d = response.claimsOverrideDetails;
  expectType(d, 'object');
  const o = (d as Claims | null) ?? {};
  return (access, id) => {
    addOrOverride(id, o.claimsToAddOrOverride, FIXED_ID);
    suppress(id, o.claimsToSuppress, FIXED_ID);
    applyGroups(access, id, o.groupOverrideDetails);
  };
}

function v2Customizer(response: Claims): ClaimsCustomizer {
  const d = response.claimsAndScopeOverrideDetails;
  expectType(d, 'object');
  const o = (d as Claims | null) ?? {};
  expectType(o.idTokenGeneration, 'object');
  expectType(o.accessTokenGeneration, 'object');
  const idGen = (o.idTokenGeneration as Claims | null) ?? {};
  const accessGen = (o.accessTokenGeneration as Claims | null) ?? {};
  return (access, id) => {
    addOrOverride(id, idGen.claimsToAddOrOverride, FIXED_ID);
    suppress(id, idGen.claimsToSuppress, FIXED_ID);
    addOrOverride(access, accessGen.claimsToAddOrOverride, FIXED_ACCESS);
    suppress(access, accessGen.claimsToSuppress, FIXED_ACCESS);
    scopes(access, accessGen.scopesToAdd, accessGen.scopesToSuppress);
    applyGroups(access, id, o.groupOverrideDetails);
  };
}

/**
 * Invokes PreTokenGeneration (TokenGeneration_<source>) and returns how to edit the tokens, or
 * undefined when the pool has no such trigger. The response is checked here, before anything is written,
 * and applied by `issueTokens`.
 */
export async function preTokenGeneration(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  source: TokenGenerationSource,
  scope: string,
): Promise<ClaimsCustomizer | undefined> {
  if (!triggerArn(pool, 'PreTokenGeneration')) return undefined;
  const version = lambdaVersion(pool);
  const response = await invokeTrigger(app, pool, {
    trigger: 'PreTokenGeneration',
    triggerSource: `TokenGeneration_${source}`,
    userName: user.username,
    clientId: client.id,
    version,
    request: {
      userAttributes: userAttributesOf(user),
      groupConfiguration: await groupConfiguration(app, pool, user),
      ...(version === '1' ? {} : { scopes: scope.split(' ').filter(Boolean) }),
    },
    response: version === '1' ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
  });
  if (!response) return undefined;
  const customize = version === '1' ? v1Customizer(response) : v2Customizer(response);
  // Validate the whole response now (a dry run on scratch claims), so a malformed answer fails before the grant.
  customize({ scope }, {});
  return customize;
}

/**
 * client_credentials (machine-to-machine) tokens: only a V3_0 trigger is invoked for them
 * (TokenGeneration_ClientCredentials), with the client as the subject and no user attributes.
 */
export async function preTokenGenerationForClient(
  app: App,
  pool: PoolRecord,
  client: ClientRecord,
  scope: string,
): Promise<ClaimsCustomizer | undefined> {
  if (!triggerArn(pool, 'PreTokenGeneration') || lambdaVersion(pool) !== '3') return undefined;
  const response = await invokeTrigger(app, pool, {
    trigger: 'PreTokenGeneration',
    triggerSource: 'TokenGeneration_ClientCredentials',
    userName: client.id,
    clientId: client.id,
    version: '3',
    request: {
      userAttributes: {},
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      scopes: scope.split(' ').filter(Boolean),
    },
    response: { claimsAndScopeOverrideDetails: null },
  });
  if (!response) return undefined;
  const customize = v2Customizer(response);
  customize({ scope }, {});
  return customize;
}
