import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { escapeToken, parsePointer } from '../../templates/runtime/pointer';
import { SpecError, type SpecProblem } from '../errors';
import type { LoadLimits } from './limits';
import { listOverlays, overlayPathOf, withOverlay } from './overlay';
import { readYamlFile, type YamlFile } from './yaml-file';

/** Where a node of the resolved document was written. */
export interface Origin {
  readonly file: YamlFile;
  readonly pointer: string;
}

/** A `$ref` taken apart: the file it names (absolute; undefined for the same file) and the JSON pointer in it. */
interface RefTarget {
  readonly absPath?: string;
  readonly pointer: string;
}

/**
 * Resolves every `$ref` (within a file and across files) into one inlined document, recording
 * each object's origin. Hostile input is held to `limits`:
 * - a `$ref` may only name a file inside the root document's folder (symbolic links resolved);
 * - every node is resolved once and then shared, whether it is reached again through a `$ref`
 *   or a YAML alias; the size of the expanded document is counted as it is built, and a spec
 *   that would expand past `limits.maxNodes` is refused at the node that crosses the limit;
 * - nesting of the resolved document is bounded by `limits.maxDepth`.
 */
export class RefResolver {
  readonly problems: SpecProblem[] = [];
  /** (Maps, not WeakMaps: they live exactly as long as the loaded spec, and a Map is much cheaper to fill and to collect.) */
  readonly origins = new Map<object, Origin>();
  private readonly files = new Map<string, YamlFile | null>();
  /** `$ref` target key → resolved value. */
  private readonly done = new Map<string, unknown>();
  /** Raw (parsed) object → resolved object: a node reached twice (YAML aliases) is resolved once. */
  private readonly shared = new Map<object, unknown>();
  private readonly inProgress = new Set<object>();
  /** Resolved node → the number of values it stands for once expanded. */
  private readonly sizes = new Map<object, number>();
  private totalBytes = 0;
  private rootDir: string | undefined;
  /** Overlay files merged in so far (generator/load/overlay.ts), by absolute path. */
  private readonly overlays = new Map<string, YamlFile>();
  /** The root document's folder, whose `overrides/` folder holds the overlays. */
  private specDir: string | undefined;
  /** Overlay files that could not be read (their problems are recorded). */
  private readonly brokenOverlays = new Set<string>();

  constructor(private readonly cwd: string, private readonly limits: LoadLimits) {}

  /** Reads the root document; every other file must be inside its folder. */
  root(absPath: string): YamlFile | null {
    this.specDir = dirname(absPath);
    this.rootDir = realOrSelf(this.specDir);
    return this.file(absPath);
  }

  /** Loads a file once; `null` when it could not be read or parsed (its problems are recorded). */
  file(absPath: string, from?: { file: YamlFile; pointer: string }): YamlFile | null {
    const cached = this.files.get(absPath);
    if (cached !== undefined) return cached;
    const name = relative(this.cwd, absPath).split(sep).join('/');
    if (this.files.size >= this.limits.maxFiles) {
      this.refuse(from, name, `the spec pulls in more than ${this.limits.maxFiles} files (limits.maxFiles)`);
      return null;
    }
    const result = readYamlFile(absPath, name, this.limits);
    if (!result.ok) {
      this.files.set(absPath, null);
      if (from && result.notFound) {
        this.problem(from.file, from.pointer, `$ref names ${name}, which does not exist; point it at an existing spec file (paths are relative to ${from.file.name})`);
      } else if (from) {
        for (const p of result.problems) this.problems.push(p.line === 1 && p.column === 1 && p.pointer === '' ? { ...p, message: `${p.message} (named by the $ref at ${from.file.name}:${from.file.locate(from.pointer).line})` } : p);
      } else {
        this.problems.push(...result.problems);
      }
      return null;
    }
    this.totalBytes += result.bytes;
    if (this.totalBytes > this.limits.maxTotalBytes) {
      this.files.set(absPath, null);
      this.refuse(from, name, `the spec files together are more than ${this.limits.maxTotalBytes.toLocaleString('en')} bytes (limits.maxTotalBytes)`);
      return null;
    }
    const file = this.overlaid(result.file);
    this.files.set(absPath, file);
    return file;
  }

  /** `file` with its overlay merged in, when the spec folder has one (an unreadable overlay is a problem of its own). */
  private overlaid(file: YamlFile): YamlFile {
    const overlayPath = this.specDir === undefined ? undefined : overlayPathOf(this.specDir, file.absPath);
    if (overlayPath === undefined) return file;
    const read = readYamlFile(overlayPath, relative(this.cwd, overlayPath).split(sep).join('/'), this.limits);
    if (!read.ok) {
      this.problems.push(...read.problems);
      this.brokenOverlays.add(overlayPath);
      return file;
    }
    this.overlays.set(overlayPath, read.file);
    return withOverlay(file, read.file);
  }

  /** An overlay whose file the spec never reads fixes nothing: a problem (a renamed or pruned file, a typo in its path). */
  checkOverlaysUsed(): void {
    if (this.specDir === undefined) return;
    for (const { overlay, base } of listOverlays(this.specDir)) {
      if (this.overlays.has(overlay) || this.brokenOverlays.has(overlay)) continue;
      const name = (p: string): string => relative(this.cwd, p).split(sep).join('/');
      this.problems.push({ file: name(overlay), line: 1, column: 1, pointer: '', message: `overlay of ${name(base)}, which the spec does not use (no $ref reaches it); move it to the overlaid file's path under overrides/, or delete it` });
    }
  }

  /** Drops what only the resolving needed (raw → resolved node, expanded sizes), once the root is resolved. */
  finishResolving(): void {
    this.shared.clear();
    this.sizes.clear();
  }

  /** Every file read so far (overlays included), sorted by name. */
  readFiles(): YamlFile[] {
    return [...this.files.values(), ...this.overlays.values()].filter((f): f is YamlFile => f !== null).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** A file that is not read: at the `$ref` naming it, or at the file itself for the root. */
  private refuse(from: { file: YamlFile; pointer: string } | undefined, name: string, why: string): void {
    if (from) this.problem(from.file, from.pointer, `$ref names ${name}, which is not read: ${why}`);
    else this.problems.push({ file: name, line: 1, column: 1, pointer: '', message: why });
  }

  problem(file: YamlFile, pointer: string, message: string): void {
    const { line, column, file: where } = file.locate(pointer);
    this.problems.push({ file: where ?? file.name, line, column, pointer, message });
  }

  resolve(value: unknown, file: YamlFile, pointer: string, stack: readonly string[] = [], depth = 0): unknown {
    if (value === null || typeof value !== 'object') return value;
    const known = this.shared.get(value);
    if (known !== undefined) return known;
    if (this.inProgress.has(value)) {
      this.problem(file, pointer, 'a YAML alias refers to a node that contains it (a cycle); write the repeated part out');
      return undefined;
    }
    if (depth > this.limits.maxDepth) {
      this.problem(file, pointer, `the resolved document is nested more than ${this.limits.maxDepth} levels deep (limits.maxDepth); a chain of $refs this deep is not a usable spec`);
      throw new SpecError(this.problems);
    }
    const raw = value as Record<string, unknown>;
    if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(raw, '$ref')) return this.follow(raw, file, pointer, stack, depth);
    this.inProgress.add(value);
    let out: unknown;
    let size = 1;
    if (Array.isArray(value)) {
      const list: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const v = this.resolve(value[i], file, `${pointer}/${i}`, stack, depth + 1);
        list.push(v);
        size += this.sizeOf(v);
      }
      out = list;
    } else {
      const obj: Record<string, unknown> = {};
      for (const k of Object.keys(raw)) {
        const v = this.resolve(raw[k], file, `${pointer}/${k.includes('~') || k.includes('/') ? escapeToken(k) : k}`, stack, depth + 1);
        setOwn(obj, k, v);
        size += this.sizeOf(v);
      }
      out = obj;
    }
    this.inProgress.delete(value);
    this.origins.set(out as object, { file, pointer });
    this.count(out as object, size, file, pointer);
    this.shared.set(value, out);
    return out;
  }

  private follow(obj: Record<string, unknown>, file: YamlFile, pointer: string, stack: readonly string[], depth: number): unknown {
    const refPointer = `${pointer}/$ref`;
    const ref = obj['$ref'];
    if (typeof ref !== 'string' || ref.length === 0) {
      this.problem(file, refPointer, '$ref must be a non-empty string such as "./paths/v3/x.yaml" or "#/components/schemas/X"');
      return undefined;
    }
    const target = this.parseRef(ref, file, refPointer);
    if (!target) return undefined;
    const targetFile = target.absPath === undefined ? file : this.file(target.absPath, { file, pointer: refPointer });
    if (!targetFile) return undefined;
    const key = `${targetFile.absPath}#${target.pointer}`;
    if (stack.includes(key)) {
      this.problem(file, refPointer, `$ref "${ref}" refers back to itself (a cycle); recursive schemas are not supported, inline the repeated part`);
      return undefined;
    }
    if (this.done.has(key)) return this.withSiblings(this.done.get(key), obj);
    const raw = valueAt(targetFile.data, target.pointer);
    if (raw === undefined) {
      this.problem(file, refPointer, `$ref "${ref}" points at nothing: ${targetFile.name} has no ${target.pointer === '' ? 'content' : `node at ${target.pointer}`}`);
      return undefined;
    }
    const resolved = this.resolve(raw, targetFile, target.pointer, [...stack, key], depth + 1);
    this.done.set(key, resolved);
    return this.withSiblings(resolved, obj);
  }

  /**
   * `./a.yaml#/x~1y` → the absolute file and the pointer. The fragment is percent-decoded
   * first, then read as a JSON pointer (RFC 6901 §6). A remote URL, a file outside the root
   * document's folder, a bad %-escape or a fragment that is not a pointer is a problem.
   */
  private parseRef(ref: string, file: YamlFile, at?: string): RefTarget | undefined {
    const bad = (message: string): undefined => {
      if (at !== undefined) this.problem(file, at, message);
      return undefined;
    };
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    let fragment: string;
    let path: string;
    try {
      fragment = hash < 0 ? '' : decodeURIComponent(ref.slice(hash + 1));
      path = decodeURI(filePart);
    } catch {
      return bad(`$ref "${ref}" has a malformed %-escape; write % as %25, and each escape as % and two hex digits`);
    }
    if (fragment !== '' && parsePointer(fragment) === undefined) return bad(`$ref fragment "#${fragment}" is not a JSON pointer; write it as "#/components/…"`);
    if (filePart === '') return { pointer: fragment };
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(path) && !/^[A-Za-z]:[\\/]/.test(path)) return bad(`$ref "${ref}" is a URL; only files inside the spec folder can be referenced (relative paths such as "./paths/v3/x.yaml")`);
    if (path.includes('\0')) return bad(`$ref "${ref}" contains a NUL character`);
    const absPath = resolve(dirname(file.absPath), path);
    if (!this.inside(absPath)) {
      return bad(`$ref "${ref}" points outside the spec folder ${this.rootDir === undefined ? '' : relative(this.cwd, this.rootDir).split(sep).join('/') || '.'}; only files inside the root document's folder can be referenced`);
    }
    return { absPath, pointer: fragment };
  }

  /** Whether `absPath` (and, when it exists, the file it finally is after symbolic links) lies inside the root document's folder. */
  private inside(absPath: string): boolean {
    if (this.rootDir === undefined) return true;
    return within(this.rootDir, realOrSelf(dirname(absPath))) && within(this.rootDir, realOrSelf(absPath));
  }

  /** OpenAPI 3.1 lets `summary`/`description` stand beside `$ref` and override the target's. */
  private withSiblings(resolved: unknown, obj: Record<string, unknown>): unknown {
    const siblings = Object.keys(obj).filter((k) => k !== '$ref');
    if (siblings.length === 0 || resolved === null || typeof resolved !== 'object' || Array.isArray(resolved)) return resolved;
    const merged: Record<string, unknown> = {};
    for (const k of Object.keys(resolved)) setOwn(merged, k, (resolved as Record<string, unknown>)[k]);
    for (const k of siblings) setOwn(merged, k, obj[k]);
    const size = this.sizeOf(resolved) + siblings.length;
    const origin = this.origins.get(resolved);
    if (origin) this.origins.set(merged, origin);
    this.sizes.set(merged, size);
    return merged;
  }

  private sizeOf(v: unknown): number {
    return v !== null && typeof v === 'object' ? (this.sizes.get(v) ?? 1) : 1;
  }

  /** Records the expanded size of a new node; past the budget, the whole load stops with a located problem. */
  private count(node: object, size: number, file: YamlFile, pointer: string): void {
    this.sizes.set(node, size);
    if (size > this.limits.maxNodes) {
      this.problem(file, pointer, `this node expands to more than ${this.limits.maxNodes.toLocaleString('en')} values once its $refs and YAML aliases are inlined (limits.maxNodes): references repeated at every level multiply; share less, or raise the limit`);
      throw new SpecError(this.problems);
    }
  }
}

/** Defines an own property, even for `__proto__` (plain assignment would replace the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const token of parsePointer(pointer) ?? []) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
