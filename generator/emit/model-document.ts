/**
 * The OpenAPI document `schema.gen.d.ts` is made from, derived from the model (never from the
 * spec's own text): schema-print.ts turns it into the `paths` types, and what the model knows
 * reaches them as each field's description (enum meanings, "pass plaintext" on a sensitive field).
 * It holds what the client uses: per operation its parameters, request body and documented
 * success response (other answers are thrown as `ApiError`); every schema inlined.
 */
import { setOwn } from '../load/resolve';
import type { Model, ModelOperation, ModelParameter, ModelSchema } from '../model';
import { fieldDoc, holdsCiphertext, type FieldPlace } from './field-doc';

type Json = Record<string, unknown>;

/**
 * The keywords of a schema that its JSDoc block is made of (`type`, `format`, `description`, `enum`,
 * `example`; see schema-jsdoc.ts), without its members: what `schemaObject` gives at the top, so that
 * types.gen.d.ts documents each field exactly as schema.gen.d.ts does.
 */
export function schemaDocFields(s: ModelSchema, place: FieldPlace): Json {
  if (s.jsonContent) {
    // typed as what the string holds (the client encodes and parses it); the string's own example is JSON text
    const { description: _inner, ...content } = schemaDocFields(s.jsonContent, place);
    const description = fieldDoc(s, s.description, place);
    return { ...content, ...(description !== undefined ? { description } : {}) };
  }
  const out: Json = { type: s.type };
  if (s.format !== undefined) out['format'] = s.format;
  const description = fieldDoc(s, s.description, place);
  if (description !== undefined) out['description'] = description;
  if (s.enum !== undefined) out['enum'] = [...s.enum];
  // an example of a sensitive field is ciphertext: useless to a caller who deals in plaintext
  if (s.example !== undefined && !holdsCiphertext(s)) out['example'] = s.example;
  return out;
}

/** The schema whose type a field has: a JSON-encoded string is typed as what it holds. */
export function valueSchema(s: ModelSchema): ModelSchema {
  return s.jsonContent ? valueSchema(s.jsonContent) : s;
}

/** A model schema as an OpenAPI 3.1 schema object, with the model's field docs as `description`. */
export function schemaObject(s: ModelSchema, place: FieldPlace): Json {
  if (s.jsonContent) {
    // as schemaDocFields: what the string holds, with the string's own field doc
    const { description: _inner, ...content } = schemaObject(s.jsonContent, place);
    const description = fieldDoc(s, s.description, place);
    return { ...content, ...(description !== undefined ? { description } : {}) };
  }
  const out = schemaDocFields(s, place);
  if (s.required !== undefined) out['required'] = [...s.required];
  if (s.properties !== undefined) {
    const properties: Json = {};
    for (const [name, sub] of Object.entries(s.properties)) setOwn(properties, name, schemaObject(sub, place));
    out['properties'] = properties;
  }
  if (s.additionalProperties === true) out['additionalProperties'] = true;
  if (s.items !== undefined) out['items'] = schemaObject(s.items, place);
  return out;
}

/** The keywords of a parameter that its JSDoc block is made of: its field doc as `description`. */
export function parameterDocFields(p: ModelParameter): Json {
  const description = fieldDoc(p.schema, p.description ?? p.schema.description, 'request');
  return description !== undefined ? { description } : {};
}

function parameterObject(p: ModelParameter): Json {
  return { name: p.name, in: p.in, required: p.required, ...parameterDocFields(p), schema: schemaObject(p.schema, 'request') };
}

function operationObject(op: ModelOperation): Json {
  const out: Json = {};
  if (op.summary !== undefined) out['summary'] = op.summary;
  if (op.description !== undefined) out['description'] = op.description;
  if (op.deprecated) out['deprecated'] = true;
  if (op.parameters.length > 0) out['parameters'] = op.parameters.map(parameterObject);
  if (op.body !== 'none' && op.bodySchema !== undefined) {
    const type = op.body === 'json' ? 'application/json' : 'multipart/form-data';
    out['requestBody'] = { required: op.bodyRequired, content: { [type]: { schema: schemaObject(op.bodySchema, 'request') } } };
  }
  const { success } = op;
  const response: Json = { description: success.description ?? '' };
  if (success.kind !== 'empty' && success.schema !== undefined) {
    response['content'] = { [success.contentType ?? 'application/json']: { schema: schemaObject(success.schema, 'response') } };
  }
  out['responses'] = { [String(success.status)]: response };
  return out;
}

/** Model → the document of its `paths` (operations in the model's order: by path, then method). */
export function modelDocument(model: Model): Json {
  const paths: Json = {};
  for (const op of model.operations) {
    const item = (paths[op.path] ??= {}) as Json;
    item[op.method.toLowerCase()] = operationObject(op);
  }
  return { openapi: '3.1.0', info: { title: model.title, version: model.version }, paths };
}
