/**
 * A user pool's attribute schema as Cognito builds and checks it: standard attributes keep their type and
 * cannot become developer-only; custom attributes need a data type, cannot be required, and are named
 * `custom:x` (`dev:custom:x` when developer-only); string lengths and number bounds are whole numbers,
 * lengths at most 2048 with min ≤ max; constraints that do not fit the data type are dropped.
 */
import { InvalidParameterException } from '../protocol/errors.ts';

export type SchemaAttribute = Record<string, unknown>;

const DATA_TYPES = ['String', 'Number', 'DateTime', 'Boolean'];
const MAX_CUSTOM_ATTRIBUTES = 50;

/** The schema name a custom attribute gets: `custom:x`, or `dev:custom:x` when developer-only. */
export function customName(name: string, developerOnly: boolean): string {
  const base = name.replace(/^dev:/, '').replace(/^custom:/, '');
  return developerOnly ? `dev:custom:${base}` : `custom:${base}`;
}

/** A whole number written as a string, or undefined when absent; anything else is refused. */
function bound(v: unknown, kind: string, name: string, allowNegative: boolean): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (!(allowNegative ? /^-?\d+$/ : /^\d+$/).test(s)) throw new InvalidParameterException(`Invalid ${kind} for schema attribute ${name}`);
  return Number(s);
}

/** Checks the constraints that fit the data type and drops the others, as Cognito does. */
function constrained(a: SchemaAttribute, name: string, type: string): SchemaAttribute {
  const { StringAttributeConstraints: sc, NumberAttributeConstraints: nc, ...rest } = a;
  if (type === 'String') {
    const c = (sc as Record<string, unknown> | undefined) ?? {};
    const min = bound(c.MinLength, 'StringAttributeConstraints', name, false);
    const max = bound(c.MaxLength, 'StringAttributeConstraints', name, false);
    if ((min ?? 0) > 2048 || (max ?? 0) > 2048) {
      throw new InvalidParameterException(`user.${name}: String attributes cannot have a length of more than 2048`);
    }
    if (min !== undefined && max !== undefined && min > max) {
      throw new InvalidParameterException(`user.${name}: Max length cannot be less than min length.`);
    }
    return { ...rest, StringAttributeConstraints: c };
  }
  if (type === 'Number') {
    if (nc === undefined) return rest;
    const c = nc as Record<string, unknown>;
    const min = bound(c.MinValue, 'NumberAttributeConstraints', name, true);
    const max = bound(c.MaxValue, 'NumberAttributeConstraints', name, true);
    if (min !== undefined && max !== undefined && min > max) {
      throw new InvalidParameterException(`user.${name}: Max value cannot be less than min value.`);
    }
    return { ...rest, NumberAttributeConstraints: c };
  }
  return rest;
}

/** A custom attribute of CreateUserPool's Schema or AddCustomAttributes, checked and with its defaults. */
export function customAttribute(a: SchemaAttribute): SchemaAttribute {
  const type = a.AttributeDataType;
  if (typeof type !== 'string' || !DATA_TYPES.includes(type)) {
    throw new InvalidParameterException('Invalid AttributeDataType input, consider using the provided AttributeDataType enum.');
  }
  if (a.Required === true) throw new InvalidParameterException('Required custom attributes are not supported currently.');
  const developerOnly = a.DeveloperOnlyAttribute === true;
  const name = customName(String(a.Name), developerOnly);
  return constrained(
    { ...a, Name: name, AttributeDataType: type, DeveloperOnlyAttribute: developerOnly, Mutable: a.Mutable ?? true, Required: false },
    name,
    type,
  );
}

/** A standard attribute's entry in CreateUserPool's Schema, merged over its built-in definition. */
function standardAttribute(base: SchemaAttribute, a: SchemaAttribute): SchemaAttribute {
  const name = String(base.Name);
  if ((a.AttributeDataType !== undefined && a.AttributeDataType !== base.AttributeDataType) || a.DeveloperOnlyAttribute === true) {
    throw new InvalidParameterException(
      `You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${name}`,
    );
  }
  return constrained(
    { ...base, ...a, Name: name, AttributeDataType: base.AttributeDataType, DeveloperOnlyAttribute: false },
    name,
    String(base.AttributeDataType),
  );
}

/** The pool's SchemaAttributes: the standard ones (with the request's changes), then the custom ones. */
export function buildSchema(standard: SchemaAttribute[], requested: SchemaAttribute[]): SchemaAttribute[] {
  const byName = new Map(standard.map((s) => [String(s.Name), s]));
  const overrides = new Map<string, SchemaAttribute>();
  const custom: SchemaAttribute[] = [];
  for (const a of requested) {
    const base = byName.get(String(a.Name));
    if (base) overrides.set(String(base.Name), standardAttribute(base, a));
    else custom.push(customAttribute(a));
  }
  return addCustom(
    standard.map((s) => overrides.get(String(s.Name)) ?? s),
    custom,
  );
}

/** Appends custom attributes to a schema; a name already there is refused with Cognito's message. */
export function addCustom(schema: SchemaAttribute[], custom: SchemaAttribute[]): SchemaAttribute[] {
  const out = [...schema];
  for (const c of custom) {
    const name = String(c.Name);
    if (out.some((s) => s.Name === name)) {
      throw new InvalidParameterException(`${name.replace(/^dev:/, '')}: Existing attribute already has name ${name}.`);
    }
    out.push(c);
  }
  if (out.filter((s) => String(s.Name).includes('custom:')).length > MAX_CUSTOM_ATTRIBUTES) {
    throw new InvalidParameterException(`A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
  }
  return out;
}

/** Whether a schema attribute is developer-only (`dev:custom:x`): only admin operations see and write it. */
export function isDeveloperOnly(name: string): boolean {
  return name.startsWith('dev:');
}
