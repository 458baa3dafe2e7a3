/**
 * Stage 4b: the root document. Adds `paths` entries (`$ref` to the path files) by inserting
 * text at the sorted position, so everything else in a hand-maintained root keeps its bytes;
 * creates the root from ROOT_TEMPLATE when it does not exist.
 */
import { isMap, isScalar, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { WxPayGenError } from '../generator/errors';

/** A new root: info, servers and the shared components of specs/wechatpay.yaml, no paths yet. */
export const ROOT_TEMPLATE = `openapi: 3.1.0
info:
  title: WeChat Pay APIv3
  version: 0.1.0
  description: >-
    WeChat Pay APIv3 endpoints, one file per URL path under paths/. Fields marked
    \`x-encrypted: rsa\` are sent as RSA-OAEP ciphertext (requests) or arrive as such
    (responses); the generated client encrypts and decrypts them itself.
servers:
  - url: https://api.mch.weixin.qq.com
    description: 微信支付 APIv3
paths: {}
components:
  parameters:
    WechatpaySerial:
      name: Wechatpay-Serial
      in: header
      required: true
      description: 微信支付公钥ID/平台证书序列号
      schema:
        type: string
        example: PUB_KEY_ID_0114232134912410000000000000
  schemas:
    Error:
      type: object
      description: 微信支付的错误应答
      required: [code, message]
      properties:
        code:
          type: string
          description: 详细错误码
          example: PARAM_ERROR
        message:
          type: string
          description: 错误描述，使用易理解的文字表示错误的原因
          example: 参数错误
        detail:
          type: object
          description: 错误详情，如出错的字段
          additionalProperties: true
  responses:
    Error:
      description: 微信支付的错误应答
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Error'
`;

export const DEFAULT_SERVER = 'https://api.mch.weixin.qq.com';

export interface RootEntry {
  /** `/v3/…` */
  readonly path: string;
  /** `./paths/v3/….yaml`, relative to the root document. */
  readonly ref: string;
}

export interface RootUpdate {
  readonly text: string;
  /** Paths the root already listed with a different `$ref` (left as they are). */
  readonly conflicts: readonly { path: string; existing: string; wanted: string }[];
  readonly added: readonly string[];
}

/** The root document the importer adds paths to cannot be used (not YAML, not a mapping, …). */
export class RootError extends WxPayGenError {
  readonly code = 'root';
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/** Adds the missing `paths` entries to the root text; throws RootError when the root is not a usable YAML mapping. */
export function addPaths(text: string, entries: readonly RootEntry[], key: 'paths' | 'webhooks' = 'paths'): RootUpdate {
  let out = text.replace(/\r\n?/g, '\n');
  if (out !== '' && !out.endsWith('\n')) out += '\n';
  const doc = parseDocument(out, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    throw new RootError(lineOf(out, err?.pos[0] ?? 0), `the root document is not valid YAML (${(err?.message ?? '').split('\n')[0]})`);
  }
  if (!isMap(doc.contents)) throw new RootError(1, 'the root document must be a YAML mapping with openapi, info, paths and components');
  const existing = new Map<string, string>();
  const pathsPair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<unknown, unknown> | undefined;
  const conflicts: { path: string; existing: string; wanted: string }[] = [];

  if (!pathsPair) {
    out += `${key}: {}\n`;
    return addPaths(out, entries, key);
  }
  const raw = pathsPair.value;
  // `paths:` with nothing after it is an empty mapping
  const paths = isScalar(raw) && (raw.value === null || raw.value === '') ? null : raw;
  if (paths !== null && !isMap(paths)) throw new RootError(lineOf(out, (pathsPair.key as { range?: number[] }).range?.[0] ?? 0), `\`${key}\` in the root document must be a mapping`);
  const map = paths as YAMLMap<unknown, unknown> | null;
  for (const item of map?.items ?? []) {
    if (!isScalar(item.key)) continue;
    const v = item.value;
    const ref = isMap(v) ? v.get('$ref') : undefined;
    existing.set(String(item.key.value), typeof ref === 'string' ? ref : '');
  }
  const todo = [...entries].filter((e) => {
    const have = existing.get(e.path);
    if (have === undefined) return true;
    if (have !== e.ref) conflicts.push({ path: e.path, existing: have === '' ? '(an inline path item)' : have, wanted: e.ref });
    return false;
  }).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (todo.length === 0) return { text: out, conflicts, added: [] };

  const block = !map || map.flow === true || map.items.length === 0;
  if (block) {
    // `paths: {}` (or an empty `paths:`): replace the value with a block mapping
    const keyStart = (pathsPair.key as { range?: number[] }).range?.[0] ?? 0;
    const lineStart = out.lastIndexOf('\n', keyStart - 1) + 1;
    const indent = ' '.repeat(keyStart - lineStart + 2);
    const lineEnd = endOfLine(out, map?.range?.[1] ?? (pathsPair.key as { range?: number[] }).range?.[1] ?? keyStart);
    const existingItems = (map?.items ?? []).map((p) => ({ path: String((p.key as { value: unknown }).value), ref: existing.get(String((p.key as { value: unknown }).value)) ?? '' }));
    const all = [...existingItems.filter((e) => e.ref !== ''), ...todo].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const head = out.slice(lineStart, keyStart);
    out = `${out.slice(0, lineStart)}${head}${key}:\n${all.map((e) => entryText(indent, e)).join('')}${out.slice(lineEnd)}`;
    return { text: checked(out, entries, key), conflicts, added: todo.map((e) => e.path) };
  }

  const items = map.items;
  const firstKey = items[0]?.key as { range?: number[] } | undefined;
  const firstStart = firstKey?.range?.[0] ?? 0;
  const indent = ' '.repeat(firstStart - (out.lastIndexOf('\n', firstStart - 1) + 1));
  // insert from the end so earlier offsets stay valid
  const inserts: { at: number; text: string }[] = [];
  for (const e of todo) {
    const next = items.find((p) => String((p.key as { value: unknown }).value) > e.path);
    let at: number;
    if (next) {
      const k = (next.key as { range?: number[] }).range?.[0] ?? 0;
      at = out.lastIndexOf('\n', k - 1) + 1;
      // keep comment lines that sit right above the next entry attached to it
      while (at > 0) {
        const prevStart = out.lastIndexOf('\n', at - 2) + 1;
        if (/^\s*#/.test(out.slice(prevStart, at))) at = prevStart;
        else break;
      }
    } else {
      const last = items[items.length - 1];
      const end = (last?.value as { range?: number[] } | null)?.range?.[1] ?? (last?.key as { range?: number[] }).range?.[1] ?? out.length;
      at = endOfLine(out, end);
    }
    inserts.push({ at, text: entryText(indent, e) });
  }
  // same insertion point: keep sorted order
  const grouped = new Map<number, string[]>();
  for (const ins of inserts) grouped.set(ins.at, [...(grouped.get(ins.at) ?? []), ins.text]);
  for (const at of [...grouped.keys()].sort((a, b) => b - a)) {
    out = `${out.slice(0, at)}${(grouped.get(at) ?? []).join('')}${out.slice(at)}`;
  }
  return { text: checked(out, entries, key), conflicts, added: todo.map((e) => e.path) };
}

function entryText(indent: string, e: RootEntry): string {
  return `${indent}${e.path}:\n${indent}  $ref: '${e.ref.replace(/'/g, "''")}'\n`;
}

function endOfLine(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

function lineOf(text: string, pos: number): number {
  return text.slice(0, pos).split('\n').length;
}

/** Re-reads the edited root and makes sure every entry is there (guards the text surgery). */
function checked(text: string, entries: readonly RootEntry[], key: 'paths' | 'webhooks' = 'paths'): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  const paths = isMap(doc.contents) ? doc.contents.get(key) : undefined;
  // one pass over the entries (YAMLMap.get is a linear search: per entry, quadratic on a 900-path root)
  const present = new Set<string>();
  if (isMap(paths)) for (const p of paths.items) if (isScalar(p.key) && isMap(p.value)) present.add(String(p.key.value));
  if (doc.errors.length > 0 || !isMap(paths) || entries.some((e) => !present.has(e.path))) {
    throw new RootError(1, `could not add the ${key} to the root document without breaking it; add them by hand or fix the root's \`${key}\` layout`);
  }
  return text;
}
