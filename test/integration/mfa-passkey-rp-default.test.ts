/**
 * The passkey relying party ID when WebAuthnConfiguration.RelyingPartyId is not set, as Cognito documents
 * it: the pool's custom domain, else its prefix domain (`{prefix}.auth.{region}.amazoncognito.com`);
 * with neither, WebAuthnConfigurationMissingException. Creating a custom domain moves the default, so a
 * passkey made for the prefix domain stops working until the RP ID is set to the prefix domain
 * explicitly. GetUserPoolMfaConfig shows only what was set. Driven with the SDK v3 and a software
 * authenticator (test/helpers/soft-authenticator.ts) on the origins a browser would report.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  GetUserAuthFactorsCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createUser, signIn } from '../helpers/fixtures.ts';
import { refused } from '../helpers/refused.ts';
import { idpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { assertWith, createPackedCredential } from '../helpers/soft-authenticator.ts';

const PREFIX = 'pk-default';
const PREFIX_HOST = `${PREFIX}.auth.us-east-1.amazoncognito.com`;
const CUSTOM = 'login.example.com';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-aaaa-bbbb-cccc-000000000001';

type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string } };

describe('passkey relying party ID by default: the pool domain (SDK v3)', () => {
  let server: TestServer;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;
  let token: string;

  before(async () => {
    server = await startTestServer();
    idp = idpClient(server);
    poolId = await createPool(idp, 'rp', { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } });
    clientId = (
      await createClient(idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })
    ).ClientId;
    await createUser(idp, poolId, 'rita');
    token = (await signIn(idp, clientId, 'rita')).accessToken;
  });
  after(() => server.stop());

  const start = async () =>
    (await idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }))).CredentialCreationOptions as CreationOptions;

  const signInWith = async (credential: ReturnType<typeof createPackedCredential>['credential'], origin: string, rpId?: string) => {
    const r = await idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: 'rita', PREFERRED_CHALLENGE: 'WEB_AUTHN' },
      }),
    );
    assert.equal(r.ChallengeName, 'WEB_AUTHN');
    const options = JSON.parse(r.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string) as { challenge: string; rpId: string };
    const assertion = assertWith(credential, options, { origin, ...(rpId ? { rpId } : {}) });
    const done = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'WEB_AUTHN',
        Session: r.Session,
        ChallengeResponses: { USERNAME: 'rita', CREDENTIAL: JSON.stringify(assertion) },
      }),
    );
    return { rpId: options.rpId, accessToken: done.AuthenticationResult?.AccessToken };
  };

  it('no RelyingPartyId and no domain: WebAuthnConfigurationMissingException, and GetUserPoolMfaConfig sets none', async () => {
    await refused(idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token })), 'WebAuthnConfigurationMissingException');
    const got = await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.deepEqual(got.WebAuthnConfiguration, { UserVerification: 'preferred' });
  });

  it('prefix domain → its host name; custom domain → the custom domain; an explicit RelyingPartyId wins; domain gone → missing again', async () => {
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: PREFIX, ManagedLoginVersion: 2 }));
    let options = await start();
    assert.equal(options.rp.id, PREFIX_HOST);
    // GetUserPoolMfaConfig does not show the default (it follows the domains): only what was set.
    assert.equal(
      (await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).WebAuthnConfiguration?.RelyingPartyId,
      undefined,
    );

    // The origin check follows the default: another site's origin is refused, the prefix domain's accepted.
    const elsewhere = createPackedCredential(options, { alg: -7, origin: 'https://example.com' });
    await refused(
      idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: elsewhere.json })),
      'WebAuthnOriginNotAllowedException',
    );
    options = await start();
    const made = createPackedCredential(options, { alg: -7, origin: `https://${PREFIX_HOST}` });
    await idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: made.json }));
    const listed = (await idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }))).Credentials ?? [];
    assert.deepEqual(
      listed.map((c) => c.RelyingPartyId),
      [PREFIX_HOST],
    );
    const first = await signInWith(made.credential, `https://${PREFIX_HOST}`);
    assert.equal(first.rpId, PREFIX_HOST);
    assert.ok(first.accessToken);

    // A custom domain becomes the default, so the prefix domain's passkey no longer matches.
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: CUSTOM, CustomDomainConfig: { CertificateArn: CERT } }));
    assert.equal((await start()).rp.id, CUSTOM);
    await refused(signInWith(made.credential, `https://${PREFIX_HOST}`, PREFIX_HOST), 'WebAuthnOriginNotAllowedException');
    await refused(signInWith(made.credential, `https://${CUSTOM}`, PREFIX_HOST), 'WebAuthnRelyingPartyMismatchException');

    // Setting the RP ID to the prefix domain explicitly keeps that passkey working.
    await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: { RelyingPartyId: PREFIX_HOST } }));
    assert.equal(
      (await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).WebAuthnConfiguration?.RelyingPartyId,
      PREFIX_HOST,
    );
    assert.equal((await start()).rp.id, PREFIX_HOST);
    assert.ok((await signInWith(made.credential, `https://${PREFIX_HOST}`)).accessToken);

    // Back to the default, with no domain left: no relying party, and sign-in no longer offers passkeys.
    await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: { UserVerification: 'preferred' } }));
    await idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: CUSTOM }));
    assert.equal((await start()).rp.id, PREFIX_HOST);
    await idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: PREFIX }));
    await refused(idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token })), 'WebAuthnConfigurationMissingException');
    const r = await idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: 'rita', PREFERRED_CHALLENGE: 'WEB_AUTHN' },
      }),
    );
    assert.equal(r.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(r.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
    assert.deepEqual((await idp.send(new GetUserAuthFactorsCommand({ AccessToken: token }))).ConfiguredUserAuthFactors, ['PASSWORD']);
  });
});
