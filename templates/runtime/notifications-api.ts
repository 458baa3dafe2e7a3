/**
 * `wxpay.notifications`: `parse`, `nodeHandler`, `fetchHandler`, bound to the client's keys,
 * its `validate` option and the generated webhooks table. `N` is the generated client's
 * union of notifications, discriminated on `event_type`.
 */
import type { Notification, NotificationCallbackResult, NotificationHandlerOptions, NotificationInput, WebhookTable } from './notification-types.js';
import { checkAnswer } from './notify-answer.js';
import { parseNotificationSync } from './notifications.js';
import type { NotificationContext } from './notifications.js';
import { makeFetchHandler } from './notify-fetch.js';
import type { FetchNotificationHandler } from './notify-fetch.js';
import { makeNodeHandler } from './notify-node.js';
import type { NodeNotificationHandler } from './notify-node.js';

/** A handler's callback: act on the notification idempotently (the same `id` can arrive more than once). */
export type NotificationCallback<N> = (notification: N) => NotificationCallbackResult | Promise<NotificationCallbackResult>;

export interface NotificationsApi<N extends Notification = Notification> {
  /**
   * Verifies (over the exact bytes), decrypts and validates one notification. `body` is the raw
   * request body as received; `headers` a plain object (any case) or a `Headers`.
   */
  parse(input: NotificationInput): Promise<N>;
  /**
   * `(req, res)` for node:http / Express / Fastify (`reply.raw`): 204 when `callback` resolves
   * nothing, 200 with the object it resolves (an event's documented answer: checked when the client
   * validates, FAIL 500 when wrong), FAIL otherwise.
   */
  nodeHandler(callback: NotificationCallback<N>, options?: NotificationHandlerOptions): NodeNotificationHandler;
  /** `(request) => Promise<Response>` for Next.js, Hono, Bun, Deno: answers as `nodeHandler` does. */
  fetchHandler(callback: NotificationCallback<N>, options?: NotificationHandlerOptions): FetchNotificationHandler;
}

/** The notifications helpers of one client. */
export function notificationsApi(ctx: NotificationContext): NotificationsApi {
  const parse = (input: NotificationInput): Notification => parseNotificationSync(ctx, input);
  /** The callback, its answer checked against the event's documented answer (a throw: FAIL 500, onError). */
  const checked = (callback: NotificationCallback<Notification>): NotificationCallback<Notification> => {
    if (typeof callback !== 'function') return callback;
    return async (n) => {
      const result = await callback(n);
      checkAnswer(ctx.webhooks, ctx.validate, n, result);
      return result;
    };
  };
  return Object.freeze({
    parse: async (input: NotificationInput) => parse(input),
    nodeHandler: (callback: NotificationCallback<Notification>, options?: NotificationHandlerOptions) => makeNodeHandler(parse, checked(callback), options),
    fetchHandler: (callback: NotificationCallback<Notification>, options?: NotificationHandlerOptions) => makeFetchHandler(parse, checked(callback), options),
  });
}

export type { WebhookTable };
