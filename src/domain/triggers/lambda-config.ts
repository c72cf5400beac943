/**
 * LambdaConfig as CreateUserPool and UpdateUserPool store it: PreTokenGeneration and
 * PreTokenGenerationConfig kept in step, as Cognito reports them. (Triggers Cognate cannot honour are
 * refused by the unsupported-settings table.)
 */
import { InvalidParameterException } from '../../protocol/errors.ts';

/** Checks and normalises a request's LambdaConfig (undefined stays undefined). */
export function normalizeLambdaConfig(input: unknown): Record<string, unknown> | undefined {
  if (input === undefined || input === null) return undefined;
  const cfg = { ...(input as Record<string, unknown>) };
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
