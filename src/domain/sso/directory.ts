/** The Identity Center directory: password checks, assignments, role ARNs and role credentials. */
import { createHash } from 'node:crypto';
import type { App } from '../app.ts';
import { checkPassword, makeVerifier } from '../passwords.ts';
import { issueTemporaryCredentials, type IssuedCredentials } from '../temporary-keys.ts';
import type { PasswordVerifier } from '../types.ts';
import type { PermissionSet, SsoUser } from './types.ts';

/**
 * Directory passwords reuse the user-pool SRP verifier derivation under this pseudo pool id, so no
 * plaintext and no second password scheme exists (see the README's security notes).
 */
export const DIRECTORY_POOL_ID = 'sso_directory';

export function directoryVerifier(userName: string, password: string): PasswordVerifier {
  return makeVerifier(DIRECTORY_POOL_ID, userName.toLowerCase(), password);
}

export function directoryPasswordMatches(v: PasswordVerifier, password: string): boolean {
  return checkPassword(DIRECTORY_POOL_ID, v, password);
}

// Checked against when the user name is unknown, so both answers take the same time.
let decoy: PasswordVerifier | undefined;

/** The user when the name and password match; undefined otherwise (which one was wrong is not told). */
export async function authenticateDirectoryUser(app: App, userName: string, password: string): Promise<SsoUser | undefined> {
  if (!userName || !password || userName.length > 128 || password.length > 256) return undefined;
  const user = await app.store.sso.userByName(userName);
  if (!user) {
    decoy ??= directoryVerifier('decoy', 'decoy-password');
    directoryPasswordMatches(decoy, password);
    return undefined;
  }
  return directoryPasswordMatches(user.password, password) ? user : undefined;
}

/** The permission set the user may use in an account under that role name, if assigned. */
export async function assignedRole(app: App, userId: string, accountId: string, roleName: string): Promise<PermissionSet | undefined> {
  let after: string | undefined;
  do {
    const page = await app.store.sso.rolesOf(userId, accountId, 100, after);
    const hit = page.items.find((p) => p.name === roleName);
    if (hit) return hit;
    after = page.next;
  } while (after);
  return undefined;
}

/** `arn:aws:sts::<acct>:assumed-role/AWSReservedSSO_<ps>_<16 hex>/<user>`, the shape Identity Center uses. */
export function ssoRoleArn(accountId: string, permissionSet: string, userName: string): string {
  const hash = createHash('sha256').update(`${accountId}/${permissionSet}`).digest('hex').slice(0, 16);
  return `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${permissionSet}_${hash}/${userName}`;
}

/**
 * Mints role credentials for an assignment. They are ordinary temporary keys: they outlive the sign-in
 * session (Logout does not revoke them) and stop at now + the permission set's session duration.
 */
export async function mintRoleCredentials(app: App, user: SsoUser, accountId: string, ps: PermissionSet): Promise<IssuedCredentials> {
  return issueTemporaryCredentials(
    app,
    { kind: 'sso-role', arn: ssoRoleArn(accountId, ps.name, user.userName), admin: ps.adminAccess, accountId },
    ps.sessionDuration * 1000,
  );
}
