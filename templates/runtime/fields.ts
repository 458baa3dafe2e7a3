/**
 * Rewriting the `x-encrypted` fields of a value. The operation table says where each field is
 * as a `FieldLocation` (`{ in: 'body', pointer: '/payer/name' }`); `slotPaths` is the one place
 * that turns those into paths over the call's argument object (`['json', 'payer', 'name']`).
 * The paths of an operation are compiled once into a trie; a call then walks only the
 * branches that lead to sensitive fields.
 */
import { ConfigError } from './errors.js';
import type { BodyKind, FieldPath } from './operation.js';
import { EVERY_ITEM, parsePointer } from './pointer.js';
import type { FieldLocation } from './pointer.js';

/**
 * Field locations → paths over the call's argument (`json` / `multipart` for the body, `query`,
 * `headers`, a path parameter by its name), or over the answer's body (`body: 'none'`: response
 * locations are all `in: 'body'` and start at the body root). A malformed location is a
 * ConfigError: a sensitive field that cannot be found must never be sent as it is.
 */
export function slotPaths(locations: readonly FieldLocation[], body: BodyKind | 'response'): FieldPath[] {
  const out: FieldPath[] = [];
  for (const loc of locations) {
    const tokens = parsePointer(loc.pointer);
    if (!tokens || (loc.in !== 'body' && tokens.length === 0)) throw new ConfigError(`the operation table names a sensitive field at ${loc.in} "${loc.pointer}", which is not a JSON pointer`);
    if (body === 'response') out.push(tokens);
    else if (loc.in === 'body') out.push([body === 'multipart' ? 'multipart' : 'json', ...tokens]);
    else if (loc.in === 'query') out.push(['query', ...tokens]);
    else if (loc.in === 'header') out.push(['headers', ...tokens]);
    else out.push(tokens);
  }
  return out;
}

/** A compiled set of field paths. */
export interface FieldTrie {
  readonly children: ReadonlyMap<string, FieldTrie>;
  /** A sensitive field ends here. */
  readonly leaf: boolean;
}

interface MutableTrie {
  children: Map<string, MutableTrie>;
  leaf: boolean;
}

/** Compiles paths into a trie; `undefined` when there are none (the common case: nothing to do). */
export function compileFieldPaths(paths: readonly FieldPath[]): FieldTrie | undefined {
  if (paths.length === 0) return undefined;
  const root: MutableTrie = { children: new Map(), leaf: false };
  for (const path of paths) {
    let node = root;
    for (const seg of path) {
      let next = node.children.get(seg);
      if (!next) {
        next = { children: new Map(), leaf: false };
        node.children.set(seg, next);
      }
      node = next;
    }
    node.leaf = true;
  }
  return root;
}

/**
 * Called for each present, non-empty sensitive value: returns its replacement. `value` is
 * whatever is there (not necessarily a string); `path` renders the field's location
 * (`json.items[2].name`) and is only computed when asked for.
 */
export type FieldRewriter = (value: unknown, path: () => string) => unknown;

function render(stack: readonly (string | number)[]): string {
  let out = '';
  for (const seg of stack) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out.length === 0 ? seg : `.${seg}`;
  }
  return out;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function walk(node: unknown, trie: FieldTrie, stack: (string | number)[], fn: FieldRewriter, copy: boolean): unknown {
  if (node === undefined || node === null) return node;
  let out: unknown = node;
  if (trie.leaf && isPresent(node)) {
    out = fn(node, () => render(stack));
    // A leaf is a string: nothing below it. (Array-of-strings paths end in EVERY_ITEM.)
    return out;
  }
  for (const [seg, child] of trie.children) {
    if (seg === EVERY_ITEM && Array.isArray(out)) {
      const arr = out as unknown[];
      let target: unknown[] = arr;
      for (let i = 0; i < arr.length; i++) {
        const before = arr[i];
        stack.push(i);
        const after = walk(before, child, stack, fn, copy);
        stack.pop();
        if (after !== before) {
          if (copy && target === arr) target = arr.slice();
          target[i] = after;
        }
      }
      out = target;
      continue;
    }
    if (typeof out !== 'object' || Array.isArray(out)) continue;
    const obj = out as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(obj, seg)) continue;
    const before = obj[seg];
    stack.push(seg);
    const after = walk(before, child, stack, fn, copy);
    stack.pop();
    if (after !== before) {
      if (copy && out === node) out = { ...obj };
      (out as Record<string, unknown>)[seg] = after;
    }
  }
  return out;
}

/**
 * Returns `root` with every sensitive field rewritten by `fn`, copying only the objects and
 * arrays on the way to a rewritten field: `root` itself is never modified.
 */
export function rewriteCopy(root: unknown, trie: FieldTrie, fn: FieldRewriter): unknown {
  return walk(root, trie, [], fn, true);
}

/** Rewrites the sensitive fields of `root` in place (for a freshly parsed response that nobody else holds). */
export function rewriteInPlace(root: unknown, trie: FieldTrie, fn: FieldRewriter): void {
  walk(root, trie, [], fn, false);
}

/** Whether `outer` is a strict prefix of `inner` (the field `inner` lies inside the content of `outer`). */
function isInside(inner: FieldPath, outer: FieldPath): boolean {
  if (outer.length >= inner.length) return false;
  for (let i = 0; i < outer.length; i++) if (outer[i] !== inner[i]) return false;
  return true;
}

/**
 * Paths of JSON-encoded fields, compiled by nesting: level 0 holds the fields inside no other, level 1
 * those inside the content of one, … Encoding goes from the deepest level up, parsing from level 0 down,
 * so each walk meets only decoded values on its way. Empty when there are none.
 */
export function compileLevels(paths: readonly FieldPath[]): FieldTrie[] {
  const levels: FieldPath[][] = [];
  for (const path of paths) {
    const depth = paths.filter((other) => isInside(path, other)).length;
    (levels[depth] ??= []).push(path);
  }
  const out: FieldTrie[] = [];
  for (const level of levels) {
    const trie = level === undefined ? undefined : compileFieldPaths(level);
    if (trie) out.push(trie);
  }
  return out;
}
