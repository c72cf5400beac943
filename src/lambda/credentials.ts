/**
 * Credentials for invoking Lambda, from the standard chain as the AWS SDKs read it, kept small:
 * environment variables (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN), then the shared
 * credentials file, then the config file, for the profile AWS_PROFILE names (default `default`).
 * Resolved on first use and cached for a minute so a rotated file is picked up without a restart.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { configProfiles, type IniSection, parseIni } from '../cli/ini.ts';

export interface LambdaCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const CACHE_MS = 60_000;

function fromSection(s: IniSection | undefined): LambdaCredentials | undefined {
  const id = s?.aws_access_key_id;
  const secret = s?.aws_secret_access_key;
  if (typeof id !== 'string' || typeof secret !== 'string' || !id || !secret) return undefined;
  const token = s?.aws_session_token;
  return { accessKeyId: id, secretAccessKey: secret, ...(typeof token === 'string' && token ? { sessionToken: token } : {}) };
}

function readIni(path: string): Record<string, IniSection> {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch {
    return {}; // a missing file is simply not a source
  }
}

/** Walks the chain once. */
export function resolveLambdaCredentials(env: NodeJS.ProcessEnv = process.env): LambdaCredentials | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const token = env.AWS_SESSION_TOKEN;
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(token ? { sessionToken: token } : {}) };
  }
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  const home = env.HOME || homedir();
  const shared = readIni(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'));
  const fromShared = fromSection(shared[profile]);
  if (fromShared) return fromShared;
  const config = configProfiles(readIni(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')));
  return fromSection(config[profile]);
}

/** A cached view of the chain. */
export class CredentialCache {
  private value: LambdaCredentials | undefined;
  private at = Number.NEGATIVE_INFINITY;
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}
  get(): LambdaCredentials | undefined {
    const now = Date.now();
    if (now - this.at > CACHE_MS) {
      this.value = resolveLambdaCredentials(this.env);
      this.at = now;
    }
    return this.value;
  }
}
