/** RespondToAuthChallenge (unsigned): client → the challenge's answer. */
import type { RequestContext } from '../../server/context.ts';
import { findClient } from '../../domain/user-pools.ts';
import { respondToChallenge } from './challenge-responses.ts';

export async function respondToAuthChallenge(
  input: { ClientId: string; ChallengeName: string; Session?: string; ChallengeResponses?: Record<string, string> },
  { app }: RequestContext,
) {
  const { client, pool } = await findClient(app, input.ClientId);
  return respondToChallenge(app, pool, client, input.ChallengeName, input.ChallengeResponses ?? {}, input.Session);
}
