/**
 * Registers the CLI's customizations (hand-written commands such as `sso login`/`sso logout`) with
 * lazy loaders, and the SSO credential provider (loaded only for profiles that use SSO).
 * Imported once by the driver; keep it to registrations so start-up stays cheap.
 */
import { registerCustomCommand } from '../commands.ts';
import { registerCredentialProvider } from '../credentials.ts';

registerCustomCommand('sso', 'login', () => import('./sso-login.ts').then((m) => m.command));
registerCustomCommand('sso', 'logout', () => import('./sso-logout.ts').then((m) => m.command));
registerCustomCommand('configure', 'sso', () => import('./configure-sso.ts').then((m) => m.command));
registerCustomCommand('configure', 'list', () => import('./configure-list.ts').then((m) => m.command));
registerCustomCommand('configure', 'set', () => import('./configure-set.ts').then((m) => m.command));
registerCustomCommand('configure', 'get', () => import('./configure-get.ts').then((m) => m.command));
registerCustomCommand('configure', 'list-profiles', () => import('./configure-list-profiles.ts').then((m) => m.command));
registerCustomCommand('configure', 'export-credentials', () => import('./configure-export-credentials.ts').then((m) => m.command));

registerCredentialProvider(
  {
    name: 'sso',
    async resolve(ctx) {
      const p = ctx.settings.profile();
      if (p.sso_role_name === undefined && p.sso_account_id === undefined) return undefined;
      const { resolveSsoCredentials } = await import('../sso/credential-provider.ts');
      return resolveSsoCredentials(ctx);
    },
  },
  { before: 'shared-credentials-file' },
);
