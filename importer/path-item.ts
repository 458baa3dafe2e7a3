/**
 * Stage 3: DocPage → OpenAPI 3.1 Path Item (plain data, keys in the order the
 * hand-written specs use), following the conventions of DESIGN.md §2.
 */
import { pathParamNames } from '../templates/runtime/path-template';
import { isSerialHeader } from '../templates/runtime/serial';
import type { PageIssues } from './issues';
import { HTTP_METHODS, SITE, type DocOperation, type DocPage, type DocTable } from './page';
import { member, toJs, unwrapJson, type JsValue, type PhpValue } from './php';
import type { DocRow } from './rows';
import { cleanText, describe, freeObject, isObject, objectSchema, orderSchema, rowSchema, type Schema, type SchemaContext } from './schema';

export interface PathItemContext {
  readonly issues: PageIssues;
  /** Relative path from the path file to the root document (`../../../wechatpay.yaml`). */
  readonly rootRef: string;
  /** The default server of the API (listed beside an optional `base_uri`). */
  readonly defaultServer: string;
}

const DOWNLOAD_NOTE = /文件流|二进制|binary|stream/i;
const EMPTY_NOTE = /空字符串|无返回内容|无应答|empty/i;

/** The path template with its leading slash: `/v3/…`. */
export function urlPath(page: DocPage): string {
  return `/${page.path}`;
}

export function buildPathItem(page: DocPage, ctx: PathItemContext): Schema {
  const item: Schema = {};
  if (page.mixTitle !== undefined) item['summary'] = page.mixTitle;
  if (page.mixDescription.length > 0) item['description'] = page.mixDescription.join('\n\n');
  const byMethod = new Map(page.operations.map((op) => [op.method, op]));
  for (const m of HTTP_METHODS) {
    const op = byMethod.get(m);
    if (op) item[m] = buildOperation(page, op, ctx);
  }
  return item;
}

function templateParams(path: string): string[] {
  return pathParamNames(path);
}

function buildOperation(page: DocPage, op: DocOperation, ctx: PathItemContext): Schema {
  const args = op.example?.call.args;
  const sctx: SchemaContext = op.example ? { issues: ctx.issues, exampleLine: op.example.line } : { issues: ctx.issues };
  const pathNames = templateParams(page.path);
  const pathParams = new Map<string, Schema>();
  const query: Schema[] = [];
  const headers: Schema[] = [];
  let requestBody: Schema | undefined;
  const servers: Schema[] = [];
  const seen = new Map<string, number>();

  for (const row of op.request?.roots ?? []) {
    const before = seen.get(row.name);
    if (before !== undefined) {
      ctx.issues.warn(row.line, `request row "${row.name}" appears twice (first at line ${before}); the second is skipped`);
      continue;
    }
    seen.set(row.name, row.line);
    if (pathNames.includes(row.name)) {
      pathParams.set(row.name, parameter(row, 'path', toJs(member(args, row.name)), sctx));
      continue;
    }
    switch (row.name) {
      case 'json':
      case 'body':
        if (op.method === 'get') {
          ctx.issues.warn(row.line, `a GET request cannot carry a body; the ${row.name} rows are skipped`);
          break;
        }
        if (requestBody) {
          ctx.issues.warn(row.line, `"${row.name}": the request already has a body (json and body are alternatives); skipped`);
          break;
        }
        if (row.name === 'body') {
          requestBody = multipartBody(row, op, sctx);
          break;
        }
        if (row.type !== 'object' || row.array) ctx.issues.warn(row.line, `"json" should be an object, not ${row.type}${row.array ? '[]' : ''}; imported as an object`);
        requestBody = {
          ...(row.required ? { required: true } : {}),
          content: { 'application/json': { schema: row.children.length > 0 ? objectSchema(row.children, toJs(member(args, 'json')), sctx) : freeObject() } },
        };
        break;
      case 'query':
      case 'headers':
        for (const child of row.children) {
          const target = row.name === 'query' ? query : headers;
          if (target.some((p) => typeof p['name'] === 'string' && p['name'].toLowerCase() === child.name.toLowerCase())) {
            ctx.issues.warn(child.line, `${row.name} parameter "${child.name}" is listed twice; the second is skipped`);
            continue;
          }
          if (row.name === 'headers' && isSerialHeader(child.name)) {
            headers.push({ $ref: `${ctx.rootRef}#/components/parameters/WechatpaySerial` });
            warnSerialWithoutEncryption(op, child, ctx);
            continue;
          }
          if (child.type === 'object') {
            ctx.issues.warn(child.line, `${row.name} parameter "${child.name}" is an object${child.array ? ' list' : ''}; query and header values are scalars, parameter skipped`);
            continue;
          }
          const p = parameter(child, row.name === 'query' ? 'query' : 'header', toJs(member(member(args, row.name), child.name)), sctx);
          target.push(p);
        }
        if (row.children.length === 0) ctx.issues.warn(row.line, `"${row.name}" lists no parameters; skipped`);
        break;
      case 'base_uri':
        servers.push(...baseUriServers(row, toJs(member(args, 'base_uri')), ctx));
        break;
      default:
        ctx.issues.warn(row.line, `request row "${row.name}" is neither a path parameter of ${urlPath(page)} nor one of json, query, headers, body, base_uri; skipped`);
    }
  }
  warnUndocumentedExample(op, pathNames, sctx);
  for (const name of pathNames) {
    if (!pathParams.has(name)) {
      ctx.issues.warn(op.request?.line ?? op.line, `path parameter {${name}} is not described in the request table; imported as a required string`);
      const ex = toJs(member(args, name));
      pathParams.set(name, { name, in: 'path', required: true, schema: { type: 'string', ...(typeof ex === 'string' ? { example: ex } : {}) } });
    }
  }
  const parameters = [...pathNames.map((n) => pathParams.get(n)).filter((p): p is Schema => p !== undefined), ...query, ...headers];

  const out: Schema = { summary: op.summary };
  const description = op.description.join('\n\n');
  if (description !== '') out['description'] = description;
  if (op.deprecated) out['deprecated'] = true;
  out['externalDocs'] = externalDocs(page, op);
  if (servers.length > 0) out['servers'] = servers;
  if (parameters.length > 0) out['parameters'] = parameters;
  if (requestBody) out['requestBody'] = requestBody;
  out['responses'] = { ...successResponse(op, args, sctx), default: { $ref: `${ctx.rootRef}#/components/responses/Error` } };
  return out;
}

/**
 * `Wechatpay-Serial` names the WeChat Pay key that encrypted request fields are encrypted
 * with; a request that sends it yet marks no field `data-encrypted` (e.g. the insurance
 * policies page with its `insured_name_list`) most likely has an unmarked sensitive field.
 */
function warnSerialWithoutEncryption(op: DocOperation, serialRow: DocRow, ctx: PathItemContext): void {
  const anyEncrypted = (rows: readonly DocRow[]): boolean => rows.some((r) => r.encrypted || anyEncrypted(r.children));
  if (anyEncrypted(op.request?.roots ?? [])) return;
  ctx.issues.warn(serialRow.line, `the request ${serialRow.required ? 'requires' : 'lists'} the Wechatpay-Serial header, which only encrypted fields need, but marks no field data-encrypted=by-rsa-pubkey; if a field is sensitive, the client would send it in plaintext`);
}

/** Example options the request table does not document (their values would be lost silently). */
function warnUndocumentedExample(op: DocOperation, pathNames: readonly string[], sctx: SchemaContext): void {
  const example = op.example;
  if (!example) return;
  const args = toJs(example.call.args);
  if (!isObject(args)) return;
  const roots = op.request?.roots ?? [];
  const slots = new Set(['json', 'query', 'headers', 'body', 'base_uri', 'sink', ...pathNames]);
  for (const key of Object.keys(args)) {
    if (!slots.has(key)) {
      sctx.issues.warn(example.line, `the example passes "${key}", which is neither a path parameter nor json, query, headers, body, base_uri or sink; its value is not used`);
      continue;
    }
    if ((key === 'query' || key === 'headers') && isObject(args[key])) {
      const row = roots.find((r) => r.name === key);
      for (const name of Object.keys(args[key])) {
        if (!row?.children.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
          sctx.issues.warn(example.line, `the example sets ${key} "${name}", which the request table does not list; its value is not used`);
        }
      }
    }
  }
}

function parameter(row: DocRow, where: 'path' | 'query' | 'header', example: JsValue | undefined, sctx: SchemaContext): Schema {
  let schema = rowSchema(row, example, sctx) ?? { type: 'string' };
  const { description } = describe(row.description);
  const inner: Schema = { ...schema };
  delete inner['description'];
  schema = orderSchema(inner);
  if (where === 'path' && (row.array || row.type === 'object')) {
    sctx.issues.warn(row.line, `path parameter "${row.name}" is ${row.type}${row.array ? '[]' : ''}; a path segment is a scalar, imported as a string`);
    schema = { type: 'string' };
  }
  return {
    name: row.name,
    in: where,
    ...(where === 'path' || row.required ? { required: true } : {}),
    ...(description !== undefined ? { description } : {}),
    schema,
  };
}

/** `body` rows (`multipart/form-data`): the file part becomes `file` (binary), `meta` an object. */
function multipartBody(row: DocRow, op: DocOperation, sctx: SchemaContext): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  const metaExample = toJs(unwrapJson(op.example?.call.meta));
  for (const child of row.children) {
    if (child.name === 'meta') {
      const { description } = describe(child.description);
      const extra: Schema = description !== undefined ? { description } : {};
      if (child.type !== 'string' && child.type !== 'object') sctx.issues.warn(child.line, `upload "meta" is ${child.type}; imported as an object`);
      properties['meta'] = child.children.length > 0 ? objectSchema(child.children, isObject(metaExample) ? metaExample : undefined, sctx, extra) : freeObject(extra);
      if (child.required) required.push('meta');
      continue;
    }
    if (child.type === 'object' && !child.array && child.children.length === 0) {
      if (properties['file'] !== undefined) {
        sctx.issues.warn(child.line, `upload part "${child.name}": a second file part; only one file per upload is supported, skipped`);
        continue;
      }
      const { description } = describe(child.description);
      const note = child.name === 'file' ? undefined : `文档字段名 ${child.name}，上传时的 multipart 字段名为 file`;
      const text = [description, note].filter((t) => t !== undefined).join('\n\n');
      properties['file'] = { type: 'string', format: 'binary', ...(text !== '' ? { description: text } : {}) };
      if (child.required) required.push('file');
      continue;
    }
    sctx.issues.warn(child.line, `upload part "${child.name}" (${child.type}${child.array ? '[]' : ''}) is neither the file (an object without nested rows) nor meta; skipped`);
  }
  if (properties['file'] === undefined) sctx.issues.warn(row.line, '"body" has no file part (an object row without nested rows); the upload has no file field');
  const { description } = describe(row.description);
  if (description !== undefined && !/multipart\/form-data/.test(description)) {
    sctx.issues.warn(row.line, `"body" is described as "${description}", not multipart/form-data; imported as multipart/form-data`);
  }
  const ordered: Schema = {};
  for (const k of ['file', 'meta']) if (properties[k] !== undefined) ordered[k] = properties[k];
  const orderedRequired = ['file', 'meta'].filter((k) => required.includes(k));
  return {
    ...(row.required ? { required: true } : {}),
    content: { 'multipart/form-data': { schema: { type: 'object', ...(orderedRequired.length > 0 ? { required: orderedRequired } : {}), properties: ordered } } },
  };
}

function baseUriServers(row: DocRow, example: JsValue | undefined, ctx: PathItemContext): Schema[] {
  const fromText = /`(https?:\/\/[^`\s]+)`/.exec(row.description)?.[1];
  const url = (fromText ?? (typeof example === 'string' ? example : undefined))?.replace(/\/+$/, '');
  if (url === undefined) {
    ctx.issues.warn(row.line, '"base_uri" names no URL (neither in the description nor in the example); skipped');
    return [];
  }
  const label = /\(([^)]*)\)\s*$/.exec(row.description)?.[1] ?? /（([^）]*)）\s*$/.exec(row.description)?.[1];
  const server: Schema = { url, ...(label ? { description: label } : {}) };
  if (row.required || url === ctx.defaultServer) return [server];
  return [{ url: ctx.defaultServer }, server];
}

function externalDocs(page: DocPage, op: DocOperation): Schema {
  const [first, ...rest] = op.links;
  if (!first) {
    return { description: op.summary, url: `${SITE}/openapi/${page.path}${op.inMix ? `#${op.method}` : ''}` };
  }
  const more = rest.map((l) => l.url).filter((u, i, all) => u !== first.url && all.indexOf(u) === i);
  const text = first.text !== '' ? first.text : '官方文档';
  return { description: more.length > 0 ? `${text}（另见 ${more.join('、')}）` : text, url: first.url };
}

function successResponse(op: DocOperation, args: PhpValue | undefined, sctx: SchemaContext): Schema {
  const table: DocTable | undefined = op.response;
  const sink = member(args, 'sink') !== undefined;
  const notes = table?.notes ?? [];
  const rows = table?.roots ?? [];
  if (rows.length > 0) {
    for (const n of notes) sctx.issues.warn(n.line, `response note "${n.text}" beside documented fields; ignored`);
    if (sink) sctx.issues.warn(op.example?.line ?? op.line, 'the example saves the answer to a file (\'sink\') but the response table lists JSON fields; imported as JSON');
    return { '200': { description: 'OK', content: { 'application/json': { schema: objectSchema(rows, undefined, sctx) } } } };
  }
  const download = notes.find((n) => DOWNLOAD_NOTE.test(n.text));
  if (download || sink) {
    for (const n of notes) if (n !== download) sctx.issues.warn(n.line, `response note "${n.text}" beside a download; ignored`);
    return { '200': { description: download ? cleanText(download.text) : '文件流', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } };
  }
  const empty = notes.find((n) => EMPTY_NOTE.test(n.text));
  for (const n of notes) if (n !== empty) sctx.issues.warn(n.line, `response note "${n.text}" is not understood (expected 空字符串(无返回内容) or 文件流); ignored`);
  return { '204': { description: empty ? cleanText(empty.text) : '无返回内容' } };
}
