/**
 * What a notification handler answers, as WeChat Pay expects (回调通知应答): 204 without a body
 * on success (or 200 with the JSON object the callback returned, for the few event types whose
 * page documents an answer with data); on failure a 4XX/5XX status with
 * `{"code":"FAIL","message":"…"}`, which makes WeChat Pay deliver the notification again later.
 *
 * - 401: the notification is not genuine or could not be read (SignatureError, DecryptionError,
 *   ValidationError): WeChat Pay retries; a forgery never gets a success answer.
 * - 413: the body is over the handler's limit. 405: not a POST.
 * - 500: the client is misconfigured (no apiV3Key) or the callback threw: retried later.
 *
 * The message names the failure's kind and reason only: never the callback error's own message
 * (which may hold order data), a key or any plaintext.
 *
 * The answer a callback resolves is checked against the answer its event documents
 * (ENTRUST.TERMINATE_RETENTION's retention_type, coupon_info, …) when the client validates
 * (`checkAnswer`): a wrong answer is the merchant's bug, and WeChat Pay would act on it (or ignore
 * it) silently. It is thrown as a ValidationError, which the handler reports through `onError`
 * and answers FAIL 500, so WeChat Pay delivers again and the developer sees why. Resolving
 * nothing (204) is always a success; an object for an event without a documented answer is sent as it is.
 */
import { ConfigError, ValidationError, WxPayError } from './errors.js';
import type { Notification, NotificationCallbackResult, WebhookTable } from './notification-types.js';
import { validateValue } from './validate.js';

/** One answer: status, headers, body text (empty for 204). */
export interface NotifyAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Default largest notification body: 1 MiB (WeChat Pay's are a few KiB). */
export const DEFAULT_NOTIFY_LIMIT: number = 1024 * 1024;

/** A fresh header object per answer: some servers (e.g. @hono/node-server) add to the one given. */
const jsonType = (): Record<string, string> => ({ 'Content-Type': 'application/json; charset=utf-8' });

/** The FAIL answer. */
export function failAnswer(status: number, message: string): NotifyAnswer {
  return { status, headers: jsonType(), body: JSON.stringify({ code: 'FAIL', message }) };
}

/** The success answer for what the callback resolved to. */
export function successAnswer(result: NotificationCallbackResult): NotifyAnswer {
  if (result === undefined || result === null) return { status: 204, headers: {}, body: '' };
  return { status: 200, headers: jsonType(), body: JSON.stringify(result) };
}

/** The FAIL answer for an error thrown while parsing (`stage: 'parse'`) or by the callback. */
export function errorAnswer(error: unknown, stage: 'parse' | 'callback'): NotifyAnswer {
  if (stage === 'callback') return failAnswer(500, 'the merchant handler failed; please retry');
  if (error instanceof WxPayError) {
    if (error.code === 'config') return failAnswer(500, 'the merchant server cannot decrypt notifications (configuration)');
    const reason = error.code === 'signature' ? `signature verification failed (${(error as unknown as { reason: string }).reason})` : `${error.code} failed`;
    return failAnswer(401, reason);
  }
  return failAnswer(500, 'the merchant server failed to read the notification');
}

/** Calls `onError` without letting it change the answer. */
export function report(onError: ((error: unknown) => void) | undefined, error: unknown): void {
  if (!onError) return;
  try {
    onError(error);
  } catch {
    // the answer is already decided
  }
}

/** Checks a handler's options once, when the handler is made. */
export function handlerLimit(limit: unknown): number {
  if (limit === undefined) return DEFAULT_NOTIFY_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit <= 0) throw new ConfigError('limit must be a positive whole number of bytes');
  return limit;
}

/** Throws a ValidationError (`Invalid <EVENT> answer: answer.<field> …`) when `result` breaks the event's documented answer. */
export function checkAnswer(webhooks: WebhookTable, validate: boolean, notification: Notification, result: NotificationCallbackResult): void {
  if (!validate || result === undefined || result === null) return;
  const eventType = notification.event_type;
  if (!Object.prototype.hasOwnProperty.call(webhooks, eventType)) return;
  const schema = webhooks[eventType]?.answer;
  if (!schema) return;
  const issues = validateValue(schema, result, 'answer');
  if (issues.length > 0) throw new ValidationError(issues, `${eventType} answer`);
}
