/** The `x-encrypted` fields: find each sensitive string by its FieldPath, decrypt (requests) or encrypt (responses) it in place. */
import type { KeyObject } from 'node:crypto';
import type { FieldPath } from '../templates/runtime/operation';
import { oaepDecrypt, oaepEncrypt } from './crypto';
import type { FieldIssue, FieldLocation } from './errors';

interface Visit {
  readonly value: string;
  /** JSON pointer of the field from the walk's root. */
  readonly pointer: string;
  set(value: string): void;
}

/** Calls `visit` for every string the path reaches; `'[]'` is every element of an array. Non-strings and absent values are skipped. */
export function visitStrings(root: unknown, path: FieldPath, visit: (v: Visit) => void, pointer = ''): void {
  const [head, ...rest] = path;
  if (head === undefined || root === null || typeof root !== 'object') return;
  if (head === '[]') {
    if (!Array.isArray(root)) return;
    const list = root as unknown[];
    list.forEach((el, i) => step(list as unknown as Record<number, unknown>, i, el, `${pointer}/${i}`));
    return;
  }
  if (Array.isArray(root)) return;
  const obj = root as Record<string, unknown>;
  step(obj, head, obj[head], `${pointer}/${head}`);

  function step(container: Record<string | number, unknown>, key: string | number, value: unknown, at: string): void {
    if (rest.length > 0) return visitStrings(value, rest, visit, at);
    if (typeof value === 'string') visit({ value, pointer: at, set: (v) => { container[key] = v; } });
  }
}

/** Where a request FieldPath's slot puts the field, and how WeChat Pay names it in `detail`. */
function locate(slot: string, pointer: string, pathParams: ReadonlySet<string>): { location: FieldLocation; field: string } {
  const within = pointer.slice(slot.length + 1);
  if (slot === 'json' || slot === 'multipart') return { location: 'body', field: within };
  if (slot === 'query') return { location: 'query', field: within.slice(1) };
  if (slot === 'headers') return { location: 'header', field: within.slice(1) };
  return { location: pathParams.has(slot) ? 'path' : 'body', field: slot };
}

export interface RequestSlots {
  json?: unknown;
  query: Record<string, unknown>;
  /** Lower-case header names. */
  headers: Record<string, unknown>;
  /** Path parameters. */
  params: Record<string, unknown>;
}

/**
 * Decrypts, in place, every non-empty `x-encrypted` request field. Returns the issues
 * (a field that is plaintext or will not decrypt; its value is never echoed) and how many
 * fields carried ciphertext.
 */
export function decryptRequest(slots: RequestSlots, paths: readonly FieldPath[], key: KeyObject): { issues: FieldIssue[]; present: number } {
  const issues: FieldIssue[] = [];
  let present = 0;
  const pathParams = new Set(Object.keys(slots.params));
  for (const path of paths) {
    const [slot, ...rest] = path;
    if (slot === undefined) continue;
    let root: unknown;
    let walk: FieldPath = rest;
    // an upload's body is recorded in the json slot as { meta, file }
    if (slot === 'json' || slot === 'multipart') root = slots.json;
    else if (slot === 'query') root = slots.query;
    else if (slot === 'headers') {
      root = slots.headers;
      walk = rest.map((s, i) => (i === 0 ? s.toLowerCase() : s));
    } else {
      root = slots.params;
      walk = [slot, ...rest];
    }
    const base = slot === 'json' || slot === 'multipart' || slot === 'query' || slot === 'headers' ? `/${slot}` : '';
    visitStrings(root, walk, (v) => {
      if (v.value === '') return;
      present += 1;
      const plain = oaepDecrypt(v.value, key);
      if (plain === undefined) {
        const { location, field } = locate(slot, v.pointer, pathParams);
        issues.push({ field, issue: 'must be base64 RSA-OAEP ciphertext made with the WeChat Pay public key that Wechatpay-Serial names (it is plaintext or does not decrypt)', location });
        return;
      }
      v.set(plain);
    }, base);
  }
  return { issues, present };
}

/** Encrypts, in place, every non-empty `x-encrypted` response field to the merchant public key. */
export function encryptResponse(body: unknown, paths: readonly FieldPath[], merchantPublic: KeyObject): void {
  for (const path of paths) {
    visitStrings(body, path, (v) => {
      if (v.value !== '') v.set(oaepEncrypt(v.value, merchantPublic));
    });
  }
}
