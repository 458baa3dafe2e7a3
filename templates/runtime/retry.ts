/**
 * Retries, opt-in per client (`retry` option) and per call (`retry` call option): which
 * failures are retried, how long to wait, and when to give up.
 *
 * Retried:
 * - a network error before any byte of the request was sent (connection refused, DNS, TLS
 *   handshake): whatever the method — WeChat Pay cannot have seen it;
 * - on GET (or a call marked `idempotent: true`): 429, 5xx, and network errors after sending.
 *
 * Never retried: a POST/PUT/PATCH/DELETE that may have reached WeChat Pay, unless the caller
 * says it is safe (`idempotent: true`, e.g. an order with the same `out_trade_no`); timeouts
 * (the caller's own bound); 4xx other than 429; verification and decryption failures.
 *
 * Waits: exponential backoff with jitter (half fixed, half random), capped by `maxDelay`; a
 * `Retry-After` (seconds or an HTTP date) is honoured as a floor. Bounded twice: `attempts` in
 * all, and no retry that would start later than `maxElapsed` after the first attempt.
 */
import { ConfigError } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included (default 3; 1 turns retries off). At most 10. */
  readonly attempts?: number;
  /** Backoff before the first retry in ms (default 200); doubles each retry. */
  readonly baseDelay?: number;
  /** Largest backoff in ms (default 5000); a longer `Retry-After` is still honoured within `maxElapsed`. */
  readonly maxDelay?: number;
  /** No retry starts later than this many ms after the first attempt (default 20000). */
  readonly maxElapsed?: number;
  /**
   * The call may be repeated safely even if WeChat Pay received it (same `out_trade_no`,
   * `out_refund_no`, …): 429, 5xx and network errors after sending are then retried for any
   * method. Default false: only GET is.
   */
  readonly idempotent?: boolean;
  /** Waits `ms` (default a timer; tests inject their own). Rejects with the signal's reason when it aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds clock for `maxElapsed` (default Date.now). */
  readonly now?: () => number;
  /** Jitter source in [0, 1) (default Math.random). */
  readonly random?: () => number;
}

/** A resolved policy: every field set. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelay: number;
  readonly maxDelay: number;
  readonly maxElapsed: number;
  readonly idempotent: boolean;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now: () => number;
  readonly random: () => number;
}

/** How one attempt failed, as far as retrying cares. */
export type AttemptFailure =
  | { readonly kind: 'network'; readonly sent: boolean }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string | undefined }
  | { readonly kind: 'final' };

const MAX_ATTEMPTS = 10;

/** A timer-based sleep that never keeps the process alive and stops on abort. */
export function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    timer.unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function count(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new ConfigError(`retry.${name} must be a number from 0 to ${max}`);
  }
  return value;
}

/**
 * The policy of one call: the call's `retry` over the client's. `undefined` (or `false` /
 * `attempts: 1` on either side) means no retries.
 */
export function resolveRetry(client: boolean | RetryOptions | undefined, call: boolean | RetryOptions | undefined): RetryPolicy | undefined {
  if (call === false || (call === undefined && (client === undefined || client === false))) return undefined;
  const base: RetryOptions = typeof client === 'object' && client !== null ? client : {};
  const over: RetryOptions = typeof call === 'object' && call !== null ? call : {};
  const o: RetryOptions = { ...base, ...over };
  const attempts = Math.floor(count('attempts', o.attempts, 3, MAX_ATTEMPTS));
  if (attempts <= 1) return undefined;
  for (const f of ['sleep', 'now', 'random'] as const) {
    if (o[f] !== undefined && typeof o[f] !== 'function') throw new ConfigError(`retry.${f} must be a function`);
  }
  return {
    attempts,
    baseDelay: count('baseDelay', o.baseDelay, 200),
    maxDelay: count('maxDelay', o.maxDelay, 5_000),
    maxElapsed: count('maxElapsed', o.maxElapsed, 20_000),
    idempotent: o.idempotent === true,
    sleep: o.sleep ?? timerSleep,
    now: o.now ?? Date.now,
    random: o.random ?? Math.random,
  };
}

/** Checks a client's `retry` option once, at createClient. */
export function checkRetryOption(value: unknown): void {
  if (value === undefined || typeof value === 'boolean') return;
  if (typeof value !== 'object' || value === null) throw new ConfigError('retry must be true, false or an options object');
  resolveRetry(value as RetryOptions, undefined);
}

/** `Retry-After` as milliseconds from `nowMs`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/** Whether this failure of a `method` call may be retried at all. */
export function retryable(method: string, failure: AttemptFailure, idempotent: boolean): boolean {
  const safe = method === 'GET' || idempotent;
  if (failure.kind === 'network') return !failure.sent || safe;
  if (failure.kind === 'status') return safe && (failure.status === 429 || (failure.status >= 500 && failure.status <= 599));
  return false;
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1), or undefined to give up:
 * attempts used up, failure not retryable, or the wait would end past `maxElapsed`.
 */
export function nextDelay(policy: RetryPolicy, attempt: number, method: string, failure: AttemptFailure, startedAt: number): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  if (!retryable(method, failure, policy.idempotent)) return undefined;
  const now = policy.now();
  const exp = Math.min(policy.maxDelay, policy.baseDelay * 2 ** (attempt - 1));
  let delay = exp / 2 + policy.random() * (exp / 2);
  const after = failure.kind === 'status' ? retryAfterMs(failure.retryAfter, now) : undefined;
  if (after !== undefined) delay = Math.max(delay, after);
  delay = Math.round(delay);
  if (now + delay - startedAt > policy.maxElapsed) return undefined;
  return delay;
}
