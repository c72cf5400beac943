/**
 * Settings Cognate accepts on the wire but cannot honour yet. Rather than store a setting and silently
 * ignore it, CreateUserPool / UpdateUserPool / CreateUserPoolClient / UpdateUserPoolClient (and seeded
 * pools and clients) refuse a request that uses one, with an InvalidParameterException naming it.
 *
 * One row per setting. When a feature lands, delete its row, its case in
 * test/integration/pool-settings.test.ts and its status in docs/user-pool-settings.md: nothing else refers
 * to the rows. `owner` says which piece of work lifts the refusal.
 */
import { InvalidParameterException } from '../protocol/errors.ts';

type Input = Record<string, unknown>;

export interface UnsupportedSetting {
  /** Which requests the row applies to. */
  kind: 'pool' | 'client';
  /** The request member as the refusal names it (a path for nested members). */
  member: string;
  /** Who lifts the refusal. */
  owner: 'mfa' | 'triggers' | 'threat-protection' | 'analytics' | 'directory' | 'managed-login';
  /** What the request asked for that cannot be honoured, or undefined when it asks for nothing unsupported. */
  uses(input: Input): string | undefined;
}

const obj = (v: unknown): Input => (v !== null && typeof v === 'object' ? (v as Input) : {});
const at = (input: Input, ...path: string[]): unknown => path.reduce<unknown>((v, k) => obj(v)[k], input);
const present = (v: unknown): boolean => v !== undefined && v !== null;

export const UNSUPPORTED_SETTINGS: readonly UnsupportedSetting[] = [
  // ---- user pools ----
  {
    // The KMS-encrypted custom sender triggers: Cognate does not encrypt codes for a sender function.
    kind: 'pool',
    member: 'LambdaConfig.CustomSMSSender/CustomEmailSender/KMSKeyID',
    owner: 'triggers',
    uses: (i) => {
      const keys = ['CustomSMSSender', 'CustomEmailSender', 'KMSKeyID'].filter((k) => present(obj(i.LambdaConfig)[k]));
      return keys.length > 0 ? keys.join(', ') : undefined;
    },
  },
  {
    kind: 'pool',
    member: 'UserPoolAddOns.AdvancedSecurityMode',
    owner: 'threat-protection',
    uses: (i) => {
      const m = at(i, 'UserPoolAddOns', 'AdvancedSecurityMode');
      const flows = at(i, 'UserPoolAddOns', 'AdvancedSecurityAdditionalFlows', 'CustomAuthMode');
      if (present(m) && m !== 'OFF') return `AdvancedSecurityMode=${String(m)}`;
      return present(flows) ? 'AdvancedSecurityAdditionalFlows' : undefined;
    },
  },
  {
    kind: 'pool',
    member: 'Policies.PasswordPolicy.PasswordHistorySize',
    owner: 'directory',
    uses: (i) => {
      const n = at(i, 'Policies', 'PasswordPolicy', 'PasswordHistorySize');
      return typeof n === 'number' && n > 0 ? `PasswordHistorySize=${n}` : undefined;
    },
  },
  {
    kind: 'pool',
    member: 'VerificationMessageTemplate.DefaultEmailOption',
    owner: 'managed-login',
    uses: (i) =>
      at(i, 'VerificationMessageTemplate', 'DefaultEmailOption') === 'CONFIRM_WITH_LINK'
        ? 'DefaultEmailOption=CONFIRM_WITH_LINK'
        : undefined,
  },
  // ---- app clients ----
  {
    kind: 'client',
    member: 'AnalyticsConfiguration',
    owner: 'analytics',
    uses: (i) => (present(i.AnalyticsConfiguration) ? 'AnalyticsConfiguration' : undefined),
  },
  {
    kind: 'client',
    member: 'EnablePropagateAdditionalUserContextData',
    owner: 'threat-protection',
    uses: (i) => (i.EnablePropagateAdditionalUserContextData === true ? 'EnablePropagateAdditionalUserContextData=true' : undefined),
  },
  {
    kind: 'client',
    member: 'RefreshTokenRotation.RetryGracePeriodSeconds',
    owner: 'directory',
    uses: (i) => {
      const s = at(i, 'RefreshTokenRotation', 'RetryGracePeriodSeconds');
      return typeof s === 'number' && s > 0 ? `RetryGracePeriodSeconds=${s}` : undefined;
    },
  },
];

/** Refuses a pool or client request that uses a setting of the table, naming the first one it uses. */
export function assertSupportedSettings(kind: UnsupportedSetting['kind'], input: Input): void {
  for (const s of UNSUPPORTED_SETTINGS) {
    if (s.kind !== kind) continue;
    const used = s.uses(input);
    if (used !== undefined) {
      throw new InvalidParameterException(`${s.member} is not supported by Cognate yet (${used}); leave it out or use its default.`);
    }
  }
}
