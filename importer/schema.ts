/**
 * Stage 2: table rows → JSON Schema (OpenAPI 3.1) objects, with enums, `x-encrypted`,
 * nesting and example values. Keys come out in one fixed order so the YAML is stable.
 */
import type { PageIssues } from './issues';
import { preview } from './limits';
import type { JsValue } from './php';
import type { DocRow, ScalarType } from './rows';

export type Schema = { [key: string]: unknown };

/** The order schema keys are written in. */
const SCHEMA_KEYS = ['type', 'format', 'x-encrypted', 'description', 'enum', 'example', 'contentMediaType', 'contentSchema', 'additionalProperties', 'required', 'properties', 'items'];

/** Copies `s` with its keys in the fixed order (unknown keys last, in insertion order). */
export function orderSchema(s: Schema): Schema {
  const out: Schema = {};
  for (const k of SCHEMA_KEYS) if (s[k] !== undefined) out[k] = s[k];
  for (const [k, v] of Object.entries(s)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

export interface DescribedText {
  /** The description without the enum sentence; `undefined` when nothing is left. */
  readonly description?: string;
  /** Values of `` `A` \| `B` 枚举值之一 `` (or a single `` `A` 枚举值 ``), as written. */
  readonly enumValues?: readonly string[];
}

/** The enum sentence: at the end of the cell, or as a line of its own (`…枚举值之一<br/>默认为\`RSA\``). */
const ENUM_SENTENCE = /(?:<br\s*\/?>)?\s*((?:`[^`]*`\s*\\?\|\s*)*`[^`]*`)\s*枚举值(?:之一)?[。.]?\s*(?=<br\s*\/?>|$)/g;

/** Splits a description cell into its text and its enum values. */
export function describe(cell: string): DescribedText {
  let text = cell;
  let enumValues: string[] | undefined;
  // the sentence holds 枚举值: most cells do not, and need no scan for it
  const m = text.includes('枚举值') ? [...text.matchAll(ENUM_SENTENCE)].pop() : undefined;
  if (m) {
    enumValues = [...(m[1] ?? '').matchAll(/`([^`]*)`/g)].map((v) => v[1] ?? '');
    text = text.slice(0, m.index) + text.slice((m.index ?? 0) + m[0].length);
  }
  const description = cleanText(text);
  return { ...(description !== '' ? { description } : {}), ...(enumValues ? { enumValues } : {}) };
}

/** `<br/>` → line break, `\|` → `|`, trimmed. */
export function cleanText(text: string): string {
  return text.replace(/<br\s*\/?>/g, '\n').replace(/\\\|/g, '|').replace(/[ \t]+\n/g, '\n').trim();
}

export interface SchemaContext {
  readonly issues: PageIssues;
  /** Line of the PHP call the example values come from. */
  readonly exampleLine?: number;
}

/** Converts enum values written in a description to the row's type; warns and drops the enum when they do not fit. */
export function enumFor(values: readonly string[], type: ScalarType, row: DocRow, ctx: SchemaContext): (string | number | boolean)[] | undefined {
  const out: (string | number | boolean)[] = [];
  for (const v of values) {
    const c = scalarFromText(v, type);
    if (c === undefined) {
      ctx.issues.warn(row.line, `"${row.name}": enum value "${v}" is not a${type === 'integer' ? 'n' : ''} ${type}; enum left out`);
      return undefined;
    }
    if (out.includes(c)) {
      ctx.issues.warn(row.line, `"${row.name}": enum value "${v}" is listed twice; kept once`);
      continue;
    }
    out.push(c);
  }
  return out;
}

function scalarFromText(v: string, type: ScalarType): string | number | boolean | undefined {
  switch (type) {
    case 'string':
      return v;
    case 'integer':
      return /^[-+]?\d+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : undefined;
    case 'number':
      return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v) ? Number(v) : undefined;
    case 'boolean':
      return v === 'true' ? true : v === 'false' ? false : undefined;
    case 'object':
      return undefined;
  }
}

/** Coerces an example value to the row's scalar type (`'330000'` for a string, `310100` for a number). */
export function exampleFor(value: JsValue | undefined, type: ScalarType, row: DocRow, ctx: SchemaContext): string | number | boolean | undefined {
  // PHP `null` in an example means "not sent": nothing to record
  if (value === undefined || value === null) return undefined;
  let out: string | number | boolean | undefined;
  if (type === 'string') out = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  else if (type === 'integer' || type === 'number') {
    if (typeof value === 'number') out = type === 'integer' && !Number.isInteger(value) ? undefined : value;
    else if (typeof value === 'string') out = scalarFromText(value, type) as number | undefined;
  } else if (type === 'boolean') {
    out = typeof value === 'boolean' ? value : typeof value === 'string' ? (scalarFromText(value, 'boolean') as boolean | undefined) : undefined;
  }
  if (out === undefined) ctx.issues.warn(row.line, `"${row.name}": example value ${preview(value)} is not a${type === 'integer' ? 'n' : ''} ${type}; example left out`);
  return out;
}

/**
 * An example the field's own enum does not list (`'zh_CN'` for `ZH_CN`, `0` for `1 | 2`) would be
 * refused by the client's validation and the mock's: it is left out, with a warning.
 */
function fitsEnum(value: string | number | boolean, enumValues: unknown, row: DocRow, ctx: SchemaContext): boolean {
  if (!Array.isArray(enumValues) || enumValues.includes(value)) return true;
  ctx.issues.warn(row.line, `"${row.name}": example value ${preview(value)} is not one of its enum values (${enumValues.map((v) => preview(v, 40)).join(', ')}); example left out`);
  return false;
}

/** An object schema from nested rows: `required` (page order) and `properties` (page order). */
export function objectSchema(rows: readonly DocRow[], example: JsValue | undefined, ctx: SchemaContext, extra: Schema = {}): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  const ex = isObject(example) ? example : undefined;
  if (ex) {
    for (const key of Object.keys(ex)) {
      if (!rows.some((r) => r.name === key)) ctx.issues.warn(ctx.exampleLine ?? rows[0]?.line ?? 0, `the example sets "${key}", which the table does not list${rows[0] ? ` beside "${rows[0].name}"` : ''}; its value is not used`);
    }
  }
  for (const row of rows) {
    if (Object.prototype.hasOwnProperty.call(properties, row.name)) {
      ctx.issues.warn(row.line, `"${row.name}" is listed twice in the same object; the second row is skipped`);
      continue;
    }
    const s = rowSchema(row, ex?.[row.name], ctx);
    if (!s) continue;
    properties[row.name] = s;
    if (row.required) required.push(row.name);
  }
  return orderSchema({ type: 'object', ...extra, ...(required.length > 0 ? { required } : {}), properties });
}

/** A free-form object (no documented fields). */
export function freeObject(extra: Schema = {}): Schema {
  return orderSchema({ type: 'object', ...extra, additionalProperties: true });
}

/** The schema of one row (scalar, object, or array of either), with its nested rows. */
export function rowSchema(row: DocRow, example: JsValue | undefined, ctx: SchemaContext): Schema | undefined {
  const { description, enumValues } = describe(row.description);
  const text: Schema = description !== undefined ? { description } : {};
  if (row.array) {
    const first = Array.isArray(example) ? example[0] : undefined;
    if (example !== undefined && !Array.isArray(example)) ctx.issues.warn(row.line, `"${row.name}": example value ${preview(example)} is not a list; example left out`);
    const items = baseSchema(row, row.type === 'object' ? first : undefined, enumValues, ctx, {});
    let arrayExample: unknown[] | undefined;
    if (row.type !== 'object' && Array.isArray(example)) {
      const coerced = example.map((v) => exampleFor(v, row.type, row, ctx));
      if (coerced.every((v) => v !== undefined) && coerced.every((v) => fitsEnum(v, items['enum'], row, ctx))) arrayExample = coerced;
    }
    return orderSchema({ type: 'array', ...text, ...(arrayExample ? { example: arrayExample } : {}), items });
  }
  return baseSchema(row, example, enumValues, ctx, text);
}

function baseSchema(row: DocRow, example: JsValue | undefined, enumValues: readonly string[] | undefined, ctx: SchemaContext, text: Schema): Schema {
  const s: Schema = { type: row.type, ...text };
  if (row.encrypted) {
    if (row.type === 'string') s['x-encrypted'] = 'rsa';
    else ctx.issues.warn(row.line, `"${row.name}" is marked data-encrypted but is ${row.array ? `${row.type}[]` : `a${row.type === 'integer' || row.type === 'object' ? 'n' : ''} ${row.type}`}; only strings (and string[] items) can be encrypted, the mark is left out`);
  }
  if (enumValues) {
    if (row.type === 'object') ctx.issues.warn(row.line, `"${row.name}": an enum on an object is meaningless; enum left out`);
    else {
      const values = enumFor(enumValues, row.type, row, ctx);
      if (values) s['enum'] = values;
    }
  }
  if (row.type === 'object') {
    if (row.jsonEncoded) ctx.issues.warn(row.line, `"${row.name}" is an object marked data-encoded; the mark is left out`);
    if (example !== undefined && !isObject(example)) ctx.issues.warn(row.line, `"${row.name}": example value ${preview(example)} is not an object; example left out`);
    return row.children.length > 0 ? objectSchema(row.children, example, ctx, s) : freeObject(s);
  }
  if (!row.array) {
    const ex = exampleFor(example, row.type, row, ctx);
    if (ex !== undefined && fitsEnum(ex, s['enum'], row, ctx)) s['example'] = ex;
  }
  if (row.children.length > 0) {
    if (row.type === 'string') {
      if (!row.jsonEncoded && !row.separated) ctx.issues.warn(row.line, `"${row.name}" is a string with nested rows but no data-encoded mark; imported as a JSON-encoded string`);
      let inner: JsValue | undefined;
      if (typeof example === 'string') {
        try {
          inner = JSON.parse(example) as JsValue;
        } catch {
          inner = undefined;
        }
      }
      s['contentMediaType'] = 'application/json';
      s['contentSchema'] = Array.isArray(inner) ? listContent(row.children, inner, ctx) : objectSchema(row.children, inner, ctx);
    } else {
      ctx.issues.warn(row.line, `"${row.name}" is ${row.type} but has ${row.children.length} nested row(s); they are skipped`);
    }
  } else if (row.jsonEncoded) {
    s['contentMediaType'] = 'application/json';
  }
  return orderSchema(s);
}

/**
 * The content of a JSON-encoded string whose example (`\json_encode([...])`) is a list: the pages
 * document it either with one array row naming the list (`period` of `licence_valid_date`, example
 * `["1970-01-01","forever"]`): then the content is that array; or with the fields of its elements:
 * then it is an array of such objects. Without an example a page does not say which, and the nested
 * rows are read as an object.
 */
function listContent(rows: readonly DocRow[], example: JsValue[], ctx: SchemaContext): Schema {
  const only = rows.length === 1 ? rows[0] : undefined;
  if (only?.array) return rowSchema(only, example, ctx) ?? objectSchema(rows, undefined, ctx);
  return orderSchema({ type: 'array', items: objectSchema(rows, example[0], ctx) });
}

export function isObject(v: JsValue | undefined): v is { [key: string]: JsValue } {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}
