/** DeleteIdentities (signed): delete the identities and their linked logins; unknown ids are no error. */
import type { RequestContext } from '../../server/context.ts';

export async function deleteIdentities(input: { IdentityIdsToDelete: string[] }, { app }: RequestContext) {
  await app.store.identity.deleteIdentities(input.IdentityIdsToDelete);
  return { UnprocessedIdentityIds: [] };
}
