/**
 * Server-side input validation against the operation tables, with the messages AWS's Coral front end
 * uses: "1 validation error detected: Value 'x' at 'userPoolId' failed to satisfy constraint: Member must
 * satisfy regular expression pattern: …". Clients check only required/type/min, so max, pattern and enum
 * are ours to enforce (SPEC §1.1).
 */
import { InvalidParameterException, SerializationException, type ServiceError } from './errors.ts';
import { type ServiceModel, type Shape, shapeOf } from './model.ts';

const patternCache = new Map<string, RegExp | null>();

/**
 * Patterns the service applies instead of the model's. DomainType's model pattern is one DNS label, but
 * CreateUserPoolDomain takes custom domains (`auth.example.com`) in the same member.
 */
const PATTERN_OVERRIDES: Record<string, string> = {
  DomainType: '^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?)*$',
};

/** Compiles a model pattern as a whole-value match; Java-only syntax that JS cannot read is skipped. */
function compile(pattern: string): RegExp | null {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      const body = pattern.startsWith('^') || pattern.endsWith('$') ? pattern : `^(?:${pattern})$`;
      re = new RegExp(body, 'u');
    } catch {
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return re;
}

/**
 * Length in code points, as AWS counts it. On the hot path (tokens are ~1 KB) this avoids spreading the
 * string into an array: only surrogate pairs make the count differ from `.length`.
 */
function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

interface Ctx {
  model: ServiceModel;
  errors: string[];
  /** Constructs the error for violations; InvalidParameterException for Cognito. */
}

/** How many characters of a value a message quotes; the rest is elided (the caller sent it, it needs no echo). */
const QUOTE_LIMIT = 256;

function describe(value: unknown, shape: Shape): string {
  if (shape.sensitive) return 'Value';
  if (value === null || value === undefined) return 'Value null';
  if (typeof value === 'string') return `Value '${value}'`;
  if (typeof value === 'object') return `Value '${preview(value)}'`;
  return `Value '${String(value)}'`;
}

/**
 * A bounded rendering of a list or map for messages: JSON of the value, cut at QUOTE_LIMIT characters.
 * Serialising a caller's value in full could recurse as deep as the caller nested it; values nested past a
 * few levels are summarised instead.
 */
function preview(value: object): string {
  let text: string;
  try {
    text = shallowEnough(value, 32) ? JSON.stringify(value) : Array.isArray(value) ? '[…]' : '{…}';
  } catch {
    text = '…';
  }
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
}

/** True when no path through `value` nests deeper than `limit` (iterative, stops at the first breach). */
function shallowEnough(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let visited = 0;
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d >= limit || ++visited > 10_000) return false;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return true;
}

function typeError(path: string, expected: string): ServiceError {
  return new SerializationException(`Expected ${expected} at '${path || 'input'}'.`);
}

function walk(ctx: Ctx, shapeName: string, value: unknown, path: string): void {
  const shape = shapeOf(ctx.model, shapeName);
  const fail = (constraint: string) =>
    ctx.errors.push(`${describe(value, shape)} at '${path}' failed to satisfy constraint: ${constraint}`);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeError(path, 'an object');
      const obj = value as Record<string, unknown>;
      for (const req of shape.required ?? []) {
        if (!Object.hasOwn(obj, req) || obj[req] === undefined || obj[req] === null) {
          ctx.errors.push(
            `Value null at '${path ? `${path}.` : ''}${lowerFirst(req)}' failed to satisfy constraint: Member must not be null`,
          );
        }
      }
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (!Object.hasOwn(obj, name)) continue;
        const v = obj[name];
        // JSON null for a member means "not set" (as AWS's front ends read it): handlers never see a null.
        if (v === null) delete obj[name];
        if (v === undefined || v === null) continue;
        walk(ctx, ref.shape, v, `${path ? `${path}.` : ''}${lowerFirst(name)}`);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) throw typeError(path, 'a list');
      if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      value.forEach((v, i) => {
        if (v === null) ctx.errors.push(`Value null at '${path}.${i + 1}.member' failed to satisfy constraint: Member must not be null`);
        else if (shape.member) walk(ctx, shape.member.shape, v, `${path}.${i + 1}.member`);
      });
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeError(path, 'a map');
      const entries = Object.entries(value as Record<string, unknown>);
      if (shape.min !== undefined && entries.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      for (const [k, v] of entries) {
        if (shape.key) walk(ctx, shape.key.shape, k, `${path}.${k}.key`);
        if (v === null) ctx.errors.push(`Value null at '${path}.${k}.value' failed to satisfy constraint: Map value must not be null`);
        else if (shape.value) walk(ctx, shape.value.shape, v, `${path}.${k}.value`);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') throw typeError(path, 'a string');
      // UTF-16 length n bounds the code points (n/2 ≤ count ≤ n): count only when the bounds straddle a limit.
      const n = value.length;
      const len =
        (shape.min === undefined || Math.ceil(n / 2) >= shape.min) && (shape.max === undefined || n <= shape.max)
          ? n
          : codePointLength(value);
      if (shape.min !== undefined && len < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && len > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.pattern && len > 0) {
        const re = compile(PATTERN_OVERRIDES[shapeName] ?? shape.pattern);
        if (re && !re.test(value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      }
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(path, 'an integer');
      if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    case 'double':
    case 'float':
      if (typeof value !== 'number') throw typeError(path, 'a number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError(path, 'a boolean');
      return;
    case 'timestamp':
      if (typeof value !== 'number' && typeof value !== 'string') throw typeError(path, 'a timestamp');
      return;
    case 'blob':
      if (typeof value !== 'string') throw typeError(path, 'a base64 string');
      return;
    default:
      return;
  }
}

/**
 * Validates an operation's input. Throws SerializationException for wrong JSON types and
 * `makeError(message)` (InvalidParameterException by default) for constraint violations.
 */
export function validateInput(
  model: ServiceModel,
  inputShape: string | undefined,
  input: unknown,
  makeError: (message: string) => ServiceError = (m) => new InvalidParameterException(m),
): void {
  if (!inputShape) return;
  const ctx: Ctx = { model, errors: [] };
  walk(ctx, inputShape, input, '');
  if (ctx.errors.length > 0) {
    const n = ctx.errors.length;
    throw makeError(`${n} validation error${n === 1 ? '' : 's'} detected: ${ctx.errors.join('; ')}`);
  }
}
