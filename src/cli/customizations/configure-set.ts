/**
 * `cognate configure set VARNAME VALUE [--profile NAME]`, as AWS CLI v2's: `key` goes to the profile in
 * effect (`--profile`, AWS_PROFILE, else `default`), `default.key` and `profile.NAME.key` name the
 * profile, `plugins.key` the `[plugins]` section. The three credential keys go to the credentials file
 * (section `NAME`), everything else to the config file (`[default]` / `[profile NAME]`); both are written
 * through the ConfigFileWriter port (other lines kept, new files 0600). Nested values (`s3.x`,
 * `profile.NAME.s3.x`) are refused by name rather than written wrongly.
 */
import type { CustomCommand } from '../commands.ts';
import { profileSection, updateConfig } from '../config-writer.ts';
import { ParamValidationError } from '../errors.ts';
import { Settings } from '../settings.ts';
import { parsePositionalArgs } from './sso-args.ts';

const CREDENTIAL_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];

/** awscli's PREDEFINED_SECTION_NAMES is the string 'plugins', so its `in` tests are substring tests. */
export const isPredefinedSection = (name: string) => 'plugins'.includes(name);

function nestedRefused(varname: string): ParamValidationError {
  return new ParamValidationError(`configure set: nested values such as '${varname}' are not supported by cognate`);
}

/** The profile (or predefined section) and key that `varname` names. */
function target(varname: string, settings: Settings): { profile: string; key: string } {
  const current = settings.profileExplicit ? settings.profileName : 'default';
  if (!varname.includes('.')) return { profile: current, key: varname };
  const parts = varname.split('.');
  if (parts[0] === 'default' || parts[0] === 'profile') {
    const profile = parts[0] === 'default' ? 'default' : (parts[1] as string);
    const remaining = parts.slice(parts[0] === 'default' ? 1 : 2);
    if (remaining.length === 0 || remaining.length === 2) throw nestedRefused(varname);
    return { profile, key: remaining[0] as string };
  }
  if (!isPredefinedSection(parts[0] as string)) {
    if (parts.length === 2) throw nestedRefused(varname);
    return { profile: current, key: parts[0] as string };
  }
  if (parts.length === 2) return { profile: parts[0] as string, key: parts[1] as string };
  return { profile: 'default', key: varname };
}

export const command: CustomCommand = {
  summary: 'Sets a value in the config file, or a key in the credentials file.',
  async run({ args, globals, env }) {
    const { positional } = parsePositionalArgs(args, ['varname', 'value']);
    const [varname, value] = positional as [string, string];
    const settings = new Settings(globals, env);
    const { profile, key } = target(varname, settings);
    if (CREDENTIAL_KEYS.includes(key)) updateConfig(settings.credentialsPath, profile, { [key]: value });
    else {
      const section = isPredefinedSection(profile) || profile === 'default' ? profile : profileSection(profile);
      updateConfig(settings.configPath, section, { [key]: value });
    }
    return 0;
  },
};
