/**
 * Pins finding 7: a token whose signature segment is a non-canonical base64url spelling of the same bytes
 * (spare bits of the last character set) verified too. Only the canonical encoding verifies now, at every
 * endpoint that accepts a token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { signIn, world } from '../helpers/fixtures.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same bytes spelled differently: flips a spare low bit of the final character. */
function malleate(segment: string): string {
  const last = segment.at(-1) as string;
  const spare = (segment.length * 6) % 8; // bits of the last char that carry no data
  assert.ok(spare > 0, 'the segment has spare bits');
  const twin = ALPHABET[ALPHABET.indexOf(last) ^ 1] as string;
  const out = `${segment.slice(0, -1)}${twin}`;
  assert.deepEqual(Buffer.from(out, 'base64url'), Buffer.from(segment, 'base64url'));
  return out;
}

describe('JWT signature segments must be canonical base64url', () => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof world>>;
  before(async () => {
    server = await startTestServer();
    w = await world(idpClient(server));
  });
  after(() => server.stop());

  it('a re-spelled signature is refused; the original still works', async () => {
    const { accessToken } = await signIn(idpClient(server), w.clientId, 'alice');
    const [h, p, s] = accessToken.split('.') as [string, string, string];
    const forged = `${h}.${p}.${malleate(s)}`;
    assert.notEqual(forged, accessToken);
    await assert.rejects(idpClient(server).send(new GetUserCommand({ AccessToken: forged })), (e: Error) => {
      assert.equal(e.name, 'NotAuthorizedException');
      assert.equal(e.message, 'Invalid Access Token');
      return true;
    });
    const ok = await idpClient(server).send(new GetUserCommand({ AccessToken: accessToken }));
    assert.equal(ok.Username, 'alice');
    // Padding is not canonical either.
    await assert.rejects(
      idpClient(server).send(new GetUserCommand({ AccessToken: `${accessToken}==` })),
      /Invalid Access Token|NotAuthorized/,
    );
  });
});
