/**
 * The answer body of an accepted request: the spec's example response if it gives one,
 * else built from the schema (each property's `example`, else its first enum value, else a
 * type-based placeholder). Deterministic: the same operation always gets the same body.
 * `x-encrypted` fields get a readable placeholder plaintext (a spec example there would be
 * fake ciphertext), which the server then encrypts to the merchant key.
 */
import type { ModelResponse, ModelSchema } from '../generator/model';
import { checkValue, decodeJson, type Issues } from './validate';

export function exampleResponse(success: ModelResponse): unknown {
  if (success.kind !== 'json') return undefined;
  const schema = success.schema;
  if (success.example !== undefined) {
    const copy: unknown = structuredClone(success.example);
    return schema ? replaceEncrypted(schema, copy, 'data') : copy;
  }
  return schema ? exampleOf(schema, 'data') : {};
}

/** Plaintexts by what a field name says it holds; checked in order. */
const SENSITIVE_SAMPLES: readonly (readonly [RegExp, string])[] = [
  [/credential|id_?card|cert_?no|id_?number|identity/i, '110101199003071234'],
  [/phone|mobile/i, '13800138000'],
  [/mail/i, 'user@example.com'],
  [/bank|account_?no|card_?no/i, '6222020200000000000'],
  [/address/i, '广东省深圳市南山区科技园'],
  [/name/i, '张三'],
];

/**
 * The plaintext the mock puts in an `x-encrypted` response field named `name`: a sample
 * fitting the name (`encrypted_real_name` → 张三, `…credential_id` → an ID-card number),
 * else `mock <name>`. Always the same for the same name.
 */
export function sensitivePlaceholder(name: string): string {
  for (const [pattern, sample] of SENSITIVE_SAMPLES) if (pattern.test(name)) return sample;
  return `mock ${name}`;
}

/** The value a JSON-encoded field's example text holds, when it fits the content schema. */
function encodedExample(content: ModelSchema, example: unknown): { value: unknown } | undefined {
  const inner = typeof example === 'string' ? decodeJson(example) : undefined;
  if (inner === undefined) return undefined;
  const issues: Issues = [];
  checkValue(content, inner.value, '', 'body', issues);
  return issues.length === 0 ? inner : undefined;
}

export function exampleOf(schema: ModelSchema, name: string): unknown {
  if (schema.encrypted) return sensitivePlaceholder(name);
  if (schema.jsonContent) {
    // the decoded value (the server encodes it on the wire); the example text only when it fits contentSchema
    const inner = encodedExample(schema.jsonContent, schema.example);
    return inner ? replaceEncrypted(schema.jsonContent, inner.value, name) : exampleOf(schema.jsonContent, name);
  }
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) out[key] = exampleOf(sub, key);
      return out;
    }
    case 'array':
      return schema.items ? [exampleOf(schema.items, name)] : [];
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'string':
      return stringPlaceholder(schema.format, name);
  }
}

function stringPlaceholder(format: string | undefined, name: string): string {
  switch (format) {
    case 'date-time':
      return '2026-01-01T00:00:00+08:00';
    case 'date':
      return '2026-01-01';
    case 'uri':
    case 'url':
      return 'https://example.com/';
    default:
      return name;
  }
}

/** In a spec example, swaps each non-empty `x-encrypted` string for a placeholder plaintext. */
function replaceEncrypted(schema: ModelSchema, value: unknown, name: string): unknown {
  if (schema.encrypted) return typeof value === 'string' && value !== '' ? sensitivePlaceholder(name) : value;
  if (schema.jsonContent) {
    const inner = encodedExample(schema.jsonContent, value);
    return inner ? replaceEncrypted(schema.jsonContent, inner.value, name) : exampleOf(schema.jsonContent, name);
  }
  if (schema.type === 'array' && Array.isArray(value) && schema.items) return value.map((v) => replaceEncrypted(schema.items as ModelSchema, v, name));
  if (schema.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in obj) obj[key] = replaceEncrypted(sub, obj[key], key);
    }
  }
  return value;
}
