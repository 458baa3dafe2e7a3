/**
 * The answer a handler's callback resolves, checked against the answer its event documents
 * (ENTRUST.TERMINATE_RETENTION's retention_type, coupon_info, …) when the client validates.
 * A wrong answer is the merchant's bug, and WeChat Pay would act on it (or ignore it) silently:
 * it is thrown as a ValidationError, which the handler reports through `onError` and answers
 * FAIL 500, so WeChat Pay delivers again and the developer sees why. Resolving nothing (204) is
 * always a success; an object for an event without a documented answer is sent as it is.
 */
import { ValidationError } from './errors.js';
import type { Notification, NotificationCallbackResult, WebhookTable } from './notification-types.js';
import { validateValue } from './validate.js';

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
