/**
 * Passkey refusals with the AWS SDK v3, before any authenticator is involved: a pool without WEB_AUTHN or
 * without a relying party, Complete without Start, a challenge answered twice, a credential from another
 * origin or of the wrong ceremony, and GetUserAuthFactors / DeleteWebAuthnCredential.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, signIn } from '../helpers/fixtures.ts';
import { refused } from '../helpers/refused.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';

/** A RegistrationResponseJSON whose clientDataJSON says what the test wants (no real attestation). */
function fakeCredential(clientData: Record<string, unknown>) {
  return {
    id: 'AAAA',
    rawId: 'AAAA',
    type: 'public-key',
    response: { clientDataJSON: Buffer.from(JSON.stringify(clientData)).toString('base64url'), attestationObject: 'o2NmbXRkbm9uZQ' },
    clientExtensionResults: {},
  };
}

describe('passkey refusals (SDK v3)', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  let token: string;
  let poolId: string;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    poolId = (
      await idp.send(
        new CreateUserPoolCommand({ PoolName: 'pk', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } }),
      )
    ).UserPool?.Id as string;
    const clientId = (await createClient(idp, poolId)).ClientId;
    await createUser(idp, poolId, 'pia');
    token = (await signIn(idp, clientId, 'pia')).accessToken;
  });
  after(() => server.stop());

  it('WebAuthnNotEnabledException without WEB_AUTHN; WebAuthnConfigurationMissingException without a relying party', async () => {
    const plain = await createPool(idp, 'plain');
    const c = (await createClient(idp, plain)).ClientId;
    await createUser(idp, plain, 'bob');
    const t = (await signIn(idp, c, 'bob')).accessToken;
    await refused(idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: t })), 'WebAuthnNotEnabledException');
    await refused(idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token })), 'WebAuthnConfigurationMissingException');
  });

  it('Complete without Start, another origin, the wrong ceremony, a used challenge', async () => {
    await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: { RelyingPartyId: 'example.com' } }));
    await refused(
      idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: fakeCredential({}) })),
      'WebAuthnChallengeNotFoundException',
    );
    const start = async () => {
      const r = await idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
      const o = r.CredentialCreationOptions as { challenge: string; rp: { id: string }; authenticatorSelection: Record<string, unknown> };
      assert.equal(o.rp.id, 'example.com');
      assert.equal(o.authenticatorSelection.residentKey, 'required');
      return o.challenge;
    };
    let challenge = await start();
    await refused(
      idp.send(
        new CompleteWebAuthnRegistrationCommand({
          AccessToken: token,
          Credential: fakeCredential({ type: 'webauthn.create', challenge, origin: 'https://evil.example' }),
        }),
      ),
      'WebAuthnOriginNotAllowedException',
    );
    // The challenge was consumed by that attempt: answering it again finds nothing.
    await refused(
      idp.send(
        new CompleteWebAuthnRegistrationCommand({
          AccessToken: token,
          Credential: fakeCredential({ type: 'webauthn.create', challenge, origin: 'https://example.com' }),
        }),
      ),
      'WebAuthnChallengeNotFoundException',
    );
    challenge = await start();
    await refused(
      idp.send(
        new CompleteWebAuthnRegistrationCommand({
          AccessToken: token,
          Credential: fakeCredential({ type: 'webauthn.get', challenge, origin: 'https://example.com' }),
        }),
      ),
      'WebAuthnClientMismatchException',
    );
    challenge = await start();
    // Right type, challenge and origin, but no real attestation: refused, nothing stored.
    await refused(
      idp.send(
        new CompleteWebAuthnRegistrationCommand({
          AccessToken: token,
          Credential: fakeCredential({ type: 'webauthn.create', challenge, origin: 'https://example.com' }),
        }),
      ),
      'InvalidParameterException',
    );
  });

  it('GetUserAuthFactors lists PASSWORD only (no passkey yet); deleting an unknown credential is ResourceNotFoundException', async () => {
    const f = await idp.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
    assert.equal(f.Username, 'pia');
    assert.deepEqual(f.ConfiguredUserAuthFactors, ['PASSWORD']);
    await refused(idp.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: 'nope' })), 'ResourceNotFoundException');
  });
});
