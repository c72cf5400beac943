/** AdminRespondToAuthChallenge (signed): pool → client in it → the challenge's answer. */
import type { RequestContext } from '../../server/context.ts';
import { getClient, getPool } from '../../domain/user-pools.ts';
import { respondToChallenge } from './challenge-responses.ts';

export async function adminRespondToAuthChallenge(
  input: { UserPoolId: string; ClientId: string; ChallengeName: string; Session?: string; ChallengeResponses?: Record<string, string> },
  { app }: RequestContext,
) {
  const pool = await getPool(app, input.UserPoolId);
  const client = await getClient(app, pool.id, input.ClientId);
  return respondToChallenge(app, pool, client, input.ChallengeName, input.ChallengeResponses ?? {}, input.Session);
}
