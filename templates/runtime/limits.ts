/**
 * The client's limits and the checks of the call options that set them: one rule for
 * `createClient` (a ConfigError) and for each call (a ValidationError), so a `timeout` of
 * -1 or NaN is refused in both places instead of quietly turning the timer off. And the one
 * bounded reader of a web stream, used for fetch answers and for notification bodies.
 */
import type { ValidationIssue } from './errors.js';

/** Default client timeout, milliseconds. */
export const DEFAULT_TIMEOUT: number = 30_000;
/** Default most bytes of an answer the client reads: 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES: number = 10 * 1024 * 1024;

/** Why a timeout value is unusable, or undefined when it is fine (0 or Infinity: none). */
export function timeoutProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) return 'must be a number of milliseconds ≥ 0 (0 or Infinity: none)';
  return undefined;
}

/** Why a byte limit is unusable, or undefined when it is fine. */
export function byteLimitProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return 'must be a whole number of bytes ≥ 0';
  return undefined;
}

/** Problems with a call's own options (`timeout`, `maxResponseBytes`, `signal`). */
export function checkCallOptions(args: { readonly timeout?: unknown; readonly maxResponseBytes?: unknown; readonly signal?: unknown }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (args.timeout !== undefined) {
    const why = timeoutProblem(args.timeout);
    if (why) issues.push({ path: 'timeout', message: why });
  }
  if (args.maxResponseBytes !== undefined) {
    const why = byteLimitProblem(args.maxResponseBytes);
    if (why) issues.push({ path: 'maxResponseBytes', message: why });
  }
  const signal = args.signal;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof (signal as { addEventListener?: unknown }).addEventListener !== 'function')) {
    issues.push({ path: 'signal', message: 'must be an AbortSignal' });
  }
  return issues;
}

/**
 * Reads a web stream whole, but at most `limit` bytes: past the limit the stream is cancelled and
 * `undefined` is resolved, so an endless or huge body is never buffered whole. A read error rejects.
 */
export async function readBoundedStream(stream: ReadableStream<Uint8Array>, limit: number): Promise<Buffer | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
