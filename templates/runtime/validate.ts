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

/**
 * The part of a schema the validation rule reads. The runtime's `FieldSchema` is one; the
 * generator's model schema (which the mock validates requests with) is another, so the rule
 * below is the one definition both use.
 */
export interface WalkableSchema<S> {
  readonly type: FieldSchema['type'];
  readonly enum?: readonly (string | number | boolean)[];
  readonly properties?: Readonly<Record<string, S>>;
  readonly required?: readonly string[];
  readonly items?: S;
  readonly format?: string;
}

/** What is wrong at one place: the value has the wrong type, is not in the enum, a required property is absent, an array item is null. */
export type SchemaProblemKind = 'type' | 'enum' | 'required' | 'null-item';

/** One place the value breaks its schema. `value` is handed to the caller's reporter and never kept by the runtime. */
export interface SchemaProblem<S> {
  readonly kind: SchemaProblemKind;
  /** Property names and array indexes from the walked value's root. */
  readonly at: readonly (string | number)[];
  /** The schema the value at `at` breaks (for `required`: the missing property's own schema, when declared). */
  readonly schema: S | undefined;
  readonly value: unknown;
}

/** Whether `value` has the JSON type `schema` asks for (`format: binary` strings are bytes). */
export function typeMatches(schema: WalkableSchema<unknown>, value: unknown): boolean {
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

/** Options of `walkSchema`. */
export interface WalkOptions {
  /** Top-level required names that are not to be reported (lower case; headers the client fills itself). */
  readonly optional?: ReadonlySet<string>;
  /** Top-level property names are matched case-insensitively (headers). */
  readonly caseless?: boolean;
  /** Report absent required properties (default true); false checks only the values present. */
  readonly required?: boolean;
}

/**
 * THE validation rule of wxpay-gen, used by the generated client (arguments, notification
 * payloads) and by the mock (requests): the type, then the enum, of every value; required
 * properties of objects (`null` counts as absent); array items, which must not be `null`.
 * Unknown properties are allowed (WeChat Pay adds fields over time). Reports each problem
 * in the order found; an own property only (`__proto__` and inherited names are absent).
 */
export function walkSchema<S extends WalkableSchema<S>>(
  schema: S,
  value: unknown,
  report: (problem: SchemaProblem<S>) => void,
  options: WalkOptions = {},
): void {
  walk(schema, value, [], report, options.optional, options.caseless === true, options.required !== false);
}

function walk<S extends WalkableSchema<S>>(
  schema: S,
  value: unknown,
  at: (string | number)[],
  report: (problem: SchemaProblem<S>) => void,
  optional: ReadonlySet<string> | undefined,
  caseless: boolean,
  required: boolean,
): void {
  if (!typeMatches(schema, value)) return report({ kind: 'type', at: [...at], schema, value });
  if (schema.enum && !schema.enum.includes(value as string | number | boolean)) return report({ kind: 'enum', at: [...at], schema, value });
  if (schema.type === 'array') {
    if (!schema.items) return;
    const arr = value as unknown[];
    for (let i = 0; i < arr.length; i++) {
      const el = arr[i];
      at.push(i);
      if (el === undefined || el === null) report({ kind: 'null-item', at: [...at], schema: schema.items, value: el });
      else walk(schema.items, el, at, report, undefined, false, required);
      at.pop();
    }
    return;
  }
  if (schema.type !== 'object') return;
  const obj = value as Record<string, unknown>;
  const get = caseless ? caselessGetter(obj) : undefined;
  const props = schema.properties;
  if (required && schema.required) {
    for (const name of schema.required) {
      if (optional?.has(name.toLowerCase())) continue;
      const v = get ? get(name) : own(obj, name) ? obj[name] : undefined;
      if (v === undefined || v === null) report({ kind: 'required', at: [...at, name], schema: props && own(props, name) ? props[name] : undefined, value: v });
    }
  }
  if (!props) return;
  for (const name in props) {
    if (!own(props, name)) continue;
    const v = get ? get(name) : own(obj, name) ? obj[name] : undefined;
    if (v === undefined || v === null) continue;
    at.push(name);
    walk(props[name] as S, v, at, report, undefined, false, required);
    at.pop();
  }
}

function own(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function caselessGetter(obj: Record<string, unknown>): (name: string) => unknown {
  return (name) => {
    if (own(obj, name)) return obj[name];
    const lower = name.toLowerCase();
    for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
    return undefined;
  };
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The runtime's path of a place: `json.payer.openid`, `json.details[0].amount`. */
function runtimePath(base: string, at: readonly (string | number)[]): string {
  let path = base;
  for (const seg of at) path = typeof seg === 'number' ? `${path}[${seg}]` : pathOf(path, seg);
  return path;
}

/** The runtime's message for a problem; it names the expectation, never the value given. */
function runtimeMessage(problem: SchemaProblem<FieldSchema>): string {
  const schema = problem.schema;
  switch (problem.kind) {
    case 'type':
      return schema && schema.format === 'binary' && schema.type === 'string' ? 'must be bytes (a Buffer or Uint8Array)' : `must be ${article(schema?.type ?? 'value')}`;
    case 'enum':
      return `must be one of ${(schema?.enum ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return 'is required';
    case 'null-item':
      return 'must not be empty';
  }
}

function check(
  schema: FieldSchema,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  optional: ReadonlySet<string> | undefined,
  caseless: boolean,
): void {
  walkSchema(schema, value, (p) => issues.push({ path: runtimePath(path, p.at), message: runtimeMessage(p) }), {
    ...(optional ? { optional } : {}),
    caseless,
  });
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

/**
 * Validates any value against a schema (e.g. a decrypted notification payload at `data`); every
 * problem found. `required: false` checks the values present only.
 */
export function validateValue(schema: FieldSchema, value: unknown, path: string, options: { readonly required?: boolean } = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  walkSchema(schema, value, (p) => issues.push({ path: runtimePath(path, p.at), message: runtimeMessage(p) }), { required: options.required !== false });
  return issues;
}
