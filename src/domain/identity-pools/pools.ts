/**
 * Identity pools: create, update, delete, describe, roles. Input arrives already validated against the
 * model; the rules here are the ones the model cannot express.
 */
import { randomUUID } from 'node:crypto';
import { InvalidParameterException, ResourceNotFoundException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import { MSG } from './errors.ts';
import { userPoolIdOfProvider } from './providers.ts';
import { checkRoleMappings, type RoleMapping } from './role-mapping.ts';
import type { CognitoProviderConfig, IdentityPoolRecord } from './types.ts';

/** The IdentityPool wire shape (CreateIdentityPool input, UpdateIdentityPool input, Describe output). */
export interface IdentityPoolInput {
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  AllowClassicFlow?: boolean;
  SupportedLoginProviders?: Record<string, string>;
  DeveloperProviderName?: string;
  OpenIdConnectProviderARNs?: string[];
  CognitoIdentityProviders?: { ProviderName?: string; ClientId?: string; ServerSideTokenCheck?: boolean }[];
  SamlProviderARNs?: string[];
  IdentityPoolTags?: Record<string, string>;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ROLE_KINDS = ['authenticated', 'unauthenticated'];

/** `REGION:GUID`, the form of both identity pool ids and identity ids. */
export function newRegionGuid(app: App): string {
  return `${app.config.region}:${randomUUID()}`;
}

/** Every CognitoIdentityProviders entry must name a user pool and one of its clients. */
function cognitoProviders(app: App, input: IdentityPoolInput['CognitoIdentityProviders']): CognitoProviderConfig[] | undefined {
  if (!input) return undefined;
  return input.map((p) => {
    if (!p.ProviderName || !p.ClientId) {
      throw new InvalidParameterException('CognitoIdentityProvider requires both ProviderName and ClientId.');
    }
    if (!userPoolIdOfProvider(app, p.ProviderName)) {
      throw new InvalidParameterException(
        `Invalid ProviderName '${p.ProviderName}': name a user pool as cognito-idp.${app.config.region}.amazonaws.com/<UserPoolId> or by its issuer without the scheme.`,
      );
    }
    return { ProviderName: p.ProviderName, ClientId: p.ClientId, ServerSideTokenCheck: p.ServerSideTokenCheck ?? false };
  });
}

/** The pool fields an IdentityPool input sets (everything but id, roles, dates). */
function settings(app: App, input: IdentityPoolInput) {
  const out: Omit<IdentityPoolRecord, 'id' | 'roles' | 'tags' | 'createdAt' | 'lastModifiedAt' | 'roleMappings'> = {
    name: input.IdentityPoolName,
    allowUnauthenticated: input.AllowUnauthenticatedIdentities,
    allowClassicFlow: input.AllowClassicFlow ?? false,
  };
  const providers = cognitoProviders(app, input.CognitoIdentityProviders);
  if (providers) out.cognitoIdentityProviders = providers;
  if (input.SupportedLoginProviders) out.supportedLoginProviders = input.SupportedLoginProviders;
  if (input.DeveloperProviderName) out.developerProviderName = input.DeveloperProviderName;
  if (input.OpenIdConnectProviderARNs) out.openIdConnectProviderARNs = input.OpenIdConnectProviderARNs;
  if (input.SamlProviderARNs) out.samlProviderARNs = input.SamlProviderARNs;
  return out;
}

export async function createIdentityPool(app: App, input: IdentityPoolInput): Promise<IdentityPoolRecord> {
  const now = app.now();
  const pool: IdentityPoolRecord = {
    id: newRegionGuid(app),
    ...settings(app, input),
    tags: input.IdentityPoolTags ?? {},
    roles: {},
    createdAt: now,
    lastModifiedAt: now,
  };
  await app.store.identity.insertPool(pool);
  return pool;
}

/** The pool, or ResourceNotFoundException in AWS's words. */
export async function requirePool(app: App, id: string): Promise<IdentityPoolRecord> {
  const pool = await app.store.identity.getPool(id);
  if (!pool) throw new ResourceNotFoundException(MSG.poolNotFound(id));
  return pool;
}

/** UpdateIdentityPool replaces the pool's settings; roles stay, tags stay unless given. */
export async function updateIdentityPool(app: App, id: string, input: IdentityPoolInput): Promise<IdentityPoolRecord> {
  const old = await requirePool(app, id);
  const pool: IdentityPoolRecord = {
    id,
    ...settings(app, input),
    tags: input.IdentityPoolTags ?? old.tags,
    roles: old.roles,
    ...(old.roleMappings ? { roleMappings: old.roleMappings } : {}),
    createdAt: old.createdAt,
    lastModifiedAt: app.now(),
  };
  if (!(await app.store.identity.updatePool(pool))) throw new ResourceNotFoundException(MSG.poolNotFound(id));
  return pool;
}

export async function setIdentityPoolRoles(
  app: App,
  id: string,
  roles: Record<string, string>,
  roleMappings: Record<string, { Type: string; RulesConfiguration?: unknown }> | undefined,
): Promise<void> {
  const pool = await requirePool(app, id);
  for (const [kind, arn] of Object.entries(roles)) {
    if (!ROLE_KINDS.includes(kind)) {
      throw new InvalidParameterException(`Invalid role type '${kind}'. Valid role types are: ${ROLE_KINDS.join(', ')}.`);
    }
    if (!ROLE_ARN.test(arn)) throw new InvalidParameterException(`Invalid role ARN '${arn}' for role type '${kind}'.`);
  }
  checkRoleMappings(pool, (roleMappings ?? {}) as Record<string, RoleMapping>);
  const next: IdentityPoolRecord = { ...pool, roles: { ...roles }, lastModifiedAt: app.now() };
  if (roleMappings && Object.keys(roleMappings).length > 0) next.roleMappings = roleMappings;
  else delete next.roleMappings;
  if (!(await app.store.identity.updatePool(next))) throw new ResourceNotFoundException(MSG.poolNotFound(id));
}

/** The IdentityPool wire shape of a pool. */
export function describeIdentityPool(p: IdentityPoolRecord): Record<string, unknown> {
  return {
    IdentityPoolId: p.id,
    IdentityPoolName: p.name,
    AllowUnauthenticatedIdentities: p.allowUnauthenticated,
    AllowClassicFlow: p.allowClassicFlow,
    ...(p.supportedLoginProviders ? { SupportedLoginProviders: p.supportedLoginProviders } : {}),
    ...(p.developerProviderName ? { DeveloperProviderName: p.developerProviderName } : {}),
    ...(p.openIdConnectProviderARNs ? { OpenIdConnectProviderARNs: p.openIdConnectProviderARNs } : {}),
    ...(p.cognitoIdentityProviders ? { CognitoIdentityProviders: p.cognitoIdentityProviders } : {}),
    ...(p.samlProviderARNs ? { SamlProviderARNs: p.samlProviderARNs } : {}),
    IdentityPoolTags: p.tags,
  };
}
