import { resolve as resolvePath } from 'node:path';
import { SpecError } from '../errors';
import { withLimits, type LoadLimits } from './limits';
import { RefResolver, type Origin } from './resolve';

export { DEFAULT_LIMITS, type LoadLimits } from './limits';

/** A spec with every `$ref` inlined, and the way back from any of its objects to file, line and pointer. */
export interface LoadedSpec {
  /** Root spec path relative to the working directory, `/`-separated. */
  readonly specName: string;
  /** The whole OpenAPI document, `$ref`s resolved. Read-only by convention. */
  readonly document: Readonly<Record<string, unknown>>;
  /** Every spec file that was read, with the hash of its text, sorted by name. */
  readonly files: readonly { readonly name: string; readonly hash: string }[];
  /** Where an object of `document` was written. */
  origin(node: object): Origin | undefined;
}

/**
 * Reads the root document and every file it references. Throws one SpecError carrying
 * every problem found (bad YAML, unreadable file, unresolvable or cyclic `$ref`, a `$ref`
 * outside the root's folder, a limit crossed: see limits.ts).
 */
export function loadSpec(rootFile: string, cwd: string = process.cwd(), limits?: Partial<LoadLimits>): LoadedSpec {
  const resolver = new RefResolver(cwd, withLimits(limits));
  const root = resolver.root(resolvePath(cwd, rootFile));
  if (!root) throw new SpecError(resolver.problems);
  if (root.data === null || typeof root.data !== 'object' || Array.isArray(root.data)) {
    resolver.problem(root, '', 'the root spec must be a YAML mapping with openapi, info and paths');
    throw new SpecError(resolver.problems);
  }
  const document = resolver.resolve(root.data, root, '') as Record<string, unknown>;
  resolver.finishResolving();
  resolver.checkOverlaysUsed();
  if (resolver.problems.length > 0) throw new SpecError(resolver.problems);
  return {
    specName: root.name,
    document,
    files: resolver.readFiles().map((f) => ({ name: f.name, hash: f.hash })),
    origin: (node) => resolver.origins.get(node),
  };
}
