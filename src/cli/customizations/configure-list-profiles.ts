/** `cognate configure list-profiles`: the profiles of the config file, then those only the credentials file has. */
import type { CustomCommand } from '../commands.ts';
import { Settings } from '../settings.ts';
import { parseCustomArgs } from './sso-args.ts';

export const command: CustomCommand = {
  summary: 'Lists the profiles of the config and credentials files.',
  async run({ args, globals, env }) {
    parseCustomArgs(args, [], []);
    const names = Object.keys(new Settings(globals, env).allProfiles());
    process.stdout.write(names.map((n) => `${n}\n`).join(''));
    return 0;
  },
};
