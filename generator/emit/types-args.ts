/**
 * Per operation, its `…Args` interface and `…Data` type, written out from the model (no indexed access into
 * `paths`: a consumer's tsc then reads types.gen.d.ts alone). Each slot has the type schema.gen.d.ts gives it
 * (`NonNullable<paths[p][m]['parameters']['query']>`, the JSON body, the success answer, …), fields with the
 * same JSDoc; tests/generator/types-equivalence.test.ts checks them identical, operation by operation.
 */
import { isSerialHeader } from '../../templates/runtime/serial';
import type { ModelOperation, ModelParameter } from '../model';
import { fieldDoc } from './field-doc';
import { parameterDocFields } from './model-document';
import { propertyKey } from './names';
import { propertyName } from './schema-print';
import { escapeDoc, tsDoc } from './tsdoc';
import { docBlock, memberText, propertyType, schemaType, typeLiteral } from './type-text';

/** Whether a call must pass arguments: a required parameter (other than `Wechatpay-Serial`, which the client fills in) or body. */
export function argsRequired(op: ModelOperation): boolean {
  return op.parameters.some((p) => p.required && (p.in !== 'header' || !isSerialHeader(p.name))) || (op.body !== 'none' && op.bodyRequired);
}

/** The parameters in `place`, one per name, the last of a name winning (as `paths` keys them). */
function parametersIn(op: ModelOperation, place: ModelParameter['in']): ModelParameter[] {
  const byName = new Map<string, ModelParameter>();
  for (const p of op.parameters) if (p.in === place) byName.set(p.name, p);
  return [...byName.values()];
}

/** `{ readonly name?: type; … }` of the parameters in one place, as `paths[p][m]['parameters'][place]` has it. */
function parametersType(list: readonly ModelParameter[], level: number): string {
  return typeLiteral(list.map((p) => memberText(docBlock(parameterDocFields(p), level + 1), level + 1, propertyName(p.name), !p.required, schemaType(p.schema, 'request', level + 1).text)), level);
}

/** A slot of the arguments (`query`, `json`, …) with its fixed doc. */
function slot(doc: string, name: string, optional: boolean, type: string): string {
  return memberText(tsDoc(doc, 1), 1, name, optional, type);
}

/** `export interface …Args extends CallOptions { … }`. */
export function argsDeclaration(op: ModelOperation, name: string): string {
  const members: string[] = [];
  for (const p of parametersIn(op, 'path')) {
    const doc = fieldDoc(p.schema, p.description ?? p.schema.description, 'request');
    members.push(memberText(tsDoc(doc === undefined ? '' : escapeDoc(doc), 1), 1, propertyKey(p.name), false, schemaType(p.schema, 'request', 1).text));
  }
  const query = parametersIn(op, 'query');
  if (query.length > 0) members.push(slot('Query parameters, encoded once onto the URL.', 'query', !query.some((p) => p.required), parametersType(query, 1)));
  const headers = parametersIn(op, 'header');
  if (headers.length > 0) {
    const serial = headers.some((p) => isSerialHeader(p.name));
    const required = headers.some((p) => p.required && !isSerialHeader(p.name));
    const type = parametersType(headers, 1);
    members.push(slot(serial ? 'Request headers; `Wechatpay-Serial` is filled in by the client when left out.' : 'Request headers.', 'headers', !required, serial ? `SerialOptional<${type}>` : type));
  }
  if (op.body === 'json' && op.bodySchema !== undefined) {
    members.push(slot('The JSON body; `x-encrypted` fields are given in plaintext and encrypted by the client.', 'json', !op.bodyRequired, schemaType(op.bodySchema, 'request', 1).text));
  } else if (op.body === 'multipart' && op.bodySchema !== undefined) {
    members.push(slot('The upload: the `file` bytes and the `meta` JSON that describes them (and is signed).', 'multipart', !op.bodyRequired, `MultipartArgs${metaType(op)}`));
  }
  return `${tsDoc(`Arguments of \`${op.method} ${op.path}\`.`, 0)}export interface ${name} extends CallOptions {\n${members.join('')}}\n`;
}

/** `<M>` of `MultipartArgs<M>`: the type of the body's `meta` property (`| undefined` when it is optional), or nothing without one. */
function metaType(op: ModelOperation): string {
  const body = op.bodySchema;
  const meta = body?.properties?.['meta'];
  if (body === undefined || meta === undefined) return '';
  return `<${propertyType(meta, 'request', 1).text}${body.required?.includes('meta') ? '' : ' | undefined'}>`;
}

/** `export type …Data = …;`: the success answer's type (`undefined` for a 204). */
export function dataDeclaration(op: ModelOperation, name: string): string {
  const type = op.success.kind === 'empty' || op.success.schema === undefined ? 'undefined' : schemaType(op.success.schema, 'response', 0).text;
  const doc = `The data of a successful \`${op.method} ${op.path}\`${op.encrypted.response.length ? ', sensitive fields already decrypted' : ''}.`;
  return `${tsDoc(doc, 0)}export type ${name} = ${type};\n`;
}
