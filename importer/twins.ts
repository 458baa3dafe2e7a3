/**
 * Pages whose paths differ only in parameter names (`…/{business_code}/cancel` and
 * `…/{applyment_id}/cancel`): the same URL on the wire, which OpenAPI allows once. The importer
 * merges such pages into ONE path item: one parameter per position (`{applyment_id_or_business_code}`
 * when the names differ, described as either, as each page says), both pages' summaries and
 * descriptions kept, parameters/bodies/answers merged (a field only one page requires is optional);
 * what cannot be merged (a different type, `$ref`, …) keeps the first page's and is reported.
 */
import { pathParamNames } from '../templates/runtime/path-template';
import type { Schema } from './schema';

/** The path with its parameter names blanked: `/v3/a/{}/cancel`. Paths of one shape are twins. */
export function pathShape(path: string): string {
  return path.replace(/\{[^{}]*\}/g, '{}');
}

/** One page of a twin group: its URL path, its path item (built alone) and its name in messages. */
export interface TwinPage {
  readonly page: string;
  readonly path: string;
  readonly item: Schema;
}

export interface MergedTwins {
  /** The merged path template (parameter names joined with `_or_` where the pages differ). */
  readonly path: string;
  readonly item: Schema;
  /** Incompatible differences, each with the page whose value was left out (`page`) and where. */
  readonly conflicts: readonly { readonly page: string; readonly where: string; readonly message: string }[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Json = unknown;

function isPlain(v: Json): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Two texts as one: the first when they agree (or one holds the other), else both. */
function joinText(a: Json, b: Json, sep: string): Json {
  if (typeof a !== 'string' || a === '') return b ?? a;
  if (typeof b !== 'string' || b === '' || a.includes(b)) return a;
  if (b.includes(a)) return b;
  return `${a}${sep}${b}`;
}

interface Ctx {
  readonly second: string;
  readonly conflicts: { page: string; where: string; message: string }[];
}

function shown(v: Json): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function conflict(ctx: Ctx, where: string, a: Json, b: Json): void {
  ctx.conflicts.push({ page: ctx.second, where, message: `${shown(b)} where the first page has ${shown(a)}` });
}

/** Keywords that make two schemas different kinds of value: when they differ, nothing else is merged. */
const KIND = ['type', '$ref', 'format', 'x-encrypted', 'contentMediaType'] as const;

/** Two JSON Schemas of the same value (one per page) as one. */
export function mergeSchema(a: Json, b: Json, where: string, ctx: Ctx): Json {
  if (same(a, b)) return a;
  if (!isPlain(a) || !isPlain(b)) {
    conflict(ctx, where, a, b);
    return a;
  }
  for (const k of KIND) {
    if (a[k] !== undefined && b[k] !== undefined && !same(a[k], b[k])) {
      conflict(ctx, `${where}/${k}`, a[k], b[k]);
      return a;
    }
  }
  const out: Schema = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key];
    const y = b[key];
    if (y === undefined) {
      if (key !== 'required') out[key] = x;
      continue;
    }
    if (x === undefined) {
      // a field only the second page requires is optional in the merged schema
      if (key !== 'required') out[key] = y;
      continue;
    }
    switch (key) {
      case 'description':
      case 'title':
        out[key] = joinText(x, y, '\n\n');
        break;
      case 'example':
      case 'examples':
        out[key] = x;
        break;
      case 'required':
        if (Array.isArray(x) && Array.isArray(y)) {
          const both = x.filter((n) => y.includes(n));
          if (both.length > 0) out[key] = both;
        } else out[key] = x;
        break;
      case 'enum':
        out[key] = Array.isArray(x) && Array.isArray(y) ? [...x, ...y.filter((v) => !x.some((w) => same(w, v)))] : x;
        break;
      case 'properties':
      case 'x-enum-descriptions':
      case 'patternProperties': {
        if (!isPlain(x) || !isPlain(y)) {
          out[key] = mergeSchema(x, y, `${where}/${key}`, ctx);
          break;
        }
        const merged: Schema = {};
        for (const name of new Set([...Object.keys(x), ...Object.keys(y)])) {
          const p = x[name];
          const q = y[name];
          merged[name] = p === undefined ? q : q === undefined ? p : key === 'x-enum-descriptions' ? joinText(p, q, '；') : mergeSchema(p, q, `${where}/${key}/${name}`, ctx);
        }
        out[key] = merged;
        break;
      }
      case 'items':
      case 'additionalProperties':
      case 'contentSchema':
      case 'schema':
        out[key] = mergeSchema(x, y, `${where}/${key}`, ctx);
        break;
      default:
        if (!same(x, y)) conflict(ctx, `${where}/${key}`, x, y);
        out[key] = x;
    }
  }
  return out;
}

function paramKey(p: Json): string {
  return isPlain(p) ? `${String(p['in'])}:${String(p['name'] ?? p['$ref'])}` : JSON.stringify(p);
}

function mergeParameters(a: Json, b: Json, where: string, ctx: Ctx): Json {
  if (!Array.isArray(a) || !Array.isArray(b)) return mergeSchema(a, b, where, ctx);
  const out: Json[] = [];
  const inB = new Map(b.map((p) => [paramKey(p), p] as const));
  const inA = new Set(a.map(paramKey));
  for (const p of a) {
    const q = inB.get(paramKey(p));
    if (q === undefined) out.push(optional(p));
    else if (same(p, q)) out.push(p);
    else {
      const m = mergeSchema(p, q, `${where}/${paramKey(p)}`, ctx);
      out.push(isPlain(m) && isPlain(p) && isPlain(q) && p['required'] !== q['required'] && p['in'] !== 'path' ? { ...m, required: false } : m);
    }
  }
  for (const q of b) if (!inA.has(paramKey(q))) out.push(optional(q));
  return out;
}

/** A parameter or body only one page has is not required of the merged operation. */
function optional(p: Json): Json {
  return isPlain(p) && p['required'] === true && p['in'] !== 'path' ? { ...p, required: false } : p;
}

function mergeContent(a: Json, b: Json, where: string, ctx: Ctx): Json {
  if (!isPlain(a) || !isPlain(b)) return mergeSchema(a, b, where, ctx);
  const out: Schema = {};
  for (const type of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[type];
    const y = b[type];
    out[type] = x === undefined ? y : y === undefined ? x : mergeSchema(x, y, `${where}/${type.replace(/~/g, '~0').replace(/\//g, '~1')}`, ctx);
  }
  return out;
}

function mergeBody(a: Json, b: Json, where: string, ctx: Ctx): Json {
  if (!isPlain(a) || !isPlain(b)) return mergeSchema(a, b, where, ctx);
  const out: Schema = { ...a };
  if (b['description'] !== undefined) out['description'] = joinText(a['description'], b['description'], '\n\n');
  if (a['required'] !== b['required']) out['required'] = a['required'] === true && b['required'] === true;
  if (a['content'] !== undefined || b['content'] !== undefined) out['content'] = mergeContent(a['content'] ?? {}, b['content'] ?? {}, `${where}/content`, ctx);
  for (const key of Object.keys(b)) if (!(key in out)) out[key] = b[key];
  return out;
}

function mergeResponses(a: Json, b: Json, where: string, ctx: Ctx): Json {
  if (!isPlain(a) || !isPlain(b)) return mergeSchema(a, b, where, ctx);
  const out: Schema = {};
  for (const status of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[status];
    const y = b[status];
    if (x === undefined || y === undefined) out[status] = x ?? y;
    else if (same(x, y) || !isPlain(x) || !isPlain(y) || x['$ref'] !== undefined || y['$ref'] !== undefined) {
      if (!same(x, y)) conflict(ctx, `${where}/${status}`, x, y);
      out[status] = x;
    } else out[status] = mergeBody(x, y, `${where}/${status}`, ctx);
  }
  return out;
}

function mergeServers(a: Json, b: Json): Json {
  if (!Array.isArray(a) || !Array.isArray(b)) return a ?? b;
  return [...a, ...b.filter((s) => !a.some((t) => same(s, t)))];
}

function mergeOperation(a: Schema, b: Schema, where: string, ctx: Ctx): Schema {
  const out: Schema = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key];
    const y = b[key];
    if (x === undefined || y === undefined) {
      // deprecated only when every page says so; anything else one page has is kept
      if (key !== 'deprecated') out[key] = x ?? y;
      continue;
    }
    switch (key) {
      case 'summary':
        out[key] = joinText(x, y, ' / ');
        break;
      case 'description':
        out[key] = joinText(x, y, '\n\n');
        break;
      case 'parameters':
        out[key] = mergeParameters(x, y, `${where}/parameters`, ctx);
        break;
      case 'requestBody':
        out[key] = mergeBody(x, y, `${where}/requestBody`, ctx);
        break;
      case 'responses':
        out[key] = mergeResponses(x, y, `${where}/responses`, ctx);
        break;
      case 'servers':
        out[key] = mergeServers(x, y);
        break;
      case 'externalDocs':
        out[key] = x;
        if (!same(x, y) && isPlain(y) && typeof y['url'] === 'string') out['description'] = joinText(out['description'] ?? a['description'], `参阅 ${y['url']}`, '\n\n');
        break;
      case 'deprecated':
        out[key] = x === true && y === true;
        if (out[key] !== true) delete out[key];
        break;
      default:
        if (!same(x, y)) conflict(ctx, `${where}/${key}`, x, y);
        out[key] = x;
    }
  }
  return out;
}

/** `item` with every path parameter of each of its operations passed through `change` (a new object, or the same one). */
function withPathParams(item: Schema, change: (p: Json & { name: string }) => Json): Schema {
  const out: Schema = { ...item };
  for (const m of METHODS) {
    const op = item[m];
    if (!isPlain(op) || !Array.isArray(op['parameters'])) continue;
    out[m] = {
      ...op,
      parameters: op['parameters'].map((p: Json) => (isPlain(p) && p['in'] === 'path' && typeof p['name'] === 'string' ? change(p as Json & { name: string }) : p)),
    };
  }
  return out;
}

/** The path parameters of `item` renamed (`from[i]` → `to[i]`). */
function renamed(item: Schema, from: readonly string[], to: readonly string[]): Schema {
  const map = new Map(from.map((n, i) => [n, to[i] ?? n]));
  return withPathParams(item, (p) => (map.has(p.name) ? { ...p, name: map.get(p.name) } : p));
}

/** The path parameter descriptions of the merged operations: either name, as each page describes it. */
function describeEither(item: Schema, names: readonly (readonly string[])[], merged: readonly string[], pages: readonly TwinPage[]): Schema {
  const descriptions = pages.map((p) => {
    const byName = new Map<string, string>();
    for (const m of METHODS) {
      const op = p.item[m];
      if (!isPlain(op) || !Array.isArray(op['parameters'])) continue;
      for (const q of op['parameters'] as Json[]) if (isPlain(q) && q['in'] === 'path' && typeof q['name'] === 'string') byName.set(q['name'], typeof q['description'] === 'string' ? q['description'] : '');
    }
    return byName;
  });
  const text = new Map<string, string>();
  merged.forEach((name, i) => {
    const own = names.map((n) => n[i] ?? name);
    if (new Set(own).size === 1) return;
    text.set(name, `either ${pages.map((p, k) => {
      const d = descriptions[k]?.get(own[k] ?? '');
      return `${own[k]}${d ? `（${d}）` : ''}, as ${p.page} documents it`;
    }).join('; or ')}`);
  });
  if (text.size === 0) return item;
  return withPathParams(item, (p) => (text.has(p.name) ? { ...p, description: text.get(p.name) } : p));
}

/** Merges twin pages (same shape, ≥ 2 pages, in page order) into one path item. */
export function mergeTwins(pages: readonly TwinPage[]): MergedTwins {
  const names = pages.map((p) => pathParamNames(p.path.replace(/^\//, '')));
  const width = Math.max(...names.map((n) => n.length));
  const merged: string[] = [];
  for (let i = 0; i < width; i++) {
    const own = [...new Set(names.map((n) => n[i]).filter((n): n is string => n !== undefined))];
    merged.push(own.join('_or_'));
  }
  let k = 0;
  const path = (pages[0]?.path ?? '').replace(/\{[^{}]*\}/g, () => `{${merged[k++] ?? ''}}`);
  const conflicts: { page: string; where: string; message: string }[] = [];
  let item = renamed(pages[0]?.item ?? {}, names[0] ?? [], merged);
  for (let i = 1; i < pages.length; i++) {
    const page = pages[i];
    if (!page) continue;
    const next = renamed(page.item, names[i] ?? [], merged);
    const ctx: Ctx = { second: page.page, conflicts };
    const out: Schema = {};
    for (const key of new Set([...Object.keys(item), ...Object.keys(next)])) {
      const x = item[key];
      const y = next[key];
      if (x === undefined || y === undefined) out[key] = x ?? y;
      else if ((METHODS as readonly string[]).includes(key) && isPlain(x) && isPlain(y)) out[key] = mergeOperation(x, y, `/${key}`, ctx);
      else out[key] = joinText(x, y, key === 'summary' ? ' / ' : '\n\n');
    }
    item = out;
  }
  item = describeEither(item, names, merged, pages);
  const note = `Documented by ${pages.length} pages whose paths differ only in parameter names (one URL on the wire): ${pages.map((p) => `${p.path} (${p.page})`).join(', ')}.`;
  for (const m of METHODS) {
    const op = item[m];
    if (isPlain(op)) item[m] = { ...op, description: joinText(op['description'], note, '\n\n') };
  }
  return { path, item, conflicts };
}
