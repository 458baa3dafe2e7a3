/**
 * Overlays: local fixes of imported spec files that survive re-imports. The file
 * `<spec folder>/overrides/<path>` is merged over `<spec folder>/<path>` when specs load, as a JSON
 * Merge Patch (RFC 7386): mappings merge key by key, any other value replaces, `null` deletes; lists of
 * named items (parameters) merge item by item on `name` + `in`.
 * A problem in a value the overlay supplies is reported at the overlay's file:line.
 */
import { existsSync } from 'node:fs';
import { OVERLAY_FOLDER } from '../overlay-files';
import { join, relative, sep } from 'node:path';
import { parsePointer } from '../../templates/runtime/pointer';
import type { YamlFile } from './yaml-file';

export { listOverlays, OVERLAY_FOLDER } from '../overlay-files';

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Pointer of a node the overlay supplied in the merged document → its pointer in the overlay file. */
type Contributions = Map<string, string>;

const token = (k: string | number): string => String(k).replace(/~/g, '~0').replace(/\//g, '~1');

/** The key of an element of a list merged by name (OpenAPI parameters: name + in), or undefined. */
function elementKey(v: unknown): string | undefined {
  if (!isMapping(v) || typeof v['name'] !== 'string') return undefined;
  return `${typeof v['in'] === 'string' ? v['in'] : ''}\u0000${v['name']}`;
}

function record(value: unknown, merged: string, own: string, into: Contributions): void {
  into.set(merged, own);
  if (Array.isArray(value)) value.forEach((v, i) => record(v, `${merged}/${i}`, `${own}/${i}`, into));
  else if (isMapping(value)) for (const [k, v] of Object.entries(value)) record(v, `${merged}/${token(k)}`, `${own}/${token(k)}`, into);
}

/**
 * RFC 7386 with one addition for OpenAPI: a list whose items all have a `name` (parameters) is merged
 * item by item, matched on `name` and `in` (an overlay lists only the parameters it fixes; new ones are appended).
 */
function merge(target: unknown, patch: unknown, merged: string, own: string, into: Contributions): unknown {
  if (Array.isArray(patch) && Array.isArray(target) && patch.length > 0 && [...patch, ...target].every((v) => elementKey(v) !== undefined)) {
    const out = [...target];
    into.set(merged, own);
    patch.forEach((p, j) => {
      const i = out.findIndex((t) => elementKey(t) === elementKey(p));
      const at = i < 0 ? out.length : i;
      out[at] = merge(i < 0 ? undefined : out[i], p, `${merged}/${at}`, `${own}/${j}`, into);
    });
    return out;
  }
  if (!isMapping(patch)) {
    record(patch, merged, own, into);
    return patch;
  }
  into.set(merged, own);
  const out: Record<string, unknown> = isMapping(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    // An own data property even for `__proto__` (assignment would set the prototype instead).
    else Object.defineProperty(out, k, { value: merge(Object.hasOwn(out, k) ? out[k] : undefined, v, `${merged}/${token(k)}`, `${own}/${token(k)}`, into), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** `patch` over `target` (neither changed): RFC 7386, lists of named items merged by name. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  return merge(target, patch, '', '', new Map());
}

/** The overlay of `absPath` when the spec folder has one for it (never for files outside the spec folder or inside overrides/). */
export function overlayPathOf(specDir: string, absPath: string): string | undefined {
  const rel = relative(specDir, absPath);
  if (rel.startsWith('..') || rel.split(sep)[0] === OVERLAY_FOLDER) return undefined;
  const candidate = join(specDir, OVERLAY_FOLDER, rel);
  return existsSync(candidate) ? candidate : undefined;
}

function has(data: unknown, pointer: string): boolean {
  let node = data;
  for (const key of parsePointer(pointer) ?? []) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isMapping(node) && Object.hasOwn(node, key)) node = node[key];
    else return false;
    if (node === undefined) return false;
  }
  return true;
}

/** The base file as the loader sees it with its overlay merged in; locations point into whichever file wrote the node. */
export function withOverlay(base: YamlFile, overlay: YamlFile): YamlFile {
  const contributions: Contributions = new Map();
  const data = merge(base.data, overlay.data, '', '', contributions);
  contributions.delete('');
  return {
    name: base.name,
    absPath: base.absPath,
    data,
    hash: base.hash,
    locate: (pointer) => {
      // the deepest node on the way that exists decides: the overlay's when it supplied it, else the base file's
      for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
        const own = contributions.get(p);
        if (own !== undefined) return { ...overlay.locate(own), file: overlay.name };
        if (p === '' || has(base.data, p)) return base.locate(pointer);
      }
    },
  };
}
