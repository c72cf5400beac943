/**
 * Passkeys with `packed` attestation and RS256 (COSE alg -257) as well as ES256 keys, which Chromium's
 * virtual authenticator does not make: a software authenticator (node:crypto, test/helpers/
 * soft-authenticator.ts) answers StartWebAuthnRegistration and the USER_AUTH WEB_AUTHN challenge, and the
 * AWS SDK v3 carries everything to the real server. A forged attestation signature, a forged assertion
 * signature and a cloned authenticator's counter are refused, and refusals store nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, signIn } from '../helpers/fixtures.ts';
import { refused } from '../helpers/refused.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { assertWith, type CoseAlg, createPackedCredential, FLAG, type SoftCredential } from '../helpers/soft-authenticator.ts';

const RP = 'example.com';
const ORIGIN = 'https://example.com';

type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string }; pubKeyCredParams: { alg: number }[] };

describe('passkeys with packed attestation, RS256 and ES256 (SDK v3, software authenticator)', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    poolId = await createPool(idp, 'packed', { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } });
    await idp.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: { RelyingPartyId: RP, UserVerification: 'required' } }),
    );
    clientId = (
      await createClient(idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })
    ).ClientId;
  });
  after(() => server.stop());

  const start = async (token: string) =>
    (await idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }))).CredentialCreationOptions as CreationOptions;

  const challenge = async (username: string) => {
    const r = await idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
      }),
    );
    assert.equal(r.ChallengeName, 'WEB_AUTHN');
    const options = JSON.parse(r.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string) as {
      challenge: string;
      rpId: string;
      allowCredentials: { id: string }[];
    };
    return { session: r.Session as string, options };
  };

  const answer = (username: string, session: string, credential: Record<string, unknown>) =>
    idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'WEB_AUTHN',
        Session: session,
        ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) },
      }),
    );

  for (const [alg, name] of [
    [-257, 'RS256'],
    [-7, 'ES256'],
  ] as [CoseAlg, string][]) {
    it(`${name}: a packed self-attested passkey registers and signs in; forged signatures and a cloned counter are refused`, async () => {
      const username = `user-${name.toLowerCase()}`;
      await createUser(idp, poolId, username);
      const token = (await signIn(idp, clientId, username)).accessToken;

      // Registration: Cognate offers the algorithm, and a forged packed attestation is refused, storing nothing.
      let options = await start(token);
      assert.ok(
        options.pubKeyCredParams.some((p) => p.alg === alg),
        `pubKeyCredParams offers ${alg}`,
      );
      const forged = createPackedCredential(options, { alg, origin: ORIGIN, tamperSignature: true });
      await refused(
        idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: forged.json })),
        'InvalidParameterException',
        /^The credential was not accepted\.$/,
      );
      // Without user verification, a pool that requires it refuses the credential.
      options = await start(token);
      const unverified = createPackedCredential(options, { alg, origin: ORIGIN, flags: FLAG.UP | FLAG.AT });
      await refused(
        idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: unverified.json })),
        'InvalidParameterException',
        /User verification was required/,
      );
      assert.equal((await idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }))).Credentials?.length, 0);

      options = await start(token);
      const made = createPackedCredential(options, { alg, origin: ORIGIN });
      await idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: made.json }));
      const listed = (await idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }))).Credentials ?? [];
      assert.equal(listed.length, 1);
      assert.equal(listed[0]?.CredentialId, made.json.id);
      assert.equal(listed[0]?.RelyingPartyId, RP);
      assert.equal(listed[0]?.AuthenticatorAttachment, 'platform');
      const credential: SoftCredential = made.credential;

      // Sign-in: a forged assertion signature is refused.
      let c = await challenge(username);
      assert.equal(c.options.rpId, RP);
      assert.deepEqual(
        c.options.allowCredentials.map((x) => x.id),
        [made.json.id],
      );
      await refused(
        answer(username, c.session, assertWith(credential, c.options, { origin: ORIGIN, tamperSignature: true })),
        'NotAuthorizedException',
      );

      // The genuine assertion signs the user in.
      c = await challenge(username);
      const done = await answer(username, c.session, assertWith(credential, c.options, { origin: ORIGIN, counter: 5 }));
      const accessToken = done.AuthenticationResult?.AccessToken as string;
      assert.ok(accessToken);
      assert.equal((await idp.send(new GetUserCommand({ AccessToken: accessToken }))).Username, username);

      // A counter that did not move on (a cloned authenticator) is refused, even with a valid signature.
      c = await challenge(username);
      await refused(
        answer(username, c.session, assertWith(credential, c.options, { origin: ORIGIN, counter: 5 })),
        'NotAuthorizedException',
      );
      // The counter moving on again works.
      c = await challenge(username);
      const again = await answer(username, c.session, assertWith(credential, c.options, { origin: ORIGIN, counter: 6 }));
      assert.ok(again.AuthenticationResult?.AccessToken);
    });
  }
});
