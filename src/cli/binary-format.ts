/**
 * AWS CLI v2's `--cli-binary-format` (or the profile's `cli_binary_format`): with `base64` (v2's default)
 * a blob parameter given as text is base64 that the CLI decodes before sending; with `raw-in-base64-out`
 * the text itself is the bytes (AWS CLI v1's behaviour). `fileb://` values are bytes in both. Blobs in
 * responses print as base64 either way. Text that is not base64 fails as v2's does (exit 255).
 */
import type { ServiceModel, Shape } from '../protocol/model.ts';
import { GeneralError, invalidChoice } from './errors.ts';
import type { GlobalOptions } from './global-options.ts';
import { closeMatches } from './names.ts';
import type { Settings } from './settings.ts';

export const BINARY_FORMATS = ['base64', 'raw-in-base64-out'] as const;

/** The format in effect: the flag, then the profile's cli_binary_format, then base64. */
export function binaryFormat(globals: GlobalOptions, settings: Settings): string {
  const v = globals.cliBinaryFormat ?? settings.profileValue('cli_binary_format') ?? 'base64';
  if (!(BINARY_FORMATS as readonly string[]).includes(v)) throw invalidChoice('--cli-binary-format', v, closeMatches(v, BINARY_FORMATS));
  return v;
}

/** Python's base64.b64decode (non-validating): characters outside the alphabet are dropped, padding must fit. */
function b64decode(text: string): Buffer {
  const clean = text.replace(/[^A-Za-z0-9+/=]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new GeneralError(`Invalid base64: "${text}"`);
  return Buffer.from(clean, 'base64');
}

/** Decodes every text blob of `value` (of `shape`) in place when the format is base64. */
export function decodeInputBlobs(model: ServiceModel, shapeName: string | undefined, value: unknown, format: string): unknown {
  if (format !== 'base64' || shapeName === undefined) return value;
  const visit = (shape: Shape | undefined, v: unknown): unknown => {
    if (!shape || v === null || v === undefined) return v;
    if (shape.type === 'blob') return typeof v === 'string' ? b64decode(v) : v;
    if (shape.type === 'structure' && !shape.document && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const [k, ref] of Object.entries(shape.members ?? {})) if (k in o) o[k] = visit(model.shapes[ref.shape], o[k]);
    } else if (shape.type === 'list' && Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = visit(model.shapes[shape.member?.shape ?? ''], v[i]);
    } else if (shape.type === 'map' && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = visit(model.shapes[shape.value?.shape ?? ''], o[k]);
    }
    return v;
  };
  return visit(model.shapes[shapeName], value);
}
