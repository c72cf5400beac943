/**
 * An app client's ReadAttributes and WriteAttributes must name attributes of the pool's schema (developer-only
 * ones excepted: no app client reads or writes those), as Cognito checks on CreateUserPoolClient and
 * UpdateUserPoolClient.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { PoolRecord } from '../../domain/types.ts';

export function assertClientAttributes(pool: PoolRecord, config: Record<string, unknown>, verb: 'creating' | 'updating'): void {
  const names = new Set(
    ((pool.config.SchemaAttributes as Record<string, unknown>[] | undefined) ?? [])
      .map((s) => String(s.Name))
      .filter((n) => !n.startsWith('dev:')),
  );
  for (const [member, word] of [
    ['ReadAttributes', 'read'],
    ['WriteAttributes', 'write'],
  ] as const) {
    const list = config[member] as string[] | undefined;
    if (list?.some((n) => !names.has(n))) {
      throw new InvalidParameterException(`Invalid ${word} attributes specified while ${verb} a client`);
    }
  }
}
