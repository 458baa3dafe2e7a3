/**
 * What the mock accepts from a client, and the checks behind it: a request body's size and
 * JSON nesting are bounded before anything parses or copies it, and the log of received
 * requests keeps only the last few. Every limit is a `startMockServer` option.
 */
import { OptionError } from '../generator/errors';

export interface MockLimits {
  /** Most bytes of a request body (larger: 400 PARAM_ERROR, the rest is not kept). */
  readonly maxBodyBytes: number;
  /** Deepest nesting of objects/arrays in a JSON body or upload `meta` (deeper: 400 PARAM_ERROR). */
  readonly maxDepth: number;
  /** How many requests `received` keeps (the oldest are dropped first). */
  readonly maxReceived: number;
  /** About how much memory `received` may hold, in bytes (the oldest are dropped first; the newest is always kept). */
  readonly maxReceivedBytes: number;
  /** How many bytes of a rejected request's body its record keeps. */
  readonly rejectedBodyBytes: number;
}

export const DEFAULT_LIMITS: MockLimits = Object.freeze({
  maxBodyBytes: 1024 * 1024,
  maxDepth: 64,
  maxReceived: 100,
  maxReceivedBytes: 32 * 1024 * 1024,
  rejectedBodyBytes: 1024,
});

/** The limits of a server: the defaults with the caller's, each checked. */
export function mockLimits(given: Partial<MockLimits> | undefined): MockLimits {
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(given ?? {})) {
    if (!(k in DEFAULT_LIMITS)) throw new OptionError(`startMockServer: unknown limit "${k}" (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new OptionError(`startMockServer: limits.${k} must be a whole number ≥ 0`);
    out[k] = v;
  }
  return out as unknown as MockLimits;
}

/**
 * Whether JSON text nests objects/arrays deeper than `max` (one pass over the text, strings
 * skipped): the runtime's check, so that neither JSON.parse nor any later copy or walk of the
 * mock ever sees a value deeper than the limit.
 */
export { nestsDeeper } from '../templates/runtime/serialize';
