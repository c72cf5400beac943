/**
 * The tree interpreter of Python's `jmespath` package (jmespath/visitor.py), ported so --query results,
 * including its quirks (string ordering by code point, 0 being truthy, runtime error texts), match
 * the AWS CLI's.
 */
import { callFunction, ExprRef } from './jmespath-functions.ts';
import type { Node } from './jmespath-parser.ts';
import { isDict, pyEquals, pyTruthy, pyTypeName } from './py-repr.ts';
import { FormatError } from './query-error.ts';

const OPS: Record<string, string> = { lt: '<', gt: '>', lte: '<=', gte: '>=' };

/** Evaluates a parsed expression against `value`. Throws FormatError where Python's jmespath raises. */
export function evaluate(node: Node, value: unknown): unknown {
  const [first, second, third] = node.children;
  switch (node.type) {
    case 'subexpression':
    case 'index_expression':
    case 'pipe': {
      let result = value;
      for (const child of node.children) result = evaluate(child, result);
      return result;
    }
    case 'field':
      return isDict(value) && Object.hasOwn(value, node.value as string) ? value[node.value as string] : null;
    case 'comparator':
      return compareNodes(node.value as string, evaluate(need(first), value), evaluate(need(second), value));
    case 'current':
    case 'identity':
      return value;
    case 'expref':
      return new ExprRef(need(first), evaluate);
    case 'function_expression':
      return callFunction(
        node.value as string,
        node.children.map((child) => evaluate(child, value)),
      );
    case 'filter_projection': {
      const base = evaluate(need(first), value);
      if (!Array.isArray(base)) return null;
      const collected: unknown[] = [];
      for (const element of base) {
        if (isFalse(evaluate(need(third), element))) continue;
        const current = evaluate(need(second), element);
        if (current !== null && current !== undefined) collected.push(current);
      }
      return collected;
    }
    case 'flatten': {
      const base = evaluate(need(first), value);
      if (!Array.isArray(base)) return null;
      return base.flatMap((element) => (Array.isArray(element) ? element : [element]));
    }
    case 'index': {
      if (!Array.isArray(value)) return null;
      const i = node.value as number;
      const at = i < 0 ? value.length + i : i;
      return at >= 0 && at < value.length ? value[at] : null;
    }
    case 'slice':
      return Array.isArray(value) ? pySlice(value, node.value as (number | null)[]) : null;
    case 'key_val_pair':
      return evaluate(need(first), value);
    case 'literal':
      return node.value;
    case 'multi_select_dict': {
      if (value === null || value === undefined) return null;
      const collected: Record<string, unknown> = {};
      for (const child of node.children) collected[child.value as string] = evaluate(child, value);
      return collected;
    }
    case 'multi_select_list':
      if (value === null || value === undefined) return null;
      return node.children.map((child) => evaluate(child, value));
    case 'or_expression': {
      const matched = evaluate(need(first), value);
      return isFalse(matched) ? evaluate(need(second), value) : matched;
    }
    case 'and_expression': {
      const matched = evaluate(need(first), value);
      return isFalse(matched) ? matched : evaluate(need(second), value);
    }
    case 'not_expression': {
      const result = evaluate(need(first), value);
      if (typeof result === 'number' && result === 0) return false;
      return !pyTruthy(result);
    }
    case 'projection': {
      const base = evaluate(need(first), value);
      return Array.isArray(base) ? project(base, need(second)) : null;
    }
    case 'value_projection': {
      const base = evaluate(need(first), value);
      return isDict(base) ? project(Object.values(base), need(second)) : null;
    }
    default:
      throw new FormatError(node.type);
  }
}

function need(child: Node | undefined): Node {
  if (!child) throw new FormatError('malformed expression');
  return child;
}

function project(base: unknown[], right: Node): unknown[] {
  const collected: unknown[] = [];
  for (const element of base) {
    const current = evaluate(right, element);
    if (current !== null && current !== undefined) collected.push(current);
  }
  return collected;
}

/** JMESPath falsiness as Python jmespath computes it (0 is true). */
function isFalse(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isDict(value) && Object.keys(value).length === 0;
}

const isActualNumber = (x: unknown): x is number => typeof x === 'number';

function compareNodes(op: string, left: unknown, right: unknown): unknown {
  if (op === 'eq' || op === 'ne') {
    // Python's jmespath keeps 0/1 and false/true apart at the top level only.
    const special =
      (isActualNumber(left) && (left === 0 || left === 1) && typeof right === 'boolean') ||
      (isActualNumber(right) && (right === 0 || right === 1) && typeof left === 'boolean');
    const equal = !special && pyEquals(left, right);
    return op === 'eq' ? equal : !equal;
  }
  const comparable = (x: unknown) => isActualNumber(x) || typeof x === 'string';
  if (!comparable(left) || !comparable(right)) return null;
  return pyCompareOp(op, left as number | string, right as number | string);
}

/** Python's <, >, <=, >= on two numbers or two strings; mixing them is a TypeError. */
export function pyCompareOp(op: string, left: number | string, right: number | string): boolean {
  if (typeof left !== typeof right) {
    throw new FormatError(`'${OPS[op]}' not supported between instances of '${pyTypeName(left)}' and '${pyTypeName(right)}'`);
  }
  const c =
    typeof left === 'string' ? comparePyStrings(left, right as string) : left < (right as number) ? -1 : left > (right as number) ? 1 : 0;
  if (op === 'lt') return c < 0;
  if (op === 'gt') return c > 0;
  if (op === 'lte') return c <= 0;
  return c >= 0;
}

function comparePyStrings(a: string, b: string): number {
  if (a === b) return 0;
  const x = Array.from(a, (ch) => ch.codePointAt(0) ?? 0);
  const y = Array.from(b, (ch) => ch.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

/** Python list slicing, value[start:stop:step]. */
function pySlice(value: unknown[], parts: (number | null)[]): unknown[] {
  const [start, stop, stepPart] = parts;
  const step = stepPart ?? 1;
  if (step === 0) throw new FormatError('slice step cannot be zero');
  const len = value.length;
  const adjust = (v: number | null | undefined, dflt: number, lo: number, hi: number): number => {
    if (v === null || v === undefined) return dflt;
    const i = v < 0 ? v + len : v;
    return Math.min(Math.max(i, lo), hi);
  };
  const out: unknown[] = [];
  if (step > 0) {
    const from = adjust(start, 0, 0, len);
    const to = adjust(stop, len, 0, len);
    for (let i = from; i < to; i += step) out.push(value[i]);
  } else {
    const from = adjust(start, len - 1, -1, len - 1);
    const to = adjust(stop, -1, -1, len - 1);
    for (let i = from; i > to; i += step) out.push(value[i]);
  }
  return out;
}
