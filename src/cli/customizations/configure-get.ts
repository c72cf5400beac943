/**
 * `cognate configure get VARNAME [--profile NAME]`, as AWS CLI v2's: prints the value from the merged
 * config and credentials files (no environment variables), or exits 1 printing nothing. `key` reads the
 * profile in effect (an unknown explicit profile is exit 255), `default.key` / `profile.NAME.key` /
 * `NAME.key` (a known profile) name one, `key.sub` reads a nested value, `plugins.key` a
 * profile named `plugins` (v2 never reads the `[plugins]` section here).
 */
import type { CustomCommand } from '../commands.ts';
import type { IniValue } from '../ini.ts';
import { Settings } from '../settings.ts';
import { isPredefinedSection } from './configure-set.ts';
import { parsePositionalArgs } from './sso-args.ts';

function dotted(varname: string, settings: Settings): IniValue | undefined {
  const parts = varname.split('.');
  const profiles = settings.allProfiles();
  if (parts.length === 2 && isPredefinedSection(parts[0] as string)) {
    const [section, name] = parts as [string, string];
    // botocore's full_config keeps only profiles (and sso-session/services) sections, so a `[plugins]`
    // section is never found here; a profile of that name is.
    return profiles[section]?.[name];
  }
  let profile: string;
  let rest: string[];
  if (parts[0] === 'profile') {
    profile = parts[1] as string;
    rest = parts.slice(2);
  } else if (parts[0] === 'default' || Object.hasOwn(profiles, parts[0] as string)) {
    profile = parts[0] as string;
    rest = parts.slice(1);
  } else {
    profile = settings.profileExplicit ? settings.profileName : 'default';
    rest = parts;
  }
  const value = profiles[profile]?.[rest[0] as string];
  if (rest.length !== 2) return value;
  return typeof value === 'object' ? value[rest[1] as string] : undefined;
}

export const command: CustomCommand = {
  summary: 'Prints a value from the config and credentials files.',
  async run({ args, globals, env }) {
    const [varname] = parsePositionalArgs(args, ['varname']).positional as [string];
    const settings = new Settings(globals, env);
    let value: IniValue | undefined;
    if (varname.includes('.')) value = dotted(varname, settings);
    else {
      settings.checkProfile();
      value = settings.allProfiles()[settings.profileName]?.[varname];
    }
    if (typeof value === 'string') {
      process.stdout.write(`${value}\n`);
      return 0;
    }
    if (value !== undefined) process.stderr.write(`varname (${varname}) must reference a value, not a section or sub-section.`);
    return 1;
  },
};
