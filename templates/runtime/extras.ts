/**
 * What the client offers beside the generated endpoints: payment parameters, and (in their
 * own files) the raw signed call, downloads and platform certificates. Hung on the client's
 * root under names no endpoint can take (every endpoint key starts with its version, `v3/…`).
 */
import type { ClientContext } from './request.js';
import { paymentsApi } from './payments.js';
import type { PaymentsApi } from './payments.js';
import type { Notification, WebhookTable } from './notification-types.js';
import { notificationsApi } from './notifications-api.js';
import type { NotificationsApi } from './notifications-api.js';

/** The client's own helpers, beside the endpoints. */
export interface MerchantApi<N extends Notification = Notification> {
  /** Payment parameters for the front end (JSAPI / mini-program / APP), signed with the merchant key. */
  readonly payments: PaymentsApi;
  /** Notifications (回调通知): verified over the raw bytes, decrypted with the APIv3 key, typed by `event_type`. */
  readonly notifications: NotificationsApi<N>;
}

/** Root property names the helpers take. */
export const EXTRA_NAMES: ReadonlySet<string> = new Set(['payments', 'notifications']);

/** The helpers of one client. */
export function merchantApi(ctx: ClientContext, webhooks: WebhookTable = {}): MerchantApi {
  return {
    payments: paymentsApi({ mchid: ctx.mchid, privateKey: ctx.keys.privateKey }),
    notifications: notificationsApi({ certs: ctx.keys.certs, apiV3Key: ctx.keys.apiV3Key, validate: ctx.validate, webhooks }),
  };
}
