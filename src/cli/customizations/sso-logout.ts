/**
 * `cognate sso logout`. Without arguments it is AWS CLI v2's customization (SPEC §3.6): Logout for every
 * cached token file that names a region (service errors ignored), delete the token files, then the SSO
 * role credentials in ~/.aws/cli/cache; it prints nothing. With `--access-token` (or other API options)
 * it is the plain API command of v1 (`POST /logout` with that token).
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../protocol/model.ts';
import type { CustomCommand } from '../commands.ts';
import { debug } from '../debug.ts';
import { ServiceError } from '../errors.ts';
import { runOperation } from '../operation-command.ts';
import { Settings } from '../settings.ts';
import { cliCacheDir, readJsonObject, ssoCacheDir } from '../sso/cache.ts';
import { callSso } from '../sso/client.ts';
import { parseCustomArgs } from './sso-args.ts';

// Any option of the Logout API (v1's command) selects it: its skeleton, input files and the token itself.
const API_OPTIONS = ['--access-token', '--cli-input-json', '--cli-input-yaml', '--generate-cli-skeleton'];

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Logout for each token file, then delete it (files without a region are deleted without a call). */
async function logoutTokens(settings: Settings): Promise<void> {
  const dir = ssoCacheDir(settings.env);
  for (const name of entries(dir)) {
    const path = join(dir, name);
    const file = readJsonObject(path);
    if (!file || !('accessToken' in file)) continue; // registrations, other JSON and garbage stay
    const region = file.region;
    if (typeof region === 'string' && region !== '') {
      try {
        await callSso(settings, 'sso', 'Logout', region, { accessToken: String(file.accessToken) }, 'sso.logout');
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err; // connection failures abort, as in v2 (exit 255)
        debug('awscli.customizations.sso.logout', `Logout failed, ignored: ${err.message}`);
      }
    }
    rmSync(path, { force: true });
  }
}

/** Deletes cached SSO role credentials; other cache entries (assume-role, …) stay. */
function removeSsoCredentials(env: NodeJS.ProcessEnv): void {
  const dir = cliCacheDir(env);
  for (const name of entries(dir)) {
    if (!name.endsWith('.json')) continue;
    const path = join(dir, name);
    if (readJsonObject(path)?.ProviderType === 'sso') rmSync(path, { force: true });
  }
}

export const command: CustomCommand = {
  summary: 'Removes the cached IAM Identity Center tokens and ends their sign-in sessions.',
  async run({ args, globals, env }) {
    if (args.some((a) => API_OPTIONS.includes(a.split('=')[0] as string)) || args[0] === 'help') {
      const model = loadModel('sso');
      return runOperation({ service: 'sso', cliName: 'logout', model, op: model.operations.Logout as never, args, globals, env });
    }
    parseCustomArgs(args, [], []);
    const settings = new Settings(globals, env);
    await logoutTokens(settings);
    removeSsoCredentials(env);
    return 0;
  },
};
