/**
 * The seed file's `userPools` section: pools, clients and users created through the same code (and the
 * same model validation) as CreateUserPool, CreateUserPoolClient, AdminCreateUser and
 * AdminSetUserPassword. Pools are matched by `Id` (if given) or `PoolName`, clients by `ClientId` or
 * `ClientName`, users by `Username`; what exists is left alone, so a restart changes nothing.
 */
import type { App } from '../domain/app.ts';
import type { ClientRecord, PoolRecord } from '../domain/types.ts';
import { defaultPoolConfig } from '../domain/user-pools.ts';
import { findUser } from '../domain/users.ts';
import { ServiceError } from '../protocol/errors.ts';
import { loadModel } from '../protocol/model.ts';
import { validateInput } from '../protocol/validate.ts';
import type { RequestContext } from '../server/context.ts';
import { SeedError } from './seed-error.ts';
import { adminCreateUser } from '../services/cognito-idp/admin-create-user.ts';
import { adminSetUserPassword } from '../services/cognito-idp/admin-set-user-password.ts';
import { clientConfigFrom } from '../services/cognito-idp/client-shape.ts';
import { createUserPool } from '../services/cognito-idp/create-user-pool.ts';
import { createUserPoolClient } from '../services/cognito-idp/create-user-pool-client.ts';

type Obj = Record<string, unknown>;

/** A seed entry the user-pool operations refuse; a SeedError so `cognate serve` reports it in one line. */
class SeedPoolError extends SeedError {}

function validated(op: string, input: Obj, where: string): Obj {
  const model = loadModel('cognito-idp');
  try {
    validateInput(model, model.operations[op]?.input, input);
  } catch (e) {
    throw new SeedPoolError(`${where}: ${(e as Error).message}`);
  }
  return input;
}

async function allPools(app: App): Promise<PoolRecord[]> {
  const out: PoolRecord[] = [];
  let after: string | undefined;
  do {
    const p = await app.store.pools.list(60, after);
    out.push(...p.items);
    after = p.next;
  } while (after);
  return out;
}

async function allClients(app: App, poolId: string): Promise<ClientRecord[]> {
  const out: ClientRecord[] = [];
  let after: string | undefined;
  do {
    const p = await app.store.clients.list(poolId, 60, after);
    out.push(...p.items);
    after = p.next;
  } while (after);
  return out;
}

async function ensurePool(app: App, ctx: RequestContext, spec: Obj, where: string): Promise<string> {
  const { Id, Clients, Users, ...input } = spec;
  validated('CreateUserPool', input, where);
  const pools = await allPools(app);
  const found = typeof Id === 'string' ? pools.find((p) => p.id === Id) : pools.find((p) => p.name === input.PoolName);
  if (found) return found.id;
  if (typeof Id === 'string') {
    // A fixed id (so application configs can name it): the same records CreateUserPool writes.
    if (!new RegExp(`^${app.config.region}_[0-9a-zA-Z]{1,20}$`).test(Id))
      throw new SeedPoolError(`${where}.Id must look like ${app.config.region}_AbC123`);
    const now = app.now();
    await app.keys.createKeys(Id, ['access', 'id'], now);
    await app.store.pools.insert({
      id: Id,
      name: input.PoolName as string,
      createdAt: now,
      lastModifiedAt: now,
      config: defaultPoolConfig(input),
    });
    return Id;
  }
  const out = (await createUserPool(input, ctx)) as { UserPool: { Id: string } };
  return out.UserPool.Id;
}

async function ensureClient(app: App, ctx: RequestContext, poolId: string, spec: Obj, where: string): Promise<void> {
  const { ClientId, ...input } = spec;
  validated('CreateUserPoolClient', { ...input, UserPoolId: poolId }, where);
  const clients = await allClients(app, poolId);
  if (clients.some((c) => (typeof ClientId === 'string' ? c.id === ClientId : c.name === input.ClientName))) return;
  if (typeof ClientId === 'string') {
    if (!/^[\w+]{1,128}$/.test(ClientId)) throw new SeedPoolError(`${where}.ClientId has characters a client id cannot have`);
    const now = app.now();
    const secret = typeof input.ClientSecret === 'string' ? input.ClientSecret : undefined;
    await app.store.clients.insert({
      id: ClientId,
      poolId,
      name: input.ClientName as string,
      createdAt: now,
      lastModifiedAt: now,
      config: clientConfigFrom(input),
      ...(secret ? { secretSealed: app.sealer.seal(secret) } : {}),
    });
    return;
  }
  await createUserPoolClient({ ...input, UserPoolId: poolId }, ctx);
}

async function ensureUser(app: App, ctx: RequestContext, poolId: string, spec: Obj, where: string): Promise<void> {
  const { Password, Permanent, ...rest } = spec;
  const pool = await app.store.pools.get(poolId);
  if (!pool || (await findUser(app, pool, String(rest.Username)))) return;
  const input = validated('AdminCreateUser', { ...rest, UserPoolId: poolId, MessageAction: 'SUPPRESS' }, where);
  if (typeof Password === 'string') input.TemporaryPassword = Password;
  await adminCreateUser(input, ctx);
  if (typeof Password === 'string' && Permanent !== false) {
    await adminSetUserPassword({ UserPoolId: poolId, Username: String(rest.Username), Password, Permanent: true }, ctx);
  }
}

/** Checks every entry against the cognito-idp model without touching the store (run before listening). */
export function checkUserPools(pools: Obj[]): void {
  for (const [i, spec] of pools.entries()) {
    const { Id, Clients, Users, ...input } = spec;
    validated('CreateUserPool', input, `userPools[${i}]`);
    if (Clients !== undefined && !Array.isArray(Clients)) throw new SeedPoolError(`userPools[${i}].Clients must be a list`);
    if (Users !== undefined && !Array.isArray(Users)) throw new SeedPoolError(`userPools[${i}].Users must be a list`);
    for (const [j, c] of ((Clients as Obj[] | undefined) ?? []).entries()) {
      const { ClientId, ...ci } = c;
      validated('CreateUserPoolClient', { ...ci, UserPoolId: 'us-east-1_check' }, `userPools[${i}].Clients[${j}]`);
    }
    for (const [j, u] of ((Users as Obj[] | undefined) ?? []).entries()) {
      const { Password, Permanent, ...ui } = u;
      validated('AdminCreateUser', { ...ui, UserPoolId: 'us-east-1_check' }, `userPools[${i}].Users[${j}]`);
    }
  }
}

/** Creates what the `userPools` section names and does not exist yet. */
export async function seedUserPools(app: App, pools: Obj[]): Promise<void> {
  const ctx: RequestContext = { app, requestId: 'seed', headers: {}, sourceIp: '' };
  for (const [i, spec] of pools.entries()) {
    const where = `userPools[${i}]`;
    try {
      const poolId = await ensurePool(app, ctx, spec, where);
      for (const [j, c] of ((spec.Clients as Obj[] | undefined) ?? []).entries())
        await ensureClient(app, ctx, poolId, c, `${where}.Clients[${j}]`);
      for (const [j, u] of ((spec.Users as Obj[] | undefined) ?? []).entries())
        await ensureUser(app, ctx, poolId, u, `${where}.Users[${j}]`);
      app.log(`seed: user pool ${poolId} (${String(spec.PoolName)})`);
    } catch (e) {
      if (e instanceof ServiceError) throw new SeedPoolError(`${where}: ${e.code}: ${e.message}`);
      throw e;
    }
  }
}
