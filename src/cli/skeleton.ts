/**
 * --generate-cli-skeleton: botocore's ArgumentGenerator. `input` fills a shape with placeholders
 * ("" / 0 / 0.0 / true / "1970-01-01T00:00:00", a random enum value, one list element,
 * {"KeyName": ""} for maps, {} for a structure met again inside itself, null for a blob, which the
 * generator has no case for); `output` fills the output shape with member names instead of "" (it is
 * then printed like a real response). `yaml-input` is in skeleton-yaml.ts.
 */
import type { ServiceModel, Shape } from '../protocol/model.ts';

/** A skeleton of the named shape (input placeholders, or member names for `output`). */
export function generateSkeleton(model: ServiceModel, shapeName: string | undefined, useMemberNames: boolean): unknown {
  if (!shapeName) return {};
  const stack: string[] = [];
  const gen = (name: string, memberName: string): unknown => {
    const shape = model.shapes[name] as Shape;
    stack.push(name);
    try {
      switch (shape.type) {
        case 'structure': {
          if (stack.filter((s) => s === name).length > 1) return {};
          const out: Record<string, unknown> = {};
          for (const [m, ref] of Object.entries(shape.members ?? {})) out[m] = gen(ref.shape, m);
          return out;
        }
        case 'list':
          return [gen(shape.member?.shape ?? '', memberName)];
        case 'map':
          return { KeyName: gen(shape.value?.shape ?? '', '') };
        case 'string':
          if (useMemberNames) return memberName;
          if (shape.enum && shape.enum.length > 0) return shape.enum[Math.floor(Math.random() * shape.enum.length)];
          return '';
        case 'integer':
        case 'long':
          return 0;
        case 'float':
        case 'double':
          return 0.0;
        case 'boolean':
          return true;
        case 'timestamp':
          return useMemberNames ? 0 : '1970-01-01T00:00:00';
        case 'blob':
          return useMemberNames ? '' : null;
        default:
          return '';
      }
    } finally {
      stack.pop();
    }
  };
  return gen(shapeName, '');
}

/** json.dumps(skeleton, indent=4) — floats keep Python's `0.0`. */
export function dumpSkeleton(value: unknown, model: ServiceModel, shapeName: string | undefined): string {
  const text = JSON.stringify(value, null, 4);
  if (!shapeName) return `${text}\n`;
  // JSON.stringify writes 0.0 as 0; put back Python's float placeholder for float/double members.
  const floats = new Set(
    Object.values(model.shapes)
      .flatMap((s) => Object.entries(s.members ?? {}))
      .filter(([, r]) => ['float', 'double'].includes(model.shapes[r.shape]?.type ?? ''))
      .map(([m]) => m),
  );
  return `${text.replace(/^(\s*)"([^"]+)": 0(,?)$/gm, (all, ws, k, comma) => (floats.has(k) ? `${ws}"${k}": 0.0${comma}` : all))}\n`;
}
