/**
 * `mock.notify(url, eventType, data?, options?)` and the CLI's sender: builds the notification
 * (payload from `data`, else from the spec's webhook schema and examples), delivers it as WeChat
 * Pay does, and resolves with every attempt and answer (success answers to an event that documents
 * an answer with data are checked against it: `answerMatches`).
 */
import type { Model } from '../generator/model';
import { exampleOf } from './example';
import { buildNotification, type BuildNotificationOptions, type NotifyKeys } from './notify-build';
import { deliverNotification, type DeliverOptions, type DeliveryResult } from './notify-send';

export type NotifyOptions = BuildNotificationOptions & DeliverOptions;

/** A payload for `eventType` from the model's webhook (examples, else first enum values, else placeholders); `{}` when the spec does not have it. */
export function examplePayload(model: Model | undefined, eventType: string): unknown {
  const hook = model?.webhooks.find((w) => w.eventType === eventType);
  const schema = hook?.payload[0];
  return schema ? exampleOf(schema, 'data') : {};
}

/** Builds and delivers one notification. */
export function sendNotification(url: string, keys: NotifyKeys, model: Model | undefined, eventType: string, data?: unknown, options: NotifyOptions = {}): Promise<DeliveryResult> {
  const payload = data === undefined ? examplePayload(model, eventType) : data;
  const built = buildNotification(keys, eventType, payload, options);
  const answer = options.answer ?? model?.webhooks.find((w) => w.eventType === eventType)?.answer;
  return deliverNotification(url, built, keys, answer ? { ...options, answer } : options);
}
