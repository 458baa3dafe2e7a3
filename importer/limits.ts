/**
 * How much the importer reads from one page, so that a hostile or broken page is a located
 * error (page:line) instead of minutes of CPU, gigabytes of memory or a stack overflow.
 * Every limit is an `importPages` option (`limits`); the real doc pages stay far below them
 * (largest page of the corpus ≈ 90 kB, longest line ≈ 3.4 k characters, deepest row 5 levels).
 */
import { OptionError } from '../generator/errors';

export interface ImportLimits {
  /** Most bytes of one page file. */
  readonly maxPageBytes: number;
  /** Most characters of one line (a table row, so every cell, is one line). */
  readonly maxLineChars: number;
  /** Deepest `data-indent` of a table row (nesting of the imported schema). */
  readonly maxDepth: number;
  /** Deepest nesting of arrays in a PHP example (deeper: its values are not used). */
  readonly maxExampleDepth: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = Object.freeze({
  maxPageBytes: 1024 * 1024,
  maxLineChars: 64 * 1024,
  maxDepth: 32,
  maxExampleDepth: 64,
});

/** The defaults with the caller's limits, each checked. */
export function importLimits(given: Partial<ImportLimits> | undefined): ImportLimits {
  const out: Record<string, number> = { ...DEFAULT_IMPORT_LIMITS };
  for (const [k, v] of Object.entries(given ?? {})) {
    if (!(k in DEFAULT_IMPORT_LIMITS)) throw new OptionError(`importPages: unknown limit "${k}" (known: ${Object.keys(DEFAULT_IMPORT_LIMITS).join(', ')})`);
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new OptionError(`importPages: limits.${k} must be a whole number ≥ 1`);
    out[k] = v;
  }
  return out as unknown as ImportLimits;
}

/** A value for a message: JSON, at most `max` characters, never throwing (deep or odd values included). */
export function preview(value: unknown, max = 200): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? '[…]' : typeof value === 'object' && value !== null ? '{…}' : String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
