/**
 * Faults: ways the mock misbehaves on purpose, so a client's error handling can be proven.
 * Chosen per server (`faults` option / `setFaults`) or per request (the `X-Mock-Fault`
 * header, which wins). A fault only applies to a request the server accepted: a request
 * that fails routing, signature or validation gets its honest error answer.
 */
import { randomBytes } from 'node:crypto';

export const FAULT_NAMES = [
  /** The body is changed after signing (one character of a string), so the signature no longer matches. */
  'tampered-body',
  /** The signature is changed (one byte flipped). */
  'tampered-signature',
  /** Signed properly, but with a `Wechatpay-Timestamp` 10 minutes old. */
  'stale-timestamp',
  /** Signed properly, but `Wechatpay-Serial` names a key the client does not hold. */
  'unknown-serial',
  /** WeChat Pay's probe: a `Wechatpay-Signature` starting with `WECHATPAY/SIGNTEST/`. */
  'signtest',
  /** A signed 5xx (`status`, default 500) with `{ code: "SYSTEM_ERROR", message }`. */
  'server-error',
  /** A signed 204 with an empty body. */
  'no-content',
  /** A signed 200 whose body is truncated JSON. */
  'broken-json',
  /** The answer comes after `delayMs` (default 5000) — or never, if the client gives up first. */
  'slow',
  /** Headers and half the body, then the connection is reset. */
  'reset',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

export interface Fault {
  readonly name: FaultName;
  /** `slow`: milliseconds before answering (default 5000). */
  readonly delayMs?: number;
  /** `server-error`: the 5xx status (default 500). */
  readonly status?: number;
}

export type FaultInput = FaultName | Fault;

/** The per-request header: `X-Mock-Fault: slow=1500`, `server-error=503`, `reset`, … */
export const FAULT_HEADER = 'x-mock-fault';
export const DEFAULT_SLOW_MS = 5000;
export const STALE_SECONDS = 600;
export const UNKNOWN_SERIAL = 'PUB_KEY_ID_0000000000000000000000000000';
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';

/** Checks and completes a fault; a string is what is wrong with it. */
export function normalizeFault(input: FaultInput): Fault | string {
  const fault: Fault = typeof input === 'string' ? { name: input } : input;
  if (!(FAULT_NAMES as readonly string[]).includes(fault.name)) return `unknown fault "${String(fault.name)}"; use one of ${FAULT_NAMES.join(', ')}`;
  if (fault.delayMs !== undefined && (!Number.isInteger(fault.delayMs) || fault.delayMs < 0 || fault.delayMs > 600_000)) return 'delayMs must be an integer from 0 to 600000';
  if (fault.status !== undefined && (!Number.isInteger(fault.status) || fault.status < 500 || fault.status > 599)) return 'status must be a 5xx code';
  return fault;
}

/** Parses the `X-Mock-Fault` header: `name` or `name=number` (the delay of `slow`, the status of `server-error`). */
export function parseFaultHeader(text: string): Fault | string {
  const m = /^\s*([a-z-]+)\s*(?:=\s*(\d+)\s*)?$/.exec(text);
  if (!m || m[1] === undefined) return 'X-Mock-Fault must be a fault name, optionally =<number>';
  const name = m[1] as FaultName;
  if (m[2] === undefined) return normalizeFault(name);
  const n = Number(m[2]);
  if (name === 'slow') return normalizeFault({ name, delayMs: n });
  if (name === 'server-error') return normalizeFault({ name, status: n });
  return `the fault ${name} takes no number`;
}

/** Flips one byte of a base64 signature (keeps it valid base64, so only the math fails). */
export function tamperSignature(signature: string): string {
  const bytes = Buffer.from(signature, 'base64');
  const i = Math.floor(bytes.length / 2);
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

/**
 * Changes one character inside a JSON string (the last one before a closing quote) so the
 * body stays valid JSON but no longer matches its signature; a body without one gets a
 * trailing space.
 */
export function tamperBody(body: Buffer): Buffer {
  const text = body.toString('utf8');
  const m = /[0-9A-Za-z](?="[^"]*$)/.exec(text);
  if (!m) return Buffer.concat([body, Buffer.from(' ')]);
  const c = m[0];
  const swapped = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : c === 'z' || c === 'Z' ? String.fromCharCode(c.charCodeAt(0) - 1) : String.fromCharCode(c.charCodeAt(0) + 1);
  return Buffer.from(text.slice(0, m.index) + swapped + text.slice(m.index + 1), 'utf8');
}

/** The first half of a JSON body: never valid JSON. */
export function brokenJson(body: Buffer): Buffer {
  const text = body.length > 0 ? body.toString('utf8') : '{}';
  return Buffer.from(text.slice(0, Math.max(1, Math.floor(text.length / 2))), 'utf8');
}

export function signtestSignature(): string {
  return SIGNTEST_PREFIX + randomBytes(96).toString('base64');
}
