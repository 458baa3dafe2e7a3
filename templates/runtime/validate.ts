/**
 * Argument validation against the operation's `FieldSchema`s, before any crypto or network
 * work. It walks the schema directly (there is nothing to compile) and collects every
 * problem. Messages name the field path and the expectation, never the value given.
 */
import type { FieldSchema, OperationDescriptor } from './operation.js';
import type { ValidationIssue } from './errors.js';
import { compilePath } from './path-template.js';
import { SERIAL_HEADER } from './serial.js';

function pathOf(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

function isBinary(value: unknown): boolean {
  return value instanceof Uint8Array || (typeof Blob !== 'undefined' && value instanceof Blob);
}

function typeMatches(schema: FieldSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'string':
      return schema.format === 'binary' ? isBinary(value) : typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) && !isBinary(value);
    default:
      return true;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * Checks `value` against `schema`, pushing one issue per offending field. `lookup` finds a
 * property of an object (headers are matched case-insensitively).
 */
function check(
  schema: FieldSchema,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  optional: ReadonlySet<string> | undefined,
  caseless: boolean,
): void {
  if (!typeMatches(schema, value)) {
    const expected = schema.format === 'binary' && schema.type === 'string' ? 'bytes (a Buffer or Uint8Array)' : article(schema.type);
    issues.push({ path, message: `must be ${expected}` });
    return;
  }
  if (schema.enum && !schema.enum.includes(value as string | number | boolean)) {
    issues.push({ path, message: `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}` });
    return;
  }
  if (schema.type === 'array' && schema.items) {
    const arr = value as unknown[];
    for (let i = 0; i < arr.length; i++) {
      const el = arr[i];
      if (el === undefined || el === null) issues.push({ path: `${path}[${i}]`, message: 'must not be empty' });
      else check(schema.items, el, `${path}[${i}]`, issues, undefined, false);
    }
    return;
  }
  if (schema.type === 'object') {
    const obj = value as Record<string, unknown>;
    const get = caseless ? caselessGetter(obj) : (k: string) => obj[k];
    if (schema.required) {
      for (const name of schema.required) {
        if (optional?.has(name.toLowerCase())) continue;
        const v = get(name);
        if (v === undefined || v === null) issues.push({ path: pathOf(path, name), message: 'is required' });
      }
    }
    if (schema.properties) {
      for (const name of Object.keys(schema.properties)) {
        const v = get(name);
        if (v === undefined || v === null) continue;
        check(schema.properties[name] as FieldSchema, v, pathOf(path, name), issues, undefined, false);
      }
    }
  }
}

function caselessGetter(obj: Record<string, unknown>): (name: string) => unknown {
  return (name) => {
    if (name in obj) return obj[name];
    const lower = name.toLowerCase();
    for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
    return undefined;
  };
}

/** The client fills these headers in itself, so a schema that requires them must not reject their absence. */
const CLIENT_FILLED_HEADERS: ReadonlySet<string> = new Set([SERIAL_HEADER.toLowerCase()]);

/** Validates the call's arguments; returns every problem found (empty when all is well). */
export function validateArgs(
  op: OperationDescriptor,
  args: Readonly<Record<string, unknown>>,
  pathParams: readonly string[] = compilePath(op.path).params,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const req = op.request;
  if (req.path) check(req.path, args, '', issues, undefined, false);
  else {
    for (const name of pathParams) {
      const v = args[name];
      if (v === undefined || v === null) issues.push({ path: name, message: 'is required' });
    }
  }
  slot(req.query, args['query'], 'query', issues, undefined, false);
  slot(req.headers, args['headers'], 'headers', issues, CLIENT_FILLED_HEADERS, true);
  slot(req.json, args['json'], 'json', issues, undefined, false);
  slot(req.multipart, args['multipart'], 'multipart', issues, undefined, false);
  return issues;
}

function slot(
  schema: FieldSchema | undefined,
  value: unknown,
  name: string,
  issues: ValidationIssue[],
  optional: ReadonlySet<string> | undefined,
  caseless: boolean,
): void {
  if (!schema) return;
  if (value === undefined || value === null) {
    const required = (schema.required ?? []).filter((r) => !optional?.has(r.toLowerCase()));
    if (required.length > 0) issues.push({ path: name, message: `is required (with ${required.join(', ')})` });
    return;
  }
  check(schema, value, name, issues, optional, caseless);
}

/** Validates any value against a schema (e.g. a decrypted notification payload at `data`); every problem found. */
export function validateValue(schema: FieldSchema, value: unknown, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  check(schema, value, path, issues, undefined, false);
  return issues;
}
