/** Checks parameters and bodies against the model's schemas; reports WeChat Pay style field issues. */
import type { ModelParameter, ModelSchema } from '../generator/model';
import { parseAnswer } from '../templates/runtime/serialize';
import type { FieldIssue, FieldLocation } from './errors';
import { walkSchema, type SchemaProblem } from '../templates/runtime/validate';

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

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** The mock's (WeChat Pay style) wording of one problem found by the runtime's rule. */
function issueText(problem: SchemaProblem<ModelSchema>): string {
  const schema = problem.schema;
  const value = problem.value;
  switch (problem.kind) {
    case 'type': {
      const found = schema?.type === 'integer' && typeof value === 'number' ? 'a fraction' : describe(value);
      return `must be ${article(schema?.type ?? 'value')}, found ${found}`;
    }
    case 'enum':
      return `must be one of ${(schema?.enum ?? []).join(', ')}`;
    case 'required':
      return 'is required but missing';
    case 'null-item':
      return `must be ${article(schema?.type ?? 'value')}, found null`;
  }
}

/**
 * Checks a JSON value against `schema`, adding an issue for each problem, by the generated
 * client's own rule (`walkSchema` of the runtime): the mock refuses exactly what the client
 * refuses. Unknown object properties are allowed (WeChat Pay adds fields over time); `null`
 * counts as absent. `field` is the `/`-separated place of `value` (`''` for the body).
 */
export function checkValue(schema: ModelSchema, value: unknown, field: string, location: FieldLocation, issues: Issues): void {
  const before = issues.length;
  walkSchema(schema, value, (problem) => {
    const at = problem.at.reduce<string>((path, seg) => `${path}/${seg}`, field);
    const echoed = problem.kind === 'type' || problem.kind === 'enum' ? echo(problem.schema ?? schema, problem.value) : {};
    issues.push({ field: at, ...echoed, issue: issueText(problem), location });
  });
  if (issues.length === before) checkEncoded(schema, value, field, location, issues);
}

/** The value a JSON-encoded string holds; `undefined` when the text is not JSON (or nests deeper than an answer may). */
export function decodeJson(text: string): { value: unknown } | undefined {
  try {
    const parsed = parseAnswer(text);
    return 'value' in parsed ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** What each JSON-encoded string (`jsonContent`) of a well-typed value holds, checked against its contentSchema. */
function checkEncoded(schema: ModelSchema, value: unknown, field: string, location: FieldLocation, issues: Issues): void {
  if (value === undefined || value === null) return;
  if (schema.jsonContent) {
    if (typeof value !== 'string') return;
    const inner = decodeJson(value);
    if (inner === undefined) issues.push({ field, issue: 'must be a JSON-encoded string (contentMediaType: application/json), but its text is not valid JSON', location });
    else checkValue(schema.jsonContent, inner.value, field, location, issues);
    return;
  }
  if (schema.type === 'array' && schema.items && Array.isArray(value)) {
    value.forEach((v: unknown, i) => checkEncoded(schema.items as ModelSchema, v, `${field}/${i}`, location, issues));
  } else if (schema.type === 'object' && schema.properties && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (Object.prototype.hasOwnProperty.call(value, name)) checkEncoded(sub, (value as Record<string, unknown>)[name], `${field}/${name}`, location, issues);
    }
  }
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
