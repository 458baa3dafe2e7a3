import type { FieldSchema, OperationDescriptor } from '../../templates/runtime/operation';
import type { Model, ModelOperation, ModelParameter, ModelSchema } from '../model';
import { layoutJson } from './json-layout';

/** The compact schema the runtime validates with: the model schema without docs, examples or marks the runtime does not read. */
export function fieldSchema(s0: ModelSchema): FieldSchema {
  // a JSON-encoded string is given (and validated) as its decoded value
  const s = s0.jsonContent ?? s0;
  return {
    type: s.type,
    ...(s.format === 'binary' ? { format: s.format } : {}),
    ...(s.enum !== undefined ? { enum: s.enum } : {}),
    ...(s.properties ? { properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, fieldSchema(v)])) } : {}),
    ...(s.required && s.required.length > 0 ? { required: s.required } : {}),
    ...(s.items ? { items: fieldSchema(s.items) } : {}),
  };
}

function slotSchema(params: readonly ModelParameter[]): FieldSchema | undefined {
  if (params.length === 0) return undefined;
  const required = params.filter((p) => p.required).map((p) => p.name);
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, fieldSchema(p.schema)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

/** Model operation → the runtime's plain-data descriptor: only what the runtime reads. */
export function descriptorOf(op: ModelOperation): OperationDescriptor {
  const of = (where: ModelParameter['in']) => slotSchema(op.parameters.filter((p) => p.in === where));
  const path = of('path');
  const query = of('query');
  const headers = of('header');
  const body = op.bodySchema ? fieldSchema(op.bodySchema) : undefined;
  return {
    method: op.method,
    path: op.path,
    ...(op.servers ? { servers: op.servers.map((s) => s.url) } : {}),
    body: op.body,
    request: {
      ...(path ? { path } : {}),
      ...(query ? { query } : {}),
      ...(headers ? { headers } : {}),
      ...(body && op.body === 'json' ? { json: body } : {}),
      ...(body && op.body === 'multipart' ? { multipart: body } : {}),
    },
    response: { kind: op.success.kind },
    encrypted: op.encrypted,
    ...(op.jsonEncoded.request.length + op.jsonEncoded.response.length > 0 ? { jsonEncoded: op.jsonEncoded } : {}),
  };
}

/** Escapes JSON text so that a template literal's value is exactly that text. */
export function templateLiteral(text: string): string {
  return `\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
}

/**
 * `operations.gen.ts`: the table the runtime builds the client from. It is JSON inside a
 * template literal, parsed once at import: type-checking a literal of a thousand operations
 * against OperationTable cost consumers about a second of `tsc` per build; a string costs
 * the type-checker nothing, and JSON.parse is the fastest way to load a large object. Laid
 * out one schema field per line (layoutJson), so a diff of the committed client shows which
 * field of which operation changed.
 */
export function emitOperations(model: Model): string {
  const table: Record<string, Record<string, OperationDescriptor>> = {};
  for (const op of model.operations) {
    (table[op.key] ??= {})[op.method.toLowerCase()] = descriptorOf(op);
  }
  return [
    "import type { OperationTable } from './runtime/index.js';",
    '',
    '/** Every operation of the spec, as plain data: the runtime signs, encrypts, validates and verifies from this table. */',
    `export const operations = JSON.parse(${templateLiteral(layoutJson(table))}) as OperationTable;`,
    '',
  ].join('\n');
}
