/** Checks parameters and bodies against the model's schemas; reports WeChat Pay style field issues. */
import type { ModelParameter, ModelSchema } from '../generator/model';
import type { FieldIssue, FieldLocation } from './errors';

/** Everything wrong with one request, in the order found (path, query, headers, body). */
export type Issues = FieldIssue[];

/** A primitive echoed in `detail.value`; never for `x-encrypted` fields. */
function echo(schema: ModelSchema, value: unknown): { value?: string | number | boolean } {
  if (schema.encrypted) return {};
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  if (typeof value === 'string') return { value: value.length > 64 ? `${value.slice(0, 64)}…` : value };
  return {};
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/**
 * Checks a JSON value against `schema`, adding an issue for each problem. Unknown object
 * properties are allowed (WeChat Pay adds fields over time); `null` counts as absent.
 */
export function checkValue(schema: ModelSchema, value: unknown, field: string, location: FieldLocation, issues: Issues): void {
  const bad = (issue: string): void => {
    issues.push({ field, ...echo(schema, value), issue, location });
  };
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return bad(`must be a string, found ${describe(value)}`);
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return bad(`must be an integer, found ${typeof value === 'number' ? 'a fraction' : describe(value)}`);
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad(`must be a number, found ${describe(value)}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return bad(`must be a boolean, found ${describe(value)}`);
      break;
    case 'array':
      if (!Array.isArray(value)) return bad(`must be an array, found ${describe(value)}`);
      if (schema.items) value.forEach((v: unknown, i) => checkValue(schema.items as ModelSchema, v, `${field}/${i}`, location, issues));
      return;
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad(`must be an object, found ${describe(value)}`);
      const obj = value as Record<string, unknown>;
      for (const name of schema.required ?? []) {
        if (obj[name] === undefined || obj[name] === null) issues.push({ field: `${field}/${name}`, issue: 'is required but missing', location });
      }
      for (const [name, sub] of Object.entries(schema.properties ?? {})) {
        const v = obj[name];
        if (v !== undefined && v !== null) checkValue(sub, v, `${field}/${name}`, location, issues);
      }
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value as string | number | boolean)) bad(`must be one of ${schema.enum.join(', ')}`);
}

/**
 * Turns a parameter's wire text(s) into the typed value the schema describes (integers,
 * booleans, arrays from repeated or comma-separated query values), or reports the issue.
 */
export function readParameter(p: ModelParameter, raw: readonly string[], issues: Issues): unknown {
  const location: FieldLocation = p.in;
  if (raw.length === 0) {
    if (p.required) issues.push({ field: p.name, issue: 'is required but missing', location });
    return undefined;
  }
  const schema = p.schema;
  if (schema.type === 'array') {
    const parts = raw.length === 1 ? (raw[0] ?? '').split(',') : [...raw];
    const items = schema.items ?? { type: 'string' as const };
    const values = parts.map((t) => scalar(items, t));
    checkValue(schema, values, p.name, location, issues);
    return values;
  }
  if (raw.length > 1) {
    issues.push({ field: p.name, issue: 'is given more than once', location });
    return raw[0];
  }
  const value = scalar(schema, raw[0] ?? '');
  checkValue(schema, value, p.name, location, issues);
  return value;
}

function scalar(schema: ModelSchema, text: string): unknown {
  switch (schema.type) {
    case 'integer':
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}
