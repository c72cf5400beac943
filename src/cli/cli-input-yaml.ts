/**
 * --cli-input-yaml (AWS CLI v2): the operation's parameters as a YAML mapping, inline or `file://`; like
 * --cli-input-json, its keys fill in only what the command line did not give. The YAML reader is loaded
 * only when the option is used.
 */
import { ParamValidationError } from './errors.ts';
import { readParamFile } from './param-file.ts';
import { pyType } from './py-json.ts';

/** Both --cli-input-json and --cli-input-yaml: v2 refuses before reading either. */
export function checkOneCliInput(values: Map<string, unknown>): void {
  if (values.has('cli-input-json') && values.has('cli-input-yaml')) {
    throw new ParamValidationError('Only one --cli-input- parameter may be specified.');
  }
}

/** Reads --cli-input-yaml and fills in what the command line did not give. */
export async function mergeCliInputYaml(params: Record<string, unknown>, raw: string | undefined): Promise<Record<string, unknown>> {
  if (raw === undefined) return params;
  let text = raw;
  try {
    const f = readParamFile(raw);
    if (f !== undefined) text = f.toString();
  } catch (err) {
    throw new ParamValidationError(`Error parsing parameter '--cli-input-yaml': ${(err as Error).message}`);
  }
  // The bundle sees yaml's CommonJS build: its exports may sit under `default`.
  const mod = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
  const parse = mod.parse ?? mod.default?.parse;
  let data: unknown;
  try {
    data = parse(text, { version: '1.2', schema: 'core' });
  } catch (err) {
    if (!(err instanceof Error) || err.name !== 'YAMLParseError') throw err;
    throw new ParamValidationError("Error parsing parameter 'cli-input-yaml': Invalid YAML received.");
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ParamValidationError(`Error parsing parameter '--cli-input-yaml': Invalid type: expecting map, received ${pyType(data)}`);
  }
  const merged: Record<string, unknown> = { ...params };
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) if (!(k in merged)) merged[k] = v;
  return merged;
}
