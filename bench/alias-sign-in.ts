/**
 * Sign-in by e-mail (USER_PASSWORD_AUTH) in a pool with UsernameAttributes [email], at N users.
 * One user is created through the API; the others are clones of its record (same password, their own
 * user name, sub and e-mail) written through the store, so that seeding does not hash N passwords.
 *
 *   node --import tsx bench/alias-sign-in.ts [users=20000] [signIns=200]
 */
import { randomUUID } from 'node:crypto';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, PASSWORD } from '../test/helpers/fixtures.ts';
import { idpClient, startTestServer } from '../test/helpers/server.ts';

const users = Number(process.argv[2] ?? 20_000);
const signIns = Number(process.argv[3] ?? 200);

const server = await startTestServer();
try {
  const idp = idpClient(server);
  const poolId = await createPool(idp, 'bench', { UsernameAttributes: ['email'] });
  const { ClientId } = await createClient(idp, poolId);
  await idp.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: 'user0@example.com',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    }),
  );
  await idp.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'user0@example.com', Password: PASSWORD, Permanent: true }),
  );
  const store = server.app.store;
  const template = (await store.users.list(poolId, 1)).items[0];
  if (!template) throw new Error('no template user');
  const t0 = performance.now();
  for (let i = 1; i < users; i++) {
    const sub = randomUUID();
    const attributes = template.attributes.map((a) => (a.Name === 'email' ? { Name: 'email', Value: `user${i}@example.com` } : a));
    const ok = await store.users.insert({ ...structuredClone(template), username: sub, usernameKey: sub, sub, attributes });
    if (!ok) throw new Error('insert failed');
  }
  const seedMs = performance.now() - t0;
  const picks = Array.from({ length: signIns }, (_, i) => `USER${(i * 7919) % users}@Example.com`);
  for (const u of picks.slice(0, 5)) await signInOnce(u); // warm-up
  const t1 = performance.now();
  for (const u of picks) await signInOnce(u);
  const ms = (performance.now() - t1) / signIns;
  console.log(JSON.stringify({ users, signIns, seedSeconds: +(seedMs / 1000).toFixed(1), msPerSignIn: +ms.toFixed(2) }));

  async function signInOnce(email: string) {
    const r = await idp.send(
      new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }),
    );
    if (!r.AuthenticationResult?.AccessToken) throw new Error(`no tokens for ${email}`);
  }
} finally {
  await server.stop();
}
