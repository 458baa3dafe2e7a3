/**
 * `schema.gen.d.ts` printed straight from the model's document (model-document.ts), as text: the `paths`
 * interface openapi-typescript's `transformSchema` + TypeScript's printer made from that document (options as
 * emitSchemaTypes had them: immutable, `format: binary` → `Uint8Array`), byte for byte, without building
 * and printing a syntax tree — that was a third of a whole-corpus generation. The document only ever holds
 * what model-document.ts writes (inlined schemas of type/format/description/enum/example/required/properties/
 * additionalProperties/items, parameters, one request body, one response); anything else is an internal error.
 * tests/generator/schema-print.test.ts holds this printer to openapi-typescript's output on the whole doc
 * corpus, on specs/ and the golden fixtures, and on hostile names and texts.
 */
import { jsDocBlock } from './schema-jsdoc';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PARAMETER_PLACES = ['query', 'header', 'path', 'cookie'] as const;
const SCHEMA_KEYS = new Set(['type', 'format', 'description', 'enum', 'example', 'required', 'properties', 'additionalProperties', 'items']);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z_$0-9]*$/;

/** A printed type and the syntax it is, for TypeScript's parenthesising rules. */
interface TypeText {
  readonly text: string;
  readonly kind: 'plain' | 'union' | 'intersection' | 'array' | 'operator';
}

const plain = (text: string): TypeText => ({ text, kind: 'plain' });
const NEVER = plain('never');
const UNKNOWN = plain('unknown');

function indent(level: number): string {
  return '    '.repeat(level);
}

/** The document's `paths` as the declaration file's text. */
export function printSchemaTypes(doc: Json): string {
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  const members: string[] = [];
  for (const [url, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    if ('$ref' in item) throw unsupported(`paths[${url}].$ref`);
    members.push(member(1, undefined, 'readonly ', propertyName(url), '', pathItemType(item, 1)));
  }
  const head = members.length > 0 ? `export interface paths {\n${members.join('')}}\n` : 'export type paths = Record<string, never>;\n';
  return `${head}export type webhooks = Record<string, never>;\nexport type components = Record<string, never>;\nexport type $defs = Record<string, never>;\nexport type operations = Record<string, never>;\n`;
}

/** One member of a type literal at `level`, with its JSDoc: `readonly name?: type;` and a line break. */
function member(level: number, docOf: Json | undefined, modifiers: string, name: string, question: '' | '?', type: TypeText): string {
  return `${docOf === undefined ? '' : jsDocBlock(docOf, level)}${indent(level)}${modifiers}${name}${question}: ${type.text};\n`;
}

function typeLiteral(members: readonly string[], level: number): TypeText {
  return plain(members.length === 0 ? '{}' : `{\n${members.join('')}${indent(level)}}`);
}

function pathItemType(item: Json, level: number): TypeText {
  const inner = level + 1;
  const pathParameters = Array.isArray(item['parameters']) ? (item['parameters'] as Json[]) : [];
  const members = [parametersMember(pathParameters, inner)];
  for (const method of METHODS) {
    const op = item[method];
    if (!isObject(op)) {
      members.push(member(inner, undefined, 'readonly ', method, '?', NEVER));
      continue;
    }
    if ('$ref' in op || 'operationId' in op) throw unsupported(`${method}.$ref/operationId`);
    // openapi-typescript keys the path's and the operation's parameters by place and name: a later one replaces an earlier one in its place
    const keyed = new Map<string, Json>();
    for (const p of [...pathParameters, ...(Array.isArray(op['parameters']) ? (op['parameters'] as Json[]) : [])]) keyed.set(`${String(p['in'])}-${String(p['name'])}`, p);
    members.push(member(inner, op, 'readonly ', method, '', typeLiteral(operationMembers(op, [...keyed.values()], inner + 1), inner)));
  }
  return typeLiteral(members, level);
}

function operationMembers(op: Json, parameters: readonly Json[], level: number): string[] {
  const members = [parametersMember(parameters, level)];
  const body = op['requestBody'];
  if (isObject(body)) {
    members.push(member(level, body, 'readonly ', 'requestBody', body['required'] ? '' : '?', requestBodyType(body, level)));
  } else {
    members.push(member(level, undefined, 'readonly ', 'requestBody', '?', NEVER));
  }
  members.push(member(level, undefined, 'readonly ', 'responses', '', responsesType(isObject(op['responses']) ? op['responses'] : {}, level)));
  return members;
}

function parametersMember(parameters: readonly Json[], level: number): string {
  const places = PARAMETER_PLACES.map((place) => {
    const inner = level + 2;
    const list = parameters.filter((p) => p['in'] === place);
    const optional = list.map((p) => place !== 'path' && !p['required']);
    const members = list.map((p, i) => member(inner, p, 'readonly ', propertyName(String(p['name'])), optional[i] ? '?' : '', isObject(p['schema']) ? schemaType(p['schema'], inner) : plain('string')));
    const allOptional = optional.every(Boolean);
    return member(level + 1, undefined, 'readonly ', place, allOptional ? '?' : '', members.length > 0 ? typeLiteral(members, level + 1) : NEVER);
  });
  return member(level, undefined, 'readonly ', 'parameters', '', typeLiteral(places, level));
}

function contentMembers(content: Json, level: number): string[] {
  return Object.entries(content).map(([type, media]) => {
    const m = isObject(media) ? media : {};
    if ('$ref' in m) throw unsupported('content.$ref');
    return member(level, m, 'readonly ', propertyName(type), '', isObject(m['schema']) ? schemaType(m['schema'], level) : UNKNOWN);
  });
}

function requestBodyType(body: Json, level: number): TypeText {
  const inner = level + 1;
  const media = contentMembers(isObject(body['content']) ? body['content'] : {}, inner + 1);
  const content = media.length > 0 ? media : [member(inner + 1, undefined, '', propertyName('*/*'), '?', NEVER)];
  return typeLiteral([member(inner, undefined, 'readonly ', 'content', '', typeLiteral(content, inner))], level);
}

function responsesType(responses: Json, level: number): TypeText {
  const inner = level + 1;
  const members = Object.entries(responses).map(([code, response]) => {
    const r = isObject(response) ? response : {};
    if ('$ref' in r || 'headers' in r) throw unsupported('response.$ref/headers');
    const content = isObject(r['content']) ? contentMembers(r['content'], inner + 2) : [];
    const parts = [
      member(inner + 1, undefined, '', 'headers', '', typeLiteral([`${indent(inner + 2)}readonly [name: string]: unknown;\n`], inner + 1)),
      content.length > 0 ? member(inner + 1, undefined, '', 'content', '', typeLiteral(content, inner + 1)) : member(inner + 1, undefined, '', 'content', '?', NEVER),
    ];
    return member(inner, r, 'readonly ', propertyName(code), '', typeLiteral(parts, inner));
  });
  return members.length > 0 ? typeLiteral(members, level) : NEVER;
}

/** A schema's type; `level` is the indentation of the line it starts on. */
function schemaType(s: Json, level: number): TypeText {
  for (const k of Object.keys(s)) if (!SCHEMA_KEYS.has(k)) throw unsupported(`schema keyword ${k}`);
  const type = s['type'];
  if (Array.isArray(s['enum']) && type !== 'object' && !('properties' in s) && !('additionalProperties' in s)) return union((s['enum'] as unknown[]).map(literal));
  if (Array.isArray(s['enum']) && type === 'object') throw unsupported('enum on an object');
  const core = coreType(s, level);
  if (core !== undefined) return core;
  return 'type' in s ? plain('Record<string, never>') : UNKNOWN;
}

function coreType(s: Json, level: number): TypeText | undefined {
  const type = s['type'];
  if (type) {
    if (s['format'] === 'binary') return plain('Uint8Array');
    if (type === 'null') return plain('null');
    if (type === 'string') return plain('string');
    if (type === 'number' || type === 'integer') return plain('number');
    if (type === 'boolean') return plain('boolean');
    if (type === 'array') {
      const items = s['items'];
      let item = UNKNOWN;
      if (Array.isArray(items)) throw unsupported('tuple items');
      if (isObject(items)) item = items['type'] === 'array' ? arrayOf(schemaType(items, level)) : schemaType(items, level);
      return { text: `readonly ${(item.kind === 'array' ? item : arrayOf(item)).text}`, kind: 'operator' };
    }
    if (Array.isArray(type)) throw unsupported('type list');
  }
  const properties = isObject(s['properties']) ? s['properties'] : {};
  const names = Object.keys(properties);
  if (names.length === 0 && !s['additionalProperties']) return undefined;
  const required = Array.isArray(s['required']) ? (s['required'] as unknown[]) : undefined;
  const members = names.map((k) => {
    const v = properties[k];
    if (!isObject(v)) throw unsupported(`property ${k}`);
    // openapi-typescript applies the binary transform to every property again, whatever its type
    const t = v['format'] === 'binary' ? plain('Uint8Array') : schemaType(v, level + 1);
    return member(level + 1, v, 'readonly ', propertyName(k), required?.includes(k) ? '' : '?', t);
  });
  if (s['additionalProperties'] === undefined || s['additionalProperties'] === false) return typeLiteral(members, level);
  if (s['additionalProperties'] !== true) throw unsupported('additionalProperties schema');
  const index = typeLiteral([`${indent(level + 1)}readonly [key: string]: unknown;\n`], level);
  return members.length > 0 ? { text: `${typeLiteral(members, level).text} & ${index.text}`, kind: 'intersection' } : index;
}

/** `T[]`, parenthesising T as TypeScript's factory does for an array's element type. */
function arrayOf(t: TypeText): TypeText {
  return { text: `${t.kind === 'plain' || t.kind === 'array' ? t.text : `(${t.text})`}[]`, kind: 'array' };
}

function literal(v: unknown): TypeText {
  if (typeof v === 'string') return plain(JSON.stringify(v));
  if (typeof v === 'number') return plain(String(v));
  if (typeof v === 'boolean') return plain(String(v));
  if (v === null) return plain('null');
  throw unsupported('enum value that is not a string, number, boolean or null');
}

/** A union of literals: one alone is itself; a second `null` is dropped (openapi-typescript's dedupe). */
function union(types: readonly TypeText[]): TypeText {
  if (types.length === 0) return NEVER;
  if (types.length === 1) return types[0] as TypeText;
  let sawNull = false;
  const kept = types.filter((t) => {
    if (t.text !== 'null') return true;
    if (sawNull) return false;
    sawNull = true;
    return true;
  });
  return { text: kept.map((t) => t.text).join(' | '), kind: 'union' };
}

/** A property name as TypeScript prints openapi-typescript's: a number or identifier as it is, else a double-quoted string. */
export function propertyName(name: string): string {
  if (String(Number(name)) === name && name[0] !== '-') return name;
  if (IDENTIFIER.test(name)) return name;
  return `"${escapeNonAscii(name)}"`;
}

const ESCAPED = /[\\"\u0000-\u001f\t\v\f\b\r\n\u2028\u2029\u0085]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\t': '\\t', '\v': '\\v', '\f': '\\f', '\b': '\\b', '\r': '\\r', '\n': '\\n', '\\': '\\\\', '"': '\\"', '\u2028': '\\u2028', '\u2029': '\\u2029', '\u0085': '\\u0085' };

function utf16Escape(code: number): string {
  return `\\u${`0000${code.toString(16).toUpperCase()}`.slice(-4)}`;
}

/** TypeScript's escapeNonAsciiString for a double-quoted literal. */
function escapeNonAscii(s: string): string {
  const escaped = s.replace(ESCAPED, (c: string, offset: number) => {
    if (c === '\0') {
      const next = s.charCodeAt(offset + 1);
      return next >= 48 && next <= 57 ? '\\x00' : '\\0';
    }
    return ESCAPES[c] ?? utf16Escape(c.charCodeAt(0));
  });
  return escaped.replace(/[^\u0000-\u007F]/g, (c) => utf16Escape(c.charCodeAt(0)));
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function unsupported(what: string): Error {
  return new Error(`wxpay-gen internal error: schema.gen.d.ts printer met ${what}, which the model document never holds`);
}
