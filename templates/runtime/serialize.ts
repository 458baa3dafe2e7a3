/**
 * Caller values → JSON text, with typed failures. `JSON.stringify` throws a plain TypeError
 * on a circular structure or a BigInt and a RangeError on very deep nesting; here each of
 * those is a ValidationError naming the field (`json.a.b[2]`), never quoting its value.
 */
import { ValidationError } from './errors.js';

/** Deepest nesting of objects/arrays a request value may have. */
export const MAX_REQUEST_DEPTH: number = 256;

interface Frame {
  readonly value: object;
  readonly path: string;
  readonly depth: number;
  /** Keys of `value` still to visit (the walk is iterative: no recursion, no stack overflow). */
  readonly keys: string[];
  next: number;
}

function childPath(base: string, key: string, array: boolean): string {
  const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return array ? `${base}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(shown) ? `${base}.${shown}` : `${base}[${JSON.stringify(shown)}]`;
}

/**
 * Why `value` cannot be serialized, as `{ path, message }`, or undefined when nothing is
 * wrong: a BigInt, a circular reference, nesting deeper than `maxDepth`, a throwing `toJSON`
 * or getter. Visits each value once (linear in its size).
 */
export function unserializable(value: unknown, root: string, maxDepth: number = MAX_REQUEST_DEPTH): { path: string; message: string } | undefined {
  const first = leaf(value, root);
  if (first !== undefined) return first;
  if (typeof value !== 'object' || value === null) return undefined;
  const onPath = new Set<object>([value]);
  const stack: Frame[] = [{ value, path: root, depth: 1, keys: keysOf(value), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next >= top.keys.length) {
      onPath.delete(top.value);
      stack.pop();
      continue;
    }
    const key = top.keys[top.next++] as string;
    const path = childPath(top.path, key, Array.isArray(top.value));
    let child: unknown;
    try {
      child = (top.value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object' && typeof (child as { toJSON?: unknown }).toJSON === 'function') {
        child = (child as { toJSON: (k: string) => unknown }).toJSON(key);
      }
    } catch {
      return { path, message: 'cannot be read (a getter or toJSON threw)' };
    }
    const bad = leaf(child, path);
    if (bad !== undefined) return bad;
    if (typeof child !== 'object' || child === null) continue;
    if (onPath.has(child)) return { path, message: 'refers back to an enclosing value (a circular structure cannot be sent as JSON)' };
    if (top.depth + 1 > maxDepth) return { path, message: `nests deeper than ${maxDepth} levels` };
    onPath.add(child);
    stack.push({ value: child, path, depth: top.depth + 1, keys: keysOf(child), next: 0 });
  }
  return undefined;
}

function leaf(value: unknown, path: string): { path: string; message: string } | undefined {
  if (typeof value === 'bigint') return { path, message: 'is a BigInt, which JSON cannot carry (pass a number or a string)' };
  return undefined;
}

function keysOf(value: object): string[] {
  try {
    return Object.keys(value);
  } catch {
    return [];
  }
}

/**
 * `JSON.stringify(value)`, or a ValidationError naming the field at `root` that cannot be
 * serialized. The fast path is the plain call; the walk runs only when it fails.
 */
export function toJson(value: unknown, root: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    const why = unserializable(value, root, Number.POSITIVE_INFINITY) ?? unserializable(value, root);
    throw new ValidationError([why ?? { path: root, message: 'cannot be serialized as JSON' }]);
  }
  return text ?? '';
}

/** Deepest nesting of objects/arrays the client parses in an answer. */
export const MAX_RESPONSE_DEPTH: number = 256;

/**
 * Whether JSON text nests objects/arrays deeper than `max` — one linear pass (strings
 * skipped) before `JSON.parse`, whose time grows with the square of the depth (a 10 MiB
 * answer of `[[[[…` would otherwise cost about a minute of CPU).
 */
export function nestsDeeper(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** `JSON.parse` of an answer, or undefined (with `tooDeep`) when it nests deeper than MAX_RESPONSE_DEPTH; throws on bad JSON. */
export function parseAnswer(text: string): { value: unknown } | { tooDeep: true } {
  if (nestsDeeper(text, MAX_RESPONSE_DEPTH)) return { tooDeep: true };
  return { value: JSON.parse(text) as unknown };
}
