/**
 * The credential-provider chain (botocore's order: environment, [sso], shared credentials file,
 * credential_process, config file). Providers are pluggable: another module registers a provider
 * (SSO profiles do) with `registerCredentialProvider(provider, { before: 'shared-credentials-file' })`.
 * As in botocore, an explicit `--profile` skips the environment provider.
 */
import { childProcess } from './builtins.ts';
import type { Settings } from './settings.ts';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When temporary credentials stop working (informational). */
  expiration?: Date;
}

export interface CredentialContext {
  settings: Settings;
  env: NodeJS.ProcessEnv;
  /** Writes a --debug line. */
  debug(logger: string, message: string): void;
}

export interface CredentialProvider {
  /** botocore's method name, e.g. `env`, `sso`, `shared-credentials-file`. */
  name: string;
  /** Credentials, or undefined to let the next provider try. Throw for a broken configuration. */
  resolve(ctx: CredentialContext): Promise<Credentials | undefined>;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** botocore's PartialCredentialsError: an access key without its secret stops the chain. */
function partial(provider: string, missing: string): Error {
  return new Error(`Partial credentials found in ${provider}, missing: ${missing}`);
}

function fromSection(section: Record<string, unknown> | undefined, provider: string): Credentials | undefined {
  const id = str(section?.aws_access_key_id);
  const secret = str(section?.aws_secret_access_key);
  if (id && !secret) throw partial(provider, 'aws_secret_access_key');
  if (!id || !secret) return undefined;
  const token = str(section?.aws_session_token) ?? str(section?.aws_security_token);
  return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
}

const envProvider: CredentialProvider = {
  name: 'env',
  async resolve({ env, settings }) {
    if (settings.profileFromFlag) return undefined;
    const id = env.AWS_ACCESS_KEY_ID;
    const secret = env.AWS_SECRET_ACCESS_KEY;
    if (id && !secret) throw partial('env', 'AWS_SECRET_ACCESS_KEY');
    if (!id || !secret) return undefined;
    const token = env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN;
    return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
  },
};

const sharedCredentialsProvider: CredentialProvider = {
  name: 'shared-credentials-file',
  async resolve({ settings }) {
    return fromSection(settings.credentialsFile()[settings.profileName], 'shared-credentials-file');
  },
};

const processProvider: CredentialProvider = {
  name: 'custom-process',
  async resolve({ settings }) {
    const command = settings.profileValue('credential_process');
    if (!command) return undefined;
    const { spawnSync } = childProcess();
    const r = spawnSync(command, { shell: true, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`Error when retrieving credentials from custom-process: ${(r.stderr ?? '').trim()}`);
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(r.stdout) as Record<string, unknown>;
    } catch {
      throw new Error(`Error when retrieving credentials from custom-process: ${r.stdout}`);
    }
    if (data.Version !== 1) {
      throw new Error(
        `Error when retrieving credentials from custom-process: Unsupported version '${String(data.Version)}' for credential process provider, supported versions: 1`,
      );
    }
    const id = str(data.AccessKeyId);
    const secret = str(data.SecretAccessKey);
    if (!id || !secret) throw new Error('Error when retrieving credentials from custom-process: Invalid response from credential process');
    const token = str(data.SessionToken);
    const exp = str(data.Expiration);
    return {
      accessKeyId: id,
      secretAccessKey: secret,
      ...(token ? { sessionToken: token } : {}),
      ...(exp ? { expiration: new Date(exp) } : {}),
    };
  },
};

const configFileProvider: CredentialProvider = {
  name: 'config-file',
  async resolve({ settings }) {
    return fromSection(settings.profile(), 'config-file');
  },
};

const chain: CredentialProvider[] = [envProvider, sharedCredentialsProvider, processProvider, configFileProvider];

/** Adds a provider to the chain, before the named one (or last). Replaces a provider of the same name. */
export function registerCredentialProvider(provider: CredentialProvider, where: { before?: string } = {}): void {
  const existing = chain.findIndex((p) => p.name === provider.name);
  if (existing >= 0) chain.splice(existing, 1);
  const at = where.before ? chain.findIndex((p) => p.name === where.before) : -1;
  if (at >= 0) chain.splice(at, 0, provider);
  else chain.push(provider);
}

/** The provider names in order (for --debug and tests). */
export function credentialProviderNames(): string[] {
  return chain.map((p) => p.name);
}

/** Walks the chain; undefined when no provider has credentials. */
export async function resolveCredentials(ctx: CredentialContext): Promise<Credentials | undefined> {
  return (await findCredentials(ctx))?.credentials;
}

/** Walks the chain and also says which provider answered (botocore's `credentials.method`). */
export async function findCredentials(ctx: CredentialContext): Promise<{ credentials: Credentials; method: string } | undefined> {
  for (const p of chain) {
    ctx.debug('botocore.credentials', `Looking for credentials via: ${p.name}`);
    const c = await p.resolve(ctx);
    if (c) {
      ctx.debug('botocore.credentials', `Found credentials via: ${p.name}`);
      return { credentials: c, method: p.name };
    }
  }
  return undefined;
}
