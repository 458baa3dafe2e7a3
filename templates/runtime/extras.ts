/**
 * What the client offers beside the generated endpoints: payment parameters, and (in their
 * own files) the raw signed call, downloads and platform certificates. Hung on the client's
 * root under names no endpoint can take (every endpoint key starts with its version, `v3/…`).
 */
import type { ClientContext } from './request.js';
import { paymentsApi } from './payments.js';
import type { PaymentsApi } from './payments.js';

/** The client's own helpers, beside the endpoints. */
export interface MerchantApi {
  /** Payment parameters for the front end (JSAPI / mini-program / APP), signed with the merchant key. */
  readonly payments: PaymentsApi;
}

/** Root property names the helpers take. */
export const EXTRA_NAMES: ReadonlySet<string> = new Set(['payments']);

/** The helpers of one client. */
export function merchantApi(ctx: ClientContext): MerchantApi {
  return { payments: paymentsApi({ mchid: ctx.mchid, privateKey: ctx.keys.privateKey }) };
}
