/**
 * `cognate configure list [--profile NAME]`: the profile, the access and secret keys (masked to their last
 * four characters) and the region in use, with where each came from, in the AWS CLI's fixed-width table.
 * Credentials are found through the same provider chain as every call (botocore's `credentials.method`
 * is the Type column).
 */
import type { CustomCommand } from '../commands.ts';
import { findCredentials } from '../credentials.ts';
import { debug } from '../debug.ts';
import { Settings } from '../settings.ts';
import { parseCustomArgs } from './sso-args.ts';

const NOT_SET = '<not set>';

interface Row {
  value: string;
  type: string;
  location: string;
}

const unset: Row = { value: NOT_SET, type: 'None', location: 'None' };

/** Python's `'%10s %24s %16s    %s\n'`. */
function line(name: string, r: Row): string {
  return `${name.padStart(10)} ${r.value.padStart(24)} ${r.type.padStart(16)}    ${r.location}\n`;
}

const mask = (v: string) => `${'*'.repeat(16)}${v.slice(-4)}`;

function profileRow(settings: Settings): Row {
  if (settings.profileFromFlag) return { value: settings.profileName, type: 'manual', location: '--profile' };
  if (settings.profileExplicit) return { value: settings.profileName, type: 'env', location: "['AWS_DEFAULT_PROFILE', 'AWS_PROFILE']" };
  return unset;
}

/** The region from the environment or the profile; --region does not count here, as in the AWS CLI. */
function regionRow(settings: Settings): Row {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const v = settings.env[name];
    if (v) return { value: v, type: 'env', location: name };
  }
  const v = settings.profileValue('region');
  return v ? { value: v, type: 'config-file', location: settings.configPath } : unset;
}

export const command: CustomCommand = {
  summary: 'Lists the profile, access key, secret key and region in use, and where each comes from.',
  async run({ args, globals, env }) {
    parseCustomArgs(args, [], []);
    const settings = new Settings(globals, env);
    process.stdout.write(line('Name', { value: 'Value', type: 'Type', location: 'Location' }));
    process.stdout.write(line('----', { value: '-----', type: '----', location: '--------' }));
    process.stdout.write(line('profile', profileRow(settings)));
    settings.checkProfile();
    const found = await findCredentials({ settings, env, debug });
    const key = (v: string | undefined): Row => (found && v ? { value: mask(v), type: found.method, location: '' } : unset);
    process.stdout.write(line('access_key', key(found?.credentials.accessKeyId)));
    process.stdout.write(line('secret_key', key(found?.credentials.secretAccessKey)));
    process.stdout.write(line('region', regionRow(settings)));
    return 0;
  },
};
