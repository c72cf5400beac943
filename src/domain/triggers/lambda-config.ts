/**
 * LambdaConfig as CreateUserPool and UpdateUserPool accept it: the triggers Cognate invokes are stored
 * (PreTokenGeneration and PreTokenGenerationConfig kept in step, as Cognito reports them); the
 * KMS-encrypted custom sender triggers, which Cognate cannot honour, are refused by name.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';

const REFUSED = ['CustomSMSSender', 'CustomEmailSender', 'KMSKeyID'];

/** Checks and normalises a request's LambdaConfig (undefined stays undefined). */
export function normalizeLambdaConfig(input: unknown): Record<string, unknown> | undefined {
  if (input === undefined || input === null) return undefined;
  const cfg = { ...(input as Record<string, unknown>) };
  for (const name of REFUSED) {
    if (cfg[name] !== undefined) {
      throw new InvalidParameterException(
        `LambdaConfig.${name} is not supported by Cognate: the KMS-encrypted custom sender triggers cannot be honoured. Remove it.`,
      );
    }
  }
  const ptg = cfg.PreTokenGenerationConfig as { LambdaArn?: string; LambdaVersion?: string } | undefined;
  if (ptg) {
    if (typeof cfg.PreTokenGeneration === 'string' && cfg.PreTokenGeneration !== ptg.LambdaArn) {
      throw new InvalidParameterException('PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must name the same function.');
    }
    cfg.PreTokenGeneration = ptg.LambdaArn;
  } else if (typeof cfg.PreTokenGeneration === 'string') {
    cfg.PreTokenGenerationConfig = { LambdaArn: cfg.PreTokenGeneration, LambdaVersion: 'V1_0' };
  }
  return cfg;
}
