import { HTTP_METHODS as METHODS, type LowerHttpMethod } from '../../templates/runtime/methods';
import type { BodyKind, FieldLocation, HttpMethod } from '../../templates/runtime/operation';
import { chainOf } from '../../templates/runtime/naming';
import { CALL_ARG_NAMES } from '../../templates/runtime/call-args';
import { pathParamNames } from '../../templates/runtime/path-template';
import { childPointer } from '../../templates/runtime/pointer';
import { isRecord, type ModelContext } from './context';
import { checkKeys } from './keys';
import { readServers } from './servers';
import { encryptedLocations, jsonEncodedLocations, toModelSchema } from './schema';
import type { ModelOperation, ModelParameter, ModelResponse, ModelSchema } from './types';

const PATH_ITEM_KEYS = new Set<string>([...METHODS, 'parameters', 'summary', 'description', 'servers']);
const JSON_TYPE = 'application/json';
const MULTIPART_TYPE = 'multipart/form-data';

/** Builds the operations of one path item. */
export function pathItemOperations(ctx: ModelContext, path: string, item: Record<string, unknown>): ModelOperation[] {
  for (const k of Object.keys(item)) {
    if (!PATH_ITEM_KEYS.has(k) && !k.startsWith('x-')) {
      const hint = ['head', 'options', 'trace'].includes(k) ? `the ${k.toUpperCase()} method is not used by WeChat Pay APIv3` : 'expected get, post, put, patch, delete, parameters, summary or description';
      ctx.report(item, k, `unexpected key "${k}" in a path item: ${hint}`);
    }
  }
  const shared = item['parameters'];
  const ops: ModelOperation[] = [];
  for (const m of METHODS) {
    const op = item[m];
    if (op === undefined) continue;
    if (!isRecord(op)) {
      ctx.report(item, m, `\`${m}\` must be an operation mapping with at least \`responses\``);
      continue;
    }
    const built = buildOperation(ctx, path, m, op, shared, item);
    if (built) ops.push(built);
  }
  if (ops.length === 0 && METHODS.every((m) => item[m] === undefined)) {
    ctx.report(item, undefined, `path ${path} has no operation; add one of ${METHODS.join(', ')}`);
  }
  return ops;
}

function buildOperation(ctx: ModelContext, path: string, m: LowerHttpMethod, op: Record<string, unknown>, shared: unknown, item: object): ModelOperation | undefined {
  checkKeys(ctx, op, 'operation');
  const operationId = op['operationId'];
  if (operationId !== undefined) {
    const here = `${m.toUpperCase()} ${path}`;
    const first = typeof operationId === 'string' ? ctx.operationIds.get(operationId) : undefined;
    if (typeof operationId !== 'string' || operationId === '') ctx.report(op, 'operationId', '`operationId` must be a non-empty string');
    else if (first !== undefined) ctx.report(op, 'operationId', `operationId "${operationId}" of ${here} is already the operationId of ${first}; each must be unique`);
    else ctx.operationIds.set(operationId, here);
  }
  const before = ctx.problems.length;
  const method = m.toUpperCase() as HttpMethod;
  ctx.scope = 'request';
  const parameters = readParameters(ctx, path, op, shared, item);
  const { body, bodyRequired, bodySchema } = readBody(ctx, op);
  ctx.scope = 'response';
  if (m === 'get' && body !== 'none') ctx.report(op, 'requestBody', 'a GET operation cannot have a requestBody; move the fields to query parameters');
  const success = readSuccess(ctx, op);
  const text = (k: string): string | undefined => {
    const v = op[k];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    ctx.report(op, k, `\`${k}\` must be a string`);
    return undefined;
  };
  const summary = text('summary');
  const description = text('description');
  let externalDocs: ModelOperation['externalDocs'];
  const docs = op['externalDocs'];
  if (docs !== undefined) {
    if (!isRecord(docs) || typeof docs['url'] !== 'string') ctx.report(op, 'externalDocs', '`externalDocs` must be a mapping with a `url` string');
    else externalDocs = typeof docs['description'] === 'string' ? { url: docs['url'], description: docs['description'] } : { url: docs['url'] };
  }
  if (ctx.problems.length > before || !success) return undefined;
  const servers = readServers(ctx, op, item);
  if (ctx.problems.length > before) return undefined;
  const request: FieldLocation[] = [];
  for (const p of parameters) request.push(...encryptedLocations(p.schema, p.in, childPointer('', p.name)));
  request.push(...encryptedLocations(bodySchema, 'body', ''));
  const encodedRequest: FieldLocation[] = [];
  for (const p of parameters) encodedRequest.push(...jsonEncodedLocations(p.schema, p.in, childPointer('', p.name)));
  encodedRequest.push(...jsonEncodedLocations(bodySchema, 'body', ''));
  const key = path.slice(1);
  return {
    id: `${method} ${key}`,
    method,
    path,
    key,
    chain: chainOf(key),
    ...(summary !== undefined ? { summary } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(externalDocs ? { externalDocs } : {}),
    deprecated: op['deprecated'] === true,
    ...(servers ? { servers } : {}),
    file: ctx.fileOf(item),
    parameters,
    body,
    bodyRequired,
    ...(bodySchema ? { bodySchema } : {}),
    success,
    encrypted: { request, response: encryptedLocations(success.schema, 'body', '') },
    jsonEncoded: { request: encodedRequest, response: jsonEncodedLocations(success.schema, 'body', '') },
  };
}

function readParameters(ctx: ModelContext, path: string, op: Record<string, unknown>, shared: unknown, item: object): ModelParameter[] {
  const byKey = new Map<string, ModelParameter>();
  const lists: [unknown, object, string][] = [[shared, item, 'parameters'], [op['parameters'], op, 'parameters']];
  for (const [list, holder, key] of lists) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      ctx.report(holder, key, '`parameters` must be a list');
      continue;
    }
    const seen = new Set<string>();
    list.forEach((raw, i) => {
      const p = readParameter(ctx, raw, list, i);
      if (!p) return;
      const id = `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
      if (seen.has(id)) {
        ctx.report(list, i, `duplicate parameter "${p.name}" in ${p.in}; each name may appear once per location`);
        return;
      }
      seen.add(id);
      byKey.set(id, p);
    });
  }
  const params = [...byKey.values()];
  const declared = new Set(params.filter((p) => p.in === 'path').map((p) => p.name));
  const inTemplate = pathParamNames(path);
  for (const name of inTemplate) {
    if (!declared.has(name)) ctx.report(op, 'parameters', `path ${path} has {${name}} but the operation declares no \`in: path\` parameter "${name}"; add one`);
  }
  for (const p of params) {
    if (p.in === 'path' && CALL_ARG_NAMES.has(p.name)) {
      ctx.report(op, 'parameters', `path parameter "${p.name}" of ${path} has the name of the call's \`${p.name}\` ${['json', 'query', 'headers', 'multipart'].includes(p.name) ? 'slot' : 'option'} (templates/runtime/call-args.ts: ${[...CALL_ARG_NAMES].join(', ')}); path parameters are passed by name beside them, so rename it (in the path and the parameter)`);
    }
    if (p.in === 'path' && !inTemplate.includes(p.name)) {
      ctx.report(op, 'parameters', `path parameter "${p.name}" does not appear in the path ${path}; add {${p.name}} to the path or remove the parameter`);
    }
  }
  return params;
}

export function readParameter(ctx: ModelContext, raw: unknown, list: unknown[], i: number): ModelParameter | undefined {
  if (!isRecord(raw)) {
    ctx.report(list, i, 'a parameter must be a mapping with name, in and schema');
    return undefined;
  }
  checkKeys(ctx, raw, 'parameter');
  const name = raw['name'];
  const where = raw['in'];
  if (typeof name !== 'string' || name === '') {
    ctx.report(raw, 'name' in raw ? 'name' : undefined, 'a parameter needs a non-empty `name`');
    return undefined;
  }
  if (where !== 'path' && where !== 'query' && where !== 'header') {
    ctx.report(raw, 'in' in raw ? 'in' : undefined, `parameter "${name}" has \`in: ${String(where)}\`; use path, query or header${where === 'cookie' ? ' (WeChat Pay does not use cookies)' : ''}`);
    return undefined;
  }
  if (raw['schema'] === undefined) {
    ctx.report(raw, undefined, `parameter "${name}" has no \`schema\`; add e.g. \`schema: { type: string }\``);
    return undefined;
  }
  const schema = toModelSchema(ctx, raw['schema'], raw, 'schema');
  if (!schema) return undefined;
  if (schema.type === 'object') {
    ctx.report(raw, 'schema', `parameter "${name}" cannot be an object; path, query and header values are strings, numbers, booleans or arrays of them`);
    return undefined;
  }
  if (where === 'path' && raw['required'] !== true) {
    ctx.report(raw, 'required' in raw ? 'required' : undefined, `path parameter "${name}" must have \`required: true\``);
    return undefined;
  }
  const description = typeof raw['description'] === 'string' ? raw['description'] : undefined;
  return { name, in: where, required: raw['required'] === true, ...(description !== undefined ? { description } : {}), schema };
}

function readBody(ctx: ModelContext, op: Record<string, unknown>): { body: BodyKind; bodyRequired: boolean; bodySchema?: ModelSchema } {
  const rb = op['requestBody'];
  if (rb === undefined) return { body: 'none', bodyRequired: false };
  if (!isRecord(rb) || !isRecord(rb['content'])) {
    ctx.report(op, 'requestBody', '`requestBody` needs `content` with an `application/json` or `multipart/form-data` schema');
    return { body: 'none', bodyRequired: false };
  }
  checkKeys(ctx, rb, 'requestBody');
  const content = rb['content'];
  const types = Object.keys(content);
  const type = types.find((t) => t === JSON_TYPE || t === MULTIPART_TYPE);
  if (!type || types.length !== 1) {
    ctx.report(rb, 'content', `request body media types [${types.join(', ')}] are not supported; use exactly one of ${JSON_TYPE} or ${MULTIPART_TYPE}`);
    return { body: 'none', bodyRequired: false };
  }
  const media = content[type];
  if (!isRecord(media) || media['schema'] === undefined) {
    ctx.report(content, type, `the ${type} request body has no \`schema\`; describe its fields`);
    return { body: 'none', bodyRequired: false };
  }
  checkKeys(ctx, media, 'mediaType');
  const schema = toModelSchema(ctx, media['schema'], media, 'schema');
  if (schema && type === MULTIPART_TYPE) checkMultipart(ctx, media['schema'] as object, schema);
  const body: BodyKind = type === JSON_TYPE ? 'json' : 'multipart';
  return { body, bodyRequired: rb['required'] === true, ...(schema ? { bodySchema: schema } : {}) };
}

function checkMultipart(ctx: ModelContext, raw: object, schema: ModelSchema): void {
  const file = schema.properties?.['file'];
  if (schema.type !== 'object' || !file || file.type !== 'string' || file.format !== 'binary') {
    ctx.report(raw, undefined, 'a multipart/form-data body must be an object with `file: { type: string, format: binary }` (and usually `meta`)');
  }
}

function readSuccess(ctx: ModelContext, op: Record<string, unknown>): ModelResponse | undefined {
  const responses = op['responses'];
  if (!isRecord(responses)) {
    ctx.report(op, responses === undefined ? undefined : 'responses', 'the operation needs `responses` with at least one 2xx response');
    return undefined;
  }
  for (const r of Object.values(responses)) if (isRecord(r)) checkKeys(ctx, r, 'response');
  const codes = Object.keys(responses).filter((c) => /^2\d\d$/.test(c)).sort();
  const code = codes[0];
  if (code === undefined) {
    ctx.report(op, 'responses', 'the operation has no 2xx response; add e.g. `\'200\'` with an application/json schema, or `\'204\'`');
    return undefined;
  }
  const raw = responses[code];
  const status = Number(code);
  if (!isRecord(raw)) {
    ctx.report(responses, code, `response ${code} must be a mapping with \`description\` and \`content\``);
    return undefined;
  }
  const description = typeof raw['description'] === 'string' ? raw['description'] : undefined;
  const base = { status, ...(description !== undefined ? { description } : {}) };
  const content = raw['content'];
  if (status === 204) {
    if (content !== undefined) ctx.report(raw, 'content', 'a 204 response has no body; remove `content` or use 200');
    return { ...base, kind: 'empty' };
  }
  if (!isRecord(content) || Object.keys(content).length === 0) {
    ctx.report(raw, undefined, `response ${code} has no \`content\` schema; describe the body under \`content: { application/json: { schema: … } }\`, or use '204' for an empty answer`);
    return undefined;
  }
  const [contentType, media] = Object.entries(content)[0] ?? [];
  if (contentType === undefined || !isRecord(media) || media['schema'] === undefined) {
    ctx.report(content, contentType, `response ${code} has no schema for ${String(contentType)}; add \`schema\``);
    return undefined;
  }
  checkKeys(ctx, media, 'mediaType');
  const schema = toModelSchema(ctx, media['schema'], media, 'schema');
  if (!schema) return undefined;
  const isJson = contentType === JSON_TYPE;
  if (!isJson && !(schema.type === 'string' && schema.format === 'binary')) {
    ctx.report(media, 'schema', `a ${contentType} response must be \`{ type: string, format: binary }\` (a download), or use application/json`);
    return undefined;
  }
  return { ...base, kind: isJson ? 'json' : 'binary', contentType, schema, ...(media['example'] !== undefined ? { example: media['example'] } : {}) };
}
