/**
 * Turns the raw option values into API parameters (awscli argprocess): `file://`/`fileb://`
 * contents, shorthand for structures, maps and lists of structures, JSON for values that start with
 * `{` or `[`, numbers through Python's int()/float(), then --cli-input-json underneath (command-line
 * values win).
 */
import type { ServiceModel, Shape } from '../protocol/model.ts';
import type { ArgTable } from './args.ts';
import { GeneralError, ParamValidationError } from './errors.ts';
import { ParamFileError, readParamFile } from './param-file.ts';
import { PyJsonError, pyJsonLoads } from './py-json.ts';
import { coerceShorthand, parseShorthand, pyFloat, pyInt, ShorthandError } from './shorthand.ts';

const COMPLEX = new Set(['structure', 'list', 'map']);

class ParamError extends ParamValidationError {
  constructor(cliName: string, message: string) {
    super(`Error parsing parameter '${cliName}': ${message}`);
  }
}

function supportsShorthand(model: ServiceModel, shape: Shape): boolean {
  if (shape.document) return false;
  if (!COMPLEX.has(shape.type)) return false;
  if (shape.type === 'list') return COMPLEX.has(model.shapes[shape.member?.shape ?? '']?.type ?? '');
  return true;
}

function loadJson(cliName: string, value: string): unknown {
  try {
    return pyJsonLoads(value);
  } catch (err) {
    if (err instanceof PyJsonError) throw new ParamError(cliName, `Invalid JSON: ${err.message}\nJSON received: ${value}`);
    throw err;
  }
}

function unpackScalar(shape: Shape, value: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
      return pyInt(value);
    case 'double':
    case 'float':
      return pyFloat(value);
    case 'boolean':
      return value.toLowerCase() !== 'false' && value !== '';
    default:
      return value;
  }
}

function unpackValue(model: ServiceModel, shape: Shape, value: string | string[], cliName: string, jsonValue: boolean): unknown {
  if (jsonValue || shape.document) return loadJson(cliName, Array.isArray(value) ? (value[0] ?? '') : value);
  if (!COMPLEX.has(shape.type)) return unpackScalar(shape, Array.isArray(value) ? (value[0] ?? '') : value);
  const first = (Array.isArray(value) ? (value[0] ?? '') : value).trim();
  const looksJson = first.startsWith('{') || first.startsWith('[');
  if (!looksJson && supportsShorthand(model, shape)) {
    try {
      if (Array.isArray(value)) {
        // A structure given as one value whose only member is a string `Value` accepts the bare string.
        return coerceShorthand(
          model,
          shape,
          value.map((v) => parseShorthand(v)),
        );
      }
      if (shape.type === 'structure' && Object.keys(shape.members ?? {}).length === 1 && shape.members?.Value && !value.includes('=')) {
        return { Value: value };
      }
      return coerceShorthand(model, shape, parseShorthand(value));
    } catch (err) {
      if (err instanceof ShorthandError || err instanceof ParamFileError) throw new ParamError(cliName, err.message);
      throw err;
    }
  }
  if (shape.type === 'structure' || shape.type === 'map') {
    const v = Array.isArray(value) ? (value[0] ?? '') : value;
    if (v.trimStart().startsWith('{')) return loadJson(cliName, v);
    throw new ParamError(cliName, `Invalid JSON:\n${v}`);
  }
  // A list: one JSON array, or one element per value.
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 1 && first.startsWith('[')) return loadJson(cliName, items[0] as string);
  const member = model.shapes[shape.member?.shape ?? ''] as Shape;
  return items.map((v) => unpackValue(model, member, v, cliName, false));
}

/** Builds the parameters from the parsed options (without --cli-input-json). */
export function unpackParams(
  model: ServiceModel,
  table: ArgTable,
  values: Map<string, string | string[] | boolean>,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const arg of table.members) {
    const raw = values.get(arg.name);
    if (raw === undefined || !arg.member || !arg.shape) continue;
    const cliName = `--${arg.name}`;
    if (typeof raw === 'boolean') {
      params[arg.member] = raw;
      continue;
    }
    let value: string | string[] = raw;
    try {
      if (typeof raw === 'string') {
        const fromFile = readParamFile(raw);
        if (Buffer.isBuffer(fromFile)) {
          params[arg.member] = fromFile;
          continue;
        }
        if (fromFile !== undefined) value = fromFile;
      }
      params[arg.member] = unpackValue(model, arg.shape, value, cliName, false);
    } catch (err) {
      if (err instanceof ParamFileError) throw new ParamError(cliName, err.message);
      if (err instanceof ParamValidationError) throw err;
      throw new GeneralError((err as Error).message);
    }
  }
  return params;
}

/** Reads --cli-input-json (inline or file://) and fills in what the command line did not give. */
export function mergeCliInputJson(params: Record<string, unknown>, raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) return params;
  let text: string = raw;
  try {
    const f = readParamFile(raw);
    if (f !== undefined) text = f.toString();
  } catch (err) {
    throw new ParamError('--cli-input-json', (err as Error).message);
  }
  let data: unknown;
  try {
    data = pyJsonLoads(text);
  } catch {
    throw new ParamError('cli-input-json', 'Invalid JSON received.');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ParamError('cli-input-json', 'Invalid JSON received.');
  // awscli adds the JSON's keys to the call parameters only where the command line gave none.
  const merged: Record<string, unknown> = { ...params };
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) if (!(k in merged)) merged[k] = v;
  return merged;
}
