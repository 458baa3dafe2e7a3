/**
 * Call arguments for any operation of a model, built from its schemas alone (so they work on
 * pages nobody has looked at): the `examples` pass sends every field that has an example (and
 * every required or sensitive one), the `minimal` pass only the required fields; both use a
 * field's example as its value when the spec gives one, else its first enum value or a placeholder. Every
 * `x-encrypted` value is a distinct marker plaintext, recorded with where it went, so the sweep
 * can look for it on the wire (it must not be there) and at the server (it must arrive).
 */
import type { ModelOperation, ModelSchema } from '../../generator/model';

export type Pass = 'examples' | 'minimal';

/** One sensitive value sent: where in the call's argument object, and the plaintext. */
export interface SentSecret {
  /** Path over the argument object: `['json', 'contact', 'name']`, `['json', 'list', 0, 'id_no']`. */
  readonly at: readonly (string | number)[];
  readonly plaintext: string;
}

export interface BuiltCall {
  readonly args: Record<string, unknown>;
  readonly secrets: readonly SentSecret[];
}

/** The bytes every upload sends as its file. */
export const UPLOAD_BYTES = Buffer.from('wxpay-gen corpus sweep upload\n', 'utf8');

class Builder {
  readonly secrets: SentSecret[] = [];

  constructor(readonly pass: Pass, readonly tag: string) {}

  /** A sensitive plaintext nobody would write by accident: found on the wire only if it leaked. */
  private secret(at: readonly (string | number)[]): string {
    const plaintext = `秘${this.tag}-${this.secrets.length}张`;
    this.secrets.push({ at, plaintext });
    return plaintext;
  }

  value(schema: ModelSchema, at: readonly (string | number)[]): unknown {
    if (schema.encrypted) return this.secret(at);
    // a JSON-encoded string is given as its value (the client encodes it); its example is JSON text
    if (schema.jsonContent) return this.value(schema.jsonContent, at);
    // both passes take the spec's example as the value of a field they send; they differ in which fields they send
    const example = schema.example !== undefined && schema.type !== 'object' && schema.type !== 'array' ? schema.example : undefined;
    if (example !== undefined) return structuredClone(example);
    switch (schema.type) {
      case 'object':
        return this.object(schema, at);
      case 'array': {
        if (this.pass === 'examples' && Array.isArray(schema.example) && !hasEncrypted(schema.items)) return structuredClone(schema.example);
        return schema.items ? [this.value(schema.items, [...at, 0])] : [];
      }
      case 'string':
        if (schema.enum && schema.enum.length > 0) return schema.enum[0];
        return schema.format === 'binary' ? UPLOAD_BYTES : 'x';
      case 'integer':
      case 'number':
        return schema.enum && schema.enum.length > 0 ? schema.enum[0] : 1;
      case 'boolean':
        return schema.enum && schema.enum.length > 0 ? schema.enum[0] : true;
    }
  }

  object(schema: ModelSchema, at: readonly (string | number)[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      if (required.has(name) || (this.pass === 'examples' && (hasExample(sub) || hasEncrypted(sub)))) out[name] = this.value(sub, [...at, name]);
    }
    return out;
  }
}

function hasExample(s: ModelSchema | undefined): boolean {
  if (!s) return false;
  if (s.example !== undefined) return true;
  return Object.values(s.properties ?? {}).some(hasExample) || hasExample(s.items);
}

export function hasEncrypted(s: ModelSchema | undefined): boolean {
  if (!s) return false;
  if (s.encrypted) return true;
  return Object.values(s.properties ?? {}).some(hasEncrypted) || hasEncrypted(s.items) || hasEncrypted(s.jsonContent);
}

/** The argument object of one call of `op` for a pass; `tag` makes its secrets unique. */
export function buildCall(op: ModelOperation, pass: Pass, tag: string): BuiltCall {
  const b = new Builder(pass, tag);
  const args: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const headers: Record<string, unknown> = {};
  for (const p of op.parameters) {
    // The client fills in Wechatpay-Serial itself; the page's example names WeChat Pay's
    // documentation key, which the mock does not hold.
    if (p.in === 'header' && p.name.toLowerCase() === 'wechatpay-serial') continue;
    const wanted = p.in === 'path' || p.required || (pass === 'examples' && (hasExample(p.schema) || hasEncrypted(p.schema)));
    if (!wanted) continue;
    if (p.in === 'path') {
      const v = b.value(p.schema, [p.name]);
      args[p.name] = v === '' ? 'x' : v;
    } else if (p.in === 'query') query[p.name] = b.value(p.schema, ['query', p.name]);
    else headers[p.name] = b.value(p.schema, ['headers', p.name]);
  }
  if (Object.keys(query).length > 0 || op.parameters.some((p) => p.in === 'query' && p.required)) args['query'] = query;
  if (Object.keys(headers).length > 0) args['headers'] = headers;
  if (op.body === 'json' && op.bodySchema && (op.bodyRequired || pass === 'examples')) args['json'] = b.value(op.bodySchema, ['json']);
  if (op.body === 'multipart') {
    const meta = op.bodySchema?.properties?.['meta'];
    args['multipart'] = { file: UPLOAD_BYTES, filename: 'sweep.jpg', meta: meta ? b.value(meta, ['multipart', 'meta']) : {} };
  }
  return { args, secrets: b.secrets };
}

/** The value at a path of a plain value (`undefined` when it is not there). */
export function valueAt(root: unknown, at: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const seg of at) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
