import type { FieldLocation, FieldType } from '../../templates/runtime/operation';
import { childPointer, EVERY_ITEM } from '../../templates/runtime/pointer';
import { isRecord, type ModelContext } from './context';
import { setOwn } from '../load/resolve';
import { checkKeys } from './keys';
import type { ModelSchema } from './types';

const TYPES: readonly FieldType[] = ['string', 'integer', 'number', 'boolean', 'object', 'array'];
const UNSUPPORTED = ['allOf', 'oneOf', 'anyOf', 'not', 'if', 'then', 'else', 'patternProperties'] as const;

/** Turns one resolved schema into a ModelSchema, reporting every problem; `undefined` when unusable. */
export function toModelSchema(ctx: ModelContext, raw: unknown, holder: object, key: string | number): ModelSchema | undefined {
  if (!isRecord(raw)) {
    ctx.report(holder, key, 'a schema must be a mapping with at least `type`, e.g. `{ type: string }`');
    return undefined;
  }
  checkKeys(ctx, raw, 'schema');
  for (const k of UNSUPPORTED) {
    if (k in raw) ctx.report(raw, k, `\`${k}\` is not supported by wxpay-gen; describe the field with a single \`type\` (and \`properties\`/\`items\`)`);
  }
  const type = raw['type'];
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) {
    const shown = Array.isArray(type) ? `[${type.join(', ')}]` : JSON.stringify(type);
    ctx.report(raw, type === undefined ? undefined : 'type', type === undefined
      ? `schema has no \`type\`; add one of ${TYPES.join(', ')}`
      : `unknown type ${shown}; use one of ${TYPES.join(', ')}`);
    return undefined;
  }
  const t = type as FieldType;
  const out: { -readonly [K in keyof ModelSchema]: ModelSchema[K] } = { type: t };
  if (raw['description'] !== undefined) {
    if (typeof raw['description'] === 'string') out.description = raw['description'];
    else ctx.report(raw, 'description', '`description` must be a string');
  }
  if (raw['format'] !== undefined) {
    if (typeof raw['format'] === 'string') out.format = raw['format'];
    else ctx.report(raw, 'format', '`format` must be a string such as `binary` or `date-time`');
  }
  if (raw['example'] !== undefined) out.example = raw['example'];
  readEnum(ctx, raw, t, out);
  readEncrypted(ctx, raw, t, out);
  if (t === 'object') readObject(ctx, raw, out);
  else if ('properties' in raw || 'required' in raw) {
    ctx.report(raw, 'properties' in raw ? 'properties' : 'required', `\`${'properties' in raw ? 'properties' : 'required'}\` only applies to \`type: object\`, but this schema is \`type: ${t}\``);
  }
  if (t === 'array') {
    if (raw['items'] === undefined) ctx.report(raw, undefined, '`type: array` needs `items` saying what the elements are, e.g. `items: { type: string }`');
    else {
      const items = toModelSchema(ctx, raw['items'], raw, 'items');
      if (items) out.items = items;
    }
  } else if ('items' in raw) {
    ctx.report(raw, 'items', `\`items\` only applies to \`type: array\`, but this schema is \`type: ${t}\``);
  }
  return out;
}

function readEnum(ctx: ModelContext, raw: Record<string, unknown>, t: FieldType, out: { enum?: ModelSchema['enum']; enumDescriptions?: ModelSchema['enumDescriptions'] }): void {
  const values = raw['enum'];
  if (values !== undefined) {
    if (!Array.isArray(values) || values.length === 0) {
      ctx.report(raw, 'enum', '`enum` must be a non-empty list of values');
    } else {
      const bad = values.findIndex((v) => !matchesType(v, t));
      if (bad >= 0) ctx.report(values, bad, `enum value ${JSON.stringify(values[bad])} is not a ${t}; every value must match \`type: ${t}\`${t === 'string' ? " (quote numbers: '1')" : ''}`);
      else if (new Set(values).size !== values.length) ctx.report(raw, 'enum', '`enum` lists a value twice');
      else out.enum = values as (string | number | boolean)[];
    }
  }
  const meanings = raw['x-enum-descriptions'];
  if (meanings !== undefined) {
    if (!isRecord(meanings) || Object.values(meanings).some((m) => typeof m !== 'string')) {
      ctx.report(raw, 'x-enum-descriptions', '`x-enum-descriptions` must map each enum value to a string');
    } else if (out.enum === undefined) {
      ctx.report(raw, 'x-enum-descriptions', '`x-enum-descriptions` needs an `enum` beside it');
    } else {
      const known = new Set(out.enum.map(String));
      const stray = Object.keys(meanings).find((k) => !known.has(k));
      if (stray !== undefined) ctx.report(meanings, stray, `\`x-enum-descriptions\` describes "${stray}", which is not one of the enum values`);
      else out.enumDescriptions = meanings as Record<string, string>;
    }
  }
}

function readEncrypted(ctx: ModelContext, raw: Record<string, unknown>, t: FieldType, out: { encrypted?: true; encryptedContent?: readonly ModelSchema[]; jsonContent?: ModelSchema }): void {
  const value = raw['x-encrypted'];
  if (value === 'aes-gcm') {
    readAesGcm(ctx, raw, t, out);
    return;
  }
  // contentMediaType / contentSchema without aes-gcm: a JSON-encoded string (JSON Schema's own meaning)
  if (value === undefined) {
    readJsonContent(ctx, raw, t, out);
    return;
  }
  if (value === 'rsa' && raw['contentSchema'] !== undefined) {
    ctx.report(raw, 'x-encrypted', '`x-encrypted: rsa` on a JSON-encoded string (`contentSchema`) is not supported; mark the sensitive fields inside `contentSchema` instead');
    return;
  }
  if (value !== 'rsa') {
    ctx.report(raw, 'x-encrypted', `unknown x-encrypted value ${JSON.stringify(value)}; use \`rsa\` (RSA-OAEP with the WeChat Pay public key) or, for a notification's resource.ciphertext, \`aes-gcm\``);
    return;
  }
  if (t !== 'string') {
    ctx.report(raw, 'x-encrypted', `x-encrypted is only allowed on \`type: string\` (ciphertext is a base64 string), but this schema is \`type: ${t}\``);
    return;
  }
  out.encrypted = true;
}

/**
 * `{ type: string, contentMediaType: application/json, contentSchema }` in a path's request or answer:
 * the string carries JSON described by `contentSchema`. Elsewhere (a notification payload) and without a
 * `contentSchema` (nothing to type it with) the field stays a plain string.
 */
function readJsonContent(ctx: ModelContext, raw: Record<string, unknown>, t: FieldType, out: { jsonContent?: ModelSchema }): void {
  const content = raw['contentSchema'];
  if (content === undefined || (ctx.scope !== 'request' && ctx.scope !== 'response')) return;
  if (t !== 'string') {
    ctx.report(raw, 'contentSchema', `\`contentSchema\` describes the JSON inside a string, but this schema is \`type: ${t}\``);
    return;
  }
  if (raw['contentMediaType'] !== 'application/json') {
    ctx.report(raw, 'contentMediaType' in raw ? 'contentMediaType' : 'contentSchema', '`contentSchema` needs `contentMediaType: application/json` (wxpay-gen encodes and parses JSON-encoded strings only)');
    return;
  }
  const inner = toModelSchema(ctx, content, raw, 'contentSchema');
  if (inner) out.jsonContent = inner;
}

/**
 * `{ type: string, x-encrypted: aes-gcm, contentMediaType: application/json, contentSchema }`:
 * base64 AEAD_AES_256_GCM ciphertext of JSON described by `contentSchema` (or each of its `oneOf`).
 */
function readAesGcm(ctx: ModelContext, raw: Record<string, unknown>, t: FieldType, out: { encryptedContent?: readonly ModelSchema[] }): void {
  if (ctx.scope !== 'webhook') {
    const where = ctx.scope === 'request' ? "a path's request" : ctx.scope === 'payload' ? 'a decrypted notification payload' : ctx.scope === 'answer' ? "a notification's answer" : "a path's response";
    ctx.report(raw, 'x-encrypted', `\`x-encrypted: aes-gcm\` is only supported on a webhook's resource.ciphertext, not in ${where}; use \`rsa\` for sensitive fields of API calls`);
    return;
  }
  if (t !== 'string') {
    ctx.report(raw, 'x-encrypted', `\`x-encrypted: aes-gcm\` is only allowed on \`type: string\` (base64 ciphertext), but this schema is \`type: ${t}\``);
    return;
  }
  if (raw['contentMediaType'] !== 'application/json') {
    ctx.report(raw, 'contentMediaType' in raw ? 'contentMediaType' : 'x-encrypted', '`x-encrypted: aes-gcm` needs `contentMediaType: application/json` (the plaintext is JSON)');
  }
  const content = raw['contentSchema'];
  if (content === undefined) {
    ctx.report(raw, 'x-encrypted', '`x-encrypted: aes-gcm` needs a `contentSchema` describing the decrypted JSON');
    return;
  }
  const before = ctx.scope;
  ctx.scope = 'payload';
  try {
    const variants = isRecord(content) && Array.isArray(content['oneOf']) && Object.keys(content).every((k) => k === 'oneOf' || k === 'description' || k.startsWith('x-'))
      ? (content['oneOf'] as unknown[]).map((v, i) => toModelSchema(ctx, v, content['oneOf'] as unknown[], i))
      : [toModelSchema(ctx, content, raw, 'contentSchema')];
    if (variants.length === 0) ctx.report(content as object, 'oneOf', '`contentSchema.oneOf` must list at least one payload schema');
    if (variants.every((v): v is ModelSchema => v !== undefined)) out.encryptedContent = variants;
  } finally {
    ctx.scope = before;
  }
}

/** Every `x-encrypted: aes-gcm` string reachable from `schema`, as JSON pointers. */
export function aesGcmPointers(schema: ModelSchema | undefined, base = ''): string[] {
  if (!schema) return [];
  if (schema.encryptedContent) return [base];
  if (schema.type === 'array') return aesGcmPointers(schema.items, childPointer(base, EVERY_ITEM));
  if (schema.type === 'object' && schema.properties) return Object.entries(schema.properties).flatMap(([k, v]) => aesGcmPointers(v, childPointer(base, k)));
  return [];
}

function readObject(ctx: ModelContext, raw: Record<string, unknown>, out: { properties?: ModelSchema['properties']; required?: ModelSchema['required']; additionalProperties?: true }): void {
  const extra = raw['additionalProperties'];
  if (extra === true || isRecord(extra)) out.additionalProperties = true;
  const props = raw['properties'];
  const properties: Record<string, ModelSchema> = {};
  if (props !== undefined) {
    if (!isRecord(props)) ctx.report(raw, 'properties', '`properties` must be a mapping of field name → schema');
    else {
      for (const [name, sub] of Object.entries(props)) {
        const s = toModelSchema(ctx, sub, props, name);
        if (s) setOwn(properties, name, s);
      }
      out.properties = properties;
    }
  }
  const required = raw['required'];
  if (required !== undefined) {
    if (!Array.isArray(required) || required.some((r) => typeof r !== 'string')) {
      ctx.report(raw, 'required', '`required` on an object must be a list of property names');
    } else {
      const names = isRecord(props) ? props : {};
      const missing = required.findIndex((r) => !((r as string) in names));
      if (missing >= 0) ctx.report(required, missing, `required field "${String(required[missing])}" is not among the object's properties; add it to \`properties\` or remove it from \`required\``);
      else if (required.length > 0) out.required = required as string[];
    }
  }
}

function matchesType(v: unknown, t: FieldType): boolean {
  switch (t) {
    case 'string': return typeof v === 'string';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    default: return false;
  }
}

/**
 * Every `encrypted` string reachable from `schema`, as locations in `where` below the pointer `base`;
 * through a JSON-encoded string into its content (the client encrypts before encoding, decrypts after parsing).
 */
export function encryptedLocations(schema: ModelSchema | undefined, where: FieldLocation['in'], base: string): FieldLocation[] {
  if (!schema) return [];
  if (schema.encrypted) return [{ in: where, pointer: base }];
  if (schema.jsonContent) return encryptedLocations(schema.jsonContent, where, base);
  if (schema.type === 'array') return encryptedLocations(schema.items, where, childPointer(base, EVERY_ITEM));
  if (schema.type === 'object' && schema.properties) {
    return Object.entries(schema.properties).flatMap(([name, sub]) => encryptedLocations(sub, where, childPointer(base, name)));
  }
  return [];
}

/** Every JSON-encoded string (`jsonContent`) reachable from `schema`, outer ones before those inside their content. */
export function jsonEncodedLocations(schema: ModelSchema | undefined, where: FieldLocation['in'], base: string): FieldLocation[] {
  if (!schema) return [];
  if (schema.jsonContent) return [{ in: where, pointer: base }, ...jsonEncodedLocations(schema.jsonContent, where, base)];
  if (schema.type === 'array') return jsonEncodedLocations(schema.items, where, childPointer(base, EVERY_ITEM));
  if (schema.type === 'object' && schema.properties) {
    return Object.entries(schema.properties).flatMap(([name, sub]) => jsonEncodedLocations(sub, where, childPointer(base, name)));
  }
  return [];
}
