import { dirname, relative, resolve, sep } from 'node:path';
import { escapeToken } from '../../templates/runtime/pointer';
import type { SpecProblem } from '../errors';
import { listOverlays, overlayPathOf, withOverlay } from './overlay';
import { readYamlFile, type YamlFile } from './yaml-file';

/** Where a node of the resolved document was written. */
export interface Origin {
  readonly file: YamlFile;
  readonly pointer: string;
}

/** Resolves every `$ref` (within a file and across files) into one inlined tree, recording each object's origin. */
export class RefResolver {
  readonly problems: SpecProblem[] = [];
  readonly origins = new WeakMap<object, Origin>();
  private readonly files = new Map<string, YamlFile | null>();
  private readonly done = new Map<string, unknown>();

  /** Overlay files merged in so far (generator/load/overlay.ts), by absolute path. */
  private readonly overlays = new Map<string, YamlFile>();

  /** `specDir`: the root document's folder, whose `overrides/` folder holds the overlays. */
  constructor(private readonly cwd: string, private readonly specDir?: string) {}

  /** Loads a file once; `null` when it could not be read or parsed (its problems are recorded). */
  file(absPath: string, from?: { file: YamlFile; pointer: string }): YamlFile | null {
    const cached = this.files.get(absPath);
    if (cached !== undefined) return cached;
    const name = relative(this.cwd, absPath).split(sep).join('/');
    const result = readYamlFile(absPath, name);
    if (result.ok) {
      const file = this.overlaid(result.file);
      this.files.set(absPath, file);
      return file;
    }
    this.files.set(absPath, null);
    for (const p of result.problems) {
      if (from && p.message.startsWith('file not found')) {
        this.problem(from.file, from.pointer, `$ref names ${name}, which does not exist; point it at an existing spec file (paths are relative to ${from.file.name})`);
      } else {
        this.problems.push(p);
      }
    }
    return null;
  }

  /** `file` with its overlay merged in, when the spec folder has one (an unreadable overlay is a problem of its own). */
  private overlaid(file: YamlFile): YamlFile {
    const overlayPath = this.specDir === undefined ? undefined : overlayPathOf(this.specDir, file.absPath);
    if (overlayPath === undefined) return file;
    const read = readYamlFile(overlayPath, relative(this.cwd, overlayPath).split(sep).join('/'));
    if (!read.ok) {
      this.problems.push(...read.problems);
      return file;
    }
    this.overlays.set(overlayPath, read.file);
    return withOverlay(file, read.file);
  }

  /** An overlay whose file the spec never reads fixes nothing: a problem (a renamed or pruned file, a typo in its path). */
  checkOverlaysUsed(): void {
    if (this.specDir === undefined) return;
    for (const { overlay, base } of listOverlays(this.specDir)) {
      if (this.overlays.has(overlay)) continue;
      const name = (p: string): string => relative(this.cwd, p).split(sep).join('/');
      this.problems.push({ file: name(overlay), line: 1, column: 1, pointer: '', message: `overlay of ${name(base)}, which the spec does not use (no $ref reaches it); move it to the overlaid file's path under overrides/, or delete it` });
    }
  }

  /** Every file read so far (overlays included), sorted by name. */
  readFiles(): YamlFile[] {
    return [...this.files.values(), ...this.overlays.values()].filter((f): f is YamlFile => f !== null).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  problem(file: YamlFile, pointer: string, message: string): void {
    const { line, column, file: where } = file.locate(pointer);
    this.problems.push({ file: where ?? file.name, line, column, pointer, message });
  }

  resolve(value: unknown, file: YamlFile, pointer: string, stack: readonly string[] = []): unknown {
    if (Array.isArray(value)) {
      const out = value.map((v, i) => this.resolve(v, file, `${pointer}/${i}`, stack));
      this.origins.set(out, { file, pointer });
      return out;
    }
    if (value === null || typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    if ('$ref' in obj) return this.follow(obj, file, pointer, stack);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = this.resolve(v, file, `${pointer}/${escapeToken(k)}`, stack);
    this.origins.set(out, { file, pointer });
    return out;
  }

  /**
   * Like `resolve`, except that a `$ref` into the root document's `components` stays a local
   * `#/components/…` reference: the bundled form a types generator wants (shared types stay
   * shared). Only called after `resolve` succeeded, so every reference is known to resolve.
   */
  bundle(value: unknown, file: YamlFile, root: YamlFile): unknown {
    if (Array.isArray(value)) return value.map((v) => this.bundle(v, file, root));
    if (value === null || typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    const ref = obj['$ref'];
    if (typeof ref === 'string') {
      const hash = ref.indexOf('#');
      const filePart = hash < 0 ? ref : ref.slice(0, hash);
      const fragment = hash < 0 ? '' : ref.slice(hash + 1);
      const target = filePart === '' ? file : this.files.get(resolve(dirname(file.absPath), decodeURI(filePart)));
      if (!target) return undefined;
      const siblings = Object.fromEntries(Object.entries(obj).filter(([k]) => k !== '$ref'));
      if (target === root && fragment.startsWith('/components/')) return { $ref: `#${fragment}`, ...siblings };
      const key = `bundle:${target.absPath}#${fragment}`;
      let out = this.done.get(key);
      if (out === undefined) {
        out = this.bundle(valueAt(target.data, fragment), target, root);
        this.done.set(key, out);
      }
      return Object.keys(siblings).length > 0 && out !== null && typeof out === 'object' ? { ...(out as object), ...siblings } : out;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = this.bundle(v, file, root);
    return out;
  }

  private follow(obj: Record<string, unknown>, file: YamlFile, pointer: string, stack: readonly string[]): unknown {
    const refPointer = `${pointer}/$ref`;
    const ref = obj['$ref'];
    if (typeof ref !== 'string' || ref.length === 0) {
      this.problem(file, refPointer, '$ref must be a non-empty string such as "./paths/v3/x.yaml" or "#/components/schemas/X"');
      return undefined;
    }
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    if (fragment !== '' && !fragment.startsWith('/')) {
      this.problem(file, refPointer, `$ref fragment "#${fragment}" is not a JSON pointer; write it as "#/components/…"`);
      return undefined;
    }
    const target = filePart === '' ? file : this.file(resolve(dirname(file.absPath), decodeURI(filePart)), { file, pointer: refPointer });
    if (!target) return undefined;
    const key = `${target.absPath}#${fragment}`;
    if (stack.includes(key)) {
      this.problem(file, refPointer, `$ref "${ref}" refers back to itself (a cycle); recursive schemas are not supported, inline the repeated part`);
      return undefined;
    }
    if (this.done.has(key)) return this.withSiblings(this.done.get(key), obj);
    const raw = valueAt(target.data, fragment);
    if (raw === undefined) {
      this.problem(file, refPointer, `$ref "${ref}" points at nothing: ${target.name} has no ${fragment === '' ? 'content' : `node at ${fragment}`}`);
      return undefined;
    }
    const resolved = this.resolve(raw, target, fragment, [...stack, key]);
    this.done.set(key, resolved);
    return this.withSiblings(resolved, obj);
  }

  /** OpenAPI 3.1 lets `summary`/`description` stand beside `$ref` and override the target's. */
  private withSiblings(resolved: unknown, obj: Record<string, unknown>): unknown {
    const siblings = Object.entries(obj).filter(([k]) => k !== '$ref');
    if (siblings.length === 0 || resolved === null || typeof resolved !== 'object' || Array.isArray(resolved)) return resolved;
    const merged = { ...(resolved as Record<string, unknown>), ...Object.fromEntries(siblings) };
    const origin = this.origins.get(resolved);
    if (origin) this.origins.set(merged, origin);
    return merged;
  }
}


function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
