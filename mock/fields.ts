/** The `x-encrypted` fields: find each sensitive string by its location (`{ in, pointer }` from the model), decrypt (requests) or encrypt (responses) it in place. */
import type { KeyObject } from 'node:crypto';
import type { FieldLocation } from '../templates/runtime/operation';
import { childPointer, EVERY_ITEM, parsePointer } from '../templates/runtime/pointer';
import { oaepDecrypt, oaepEncrypt } from './crypto';
import type { FieldIssue } from './errors';
import { decodeJson } from './validate';

interface Visit {
  readonly value: string;
  /** JSON pointer of the field from the walk's root. */
  readonly pointer: string;
  set(value: string): void;
}

/** Calls `visit` for every string the tokens reach; `EVERY_ITEM` is every element of an array. Non-strings and absent values are skipped. */
export function visitStrings(root: unknown, path: readonly string[], visit: (v: Visit) => void, pointer = ''): void {
  const [head, ...rest] = path;
  if (head === undefined || root === null || typeof root !== 'object') return;
  if (head === EVERY_ITEM && Array.isArray(root)) {
    const list = root as unknown[];
    list.forEach((el, i) => step(list as unknown as Record<number, unknown>, i, el, childPointer(pointer, i)));
    return;
  }
  if (Array.isArray(root) || !Object.prototype.hasOwnProperty.call(root, head)) return;
  const obj = root as Record<string, unknown>;
  step(obj, head, obj[head], childPointer(pointer, head));

  function step(container: Record<string | number, unknown>, key: string | number, value: unknown, at: string): void {
    if (rest.length > 0) return visitStrings(value, rest, visit, at);
    if (typeof value === 'string') visit({ value, pointer: at, set: (v) => { container[key] = v; } });
  }
}

/** Calls `visit` for every present value (of any type) the tokens reach, like visitStrings. */
function visitValues(root: unknown, path: readonly string[], visit: (value: unknown, set: (v: unknown) => void) => void): void {
  const [head, ...rest] = path;
  if (head === undefined || root === null || typeof root !== 'object') return;
  const step = (container: Record<string | number, unknown>, key: string | number): void => {
    const value = container[key];
    if (rest.length > 0) visitValues(value, rest, visit);
    else if (value !== undefined && value !== null) visit(value, (v) => { container[key] = v; });
  };
  if (head === EVERY_ITEM && Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) step(root as unknown as Record<number, unknown>, i);
    return;
  }
  if (!Array.isArray(root) && Object.prototype.hasOwnProperty.call(root, head)) step(root as Record<string, unknown>, head);
}

export interface RequestSlots {
  json?: unknown;
  query: Record<string, unknown>;
  /** Lower-case header names. */
  headers: Record<string, unknown>;
  /** Path parameters. */
  params: Record<string, unknown>;
}

/** The part of the request a location is in, and the tokens to walk inside it. */
function rootOf(slots: RequestSlots, loc: FieldLocation): { root: unknown; tokens: string[] } | undefined {
  const tokens = parsePointer(loc.pointer);
  if (!tokens) return undefined;
  switch (loc.in) {
    case 'body': return { root: slots.json, tokens };
    case 'query': return { root: slots.query, tokens };
    case 'path': return { root: slots.params, tokens };
    case 'header': return { root: slots.headers, tokens: tokens.map((t, i) => (i === 0 ? t.toLowerCase() : t)) };
  }
}

/**
 * Decrypts, in place, every non-empty `x-encrypted` request field. Returns the issues
 * (a field that is plaintext or will not decrypt; its value is never echoed) and how many
 * fields carried ciphertext. A body field is named by its JSON pointer, a parameter by its name.
 */
export function decryptRequest(slots: RequestSlots, locations: readonly FieldLocation[], key: KeyObject): { issues: FieldIssue[]; present: number } {
  const issues: FieldIssue[] = [];
  let present = 0;
  for (const loc of locations) {
    const at = rootOf(slots, loc);
    if (!at) continue;
    visitStrings(at.root, at.tokens, (v) => {
      if (v.value === '') return;
      present += 1;
      const plain = oaepDecrypt(v.value, key);
      if (plain === undefined) {
        const field = loc.in === 'body' ? v.pointer : (parsePointer(v.pointer)?.[0] ?? v.pointer);
        issues.push({ field, issue: 'must be base64 RSA-OAEP ciphertext made with the WeChat Pay public key that Wechatpay-Serial names (it is plaintext or does not decrypt)', location: loc.in });
        return;
      }
      v.set(plain);
    });
  }
  return { issues, present };
}

/** Encrypts, in place, every non-empty `x-encrypted` response field to the merchant public key. */
export function encryptResponse(body: unknown, locations: readonly FieldLocation[], merchantPublic: KeyObject): void {
  for (const loc of locations) {
    visitStrings(body, parsePointer(loc.pointer) ?? [], (v) => {
      if (v.value !== '') v.set(oaepEncrypt(v.value, merchantPublic));
    });
  }
}

/**
 * Parses, in place, the JSON-encoded string fields of a validated request (outer fields first, as the
 * model lists them), so the encrypted fields inside them can be found and the record holds the values.
 */
export function decodeRequest(slots: RequestSlots, locations: readonly FieldLocation[]): void {
  for (const loc of locations) {
    const at = rootOf(slots, loc);
    if (!at) continue;
    visitStrings(at.root, at.tokens, (v) => {
      const inner = decodeJson(v.value);
      if (inner !== undefined) (v.set as (value: unknown) => void)(inner.value);
    });
  }
}

/** Encodes, in place, the JSON-encoded string fields of an answer: innermost first, each as its JSON text. */
export function encodeResponse(body: unknown, locations: readonly FieldLocation[]): void {
  for (let i = locations.length - 1; i >= 0; i--) {
    visitValues(body, parsePointer(locations[i]?.pointer ?? '') ?? [], (value, set) => set(JSON.stringify(value)));
  }
}
