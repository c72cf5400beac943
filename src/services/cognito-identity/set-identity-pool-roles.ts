/** SetIdentityPoolRoles (signed): check role kinds and ARNs → replace the pool's roles. */
import { setIdentityPoolRoles as setRoles } from '../../domain/identity-pools/pools.ts';
import type { RequestContext } from '../../server/context.ts';

export async function setIdentityPoolRoles(
  input: {
    IdentityPoolId: string;
    Roles: Record<string, string>;
    RoleMappings?: Record<string, { Type: string; RulesConfiguration?: unknown }>;
  },
  { app }: RequestContext,
) {
  await setRoles(app, input.IdentityPoolId, input.Roles, input.RoleMappings);
  return {};
}
