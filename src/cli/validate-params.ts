/**
 * botocore's client-side ParamValidator: required members, unknown members, JSON types and `min`
 * (never max, pattern or enum — those reach the server, as with the AWS CLI). Messages are
 * botocore's, e.g. `Invalid length for parameter UserPoolId, value: 0, valid min length: 1`.
 */
import type { ServiceModel, Shape } from '../protocol/model.ts';
import { ParamValidationError } from './errors.ts';
import { pyRepr, pyType } from './py-json.ts';

const VALID_TYPES: Record<string, string> = {
  string: "<class 'str'>",
  integer: "<class 'int'>",
  long: "<class 'int'>",
  boolean: "<class 'bool'>",
  double: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  float: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  structure: "<class 'dict'>",
  map: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
};

function typeOk(shape: Shape, v: unknown): boolean {
  switch (shape.type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
    case 'long':
      return typeof v === 'number' && Number.isInteger(v);
    case 'double':
    case 'float':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'structure':
    case 'map':
      return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
    case 'list':
      return Array.isArray(v);
    case 'blob':
      return typeof v === 'string' || Buffer.isBuffer(v);
    case 'timestamp':
      return (typeof v === 'string' && !Number.isNaN(parseTimestamp(v))) || typeof v === 'number' || v instanceof Date;
    default:
      return true;
  }
}

/** botocore accepts ISO-8601 strings and epoch numbers for timestamps; returns epoch ms or NaN. */
export function parseTimestamp(v: unknown): number {
  if (typeof v === 'number') return v * 1000;
  if (v instanceof Date) return v.getTime();
  if (typeof v !== 'string') return Number.NaN;
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v) * 1000;
  const s = /[zZ]|[+-]\d\d:?\d\d$/.test(v) || !/T|\d:\d/.test(v) ? v : `${v}Z`;
  return Date.parse(s);
}

/** Throws `Parameter validation failed:` with every problem found, or returns. */
export function validateParams(model: ServiceModel, inputShape: string | undefined, params: Record<string, unknown>): void {
  const errors: string[] = [];
  const visit = (shape: Shape, v: unknown, name: string) => {
    const label = name === '' ? 'input' : name;
    if (shape.document) return;
    if (!typeOk(shape, v)) {
      errors.push(
        `Invalid type for parameter ${label}, value: ${pyRepr(v)}, type: ${pyType(v)}, valid types: ${VALID_TYPES[shape.type] ?? `<class '${shape.type}'>`}`,
      );
      return;
    }
    switch (shape.type) {
      case 'structure': {
        const o = v as Record<string, unknown>;
        for (const r of shape.required ?? []) if (!(r in o)) errors.push(`Missing required parameter in ${label}: "${r}"`);
        const members = shape.members ?? {};
        for (const k of Object.keys(o)) {
          if (!(k in members)) errors.push(`Unknown parameter in ${label}: "${k}", must be one of: ${Object.keys(members).join(', ')}`);
        }
        for (const [k, x] of Object.entries(o)) {
          const ref = members[k];
          if (ref) visit(model.shapes[ref.shape] as Shape, x, name === '' ? k : `${name}.${k}`);
        }
        return;
      }
      case 'list': {
        const a = v as unknown[];
        if (shape.min !== undefined && a.length < shape.min)
          errors.push(`Invalid length for parameter ${label}, value: ${a.length}, valid min length: ${shape.min}`);
        const m = model.shapes[shape.member?.shape ?? ''] as Shape;
        a.forEach((x, i) => {
          visit(m, x, `${label}[${i}]`);
        });
        return;
      }
      case 'map': {
        const k = model.shapes[shape.key?.shape ?? ''] as Shape;
        const val = model.shapes[shape.value?.shape ?? ''] as Shape;
        for (const [key, x] of Object.entries(v as Record<string, unknown>)) {
          visit(k, key, `${label} (key: ${key})`);
          visit(val, x, `${label}.${key}`);
        }
        return;
      }
      case 'string':
        if (shape.min !== undefined && (v as string).length < shape.min)
          errors.push(`Invalid length for parameter ${label}, value: ${(v as string).length}, valid min length: ${shape.min}`);
        return;
      case 'integer':
      case 'long':
      case 'double':
      case 'float':
        if (shape.min !== undefined && (v as number) < shape.min)
          errors.push(`Invalid value for parameter ${label}, value: ${v}, valid min value: ${shape.min}`);
        return;
      default:
        return;
    }
  };
  if (!inputShape) return;
  visit(model.shapes[inputShape] as Shape, params, '');
  if (errors.length > 0) throw new ParamValidationError(`Parameter validation failed:\n${errors.join('\n')}`);
}
