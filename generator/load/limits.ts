/**
 * What the loader accepts, so that no spec — careless or hostile — can make wxpay-gen read
 * outside the spec folder, hang, or take unbounded memory. Every limit crossed is a SpecError
 * naming the place and the limit. Change them with `generate({ limits: { … } })` (or
 * `loadSpec(root, cwd, { … })`); the README lists them.
 */
export interface LoadLimits {
  /** Largest spec file, in bytes. */
  readonly maxFileBytes: number;
  /** All spec files together, in bytes. */
  readonly maxTotalBytes: number;
  /** How many spec files one root may pull in. */
  readonly maxFiles: number;
  /** Deepest nesting of mappings and lists, in one file (YAML levels) and in the resolved document. */
  readonly maxDepth: number;
  /**
   * Values (mappings, lists and scalars) of the document once every `$ref` and YAML alias is
   * expanded: the size every later stage works on. Shared nodes are resolved once, but a
   * reference repeated in a chain multiplies this size (a `$ref` DAG or "billion laughs" bomb).
   */
  readonly maxNodes: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 4 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxFiles: 5_000,
  maxDepth: 200,
  maxNodes: 2_000_000,
};

/** The defaults with the caller's changes. An unknown name or a value that is not a positive number is a TypeError (a programming error, not a spec problem). */
export function withLimits(changes: Partial<LoadLimits> | undefined): LoadLimits {
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(changes ?? {})) {
    if (v === undefined) continue;
    if (!(k in DEFAULT_LIMITS)) throw new TypeError(`unknown load limit "${k}"; the limits are ${Object.keys(DEFAULT_LIMITS).join(', ')}`);
    if (typeof v !== 'number' || !(v > 0)) throw new TypeError(`load limit ${k} must be a positive number`);
    out[k] = v;
  }
  return out as unknown as LoadLimits;
}
