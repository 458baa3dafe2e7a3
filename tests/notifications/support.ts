/** Shared by the notification tests: one set of mock keys, a client over them, and notification builders. */
import { buildClient } from '../../templates/runtime/client';
import type { MerchantApi } from '../../templates/runtime/extras';
import type { ClientOptions } from '../../templates/runtime/types';
import type { WebhookTable } from '../../templates/runtime/notification-types';
import { prepareKeys, type MockKeys } from '../../mock/keys';
import { buildNotification, type BuildNotificationOptions, type BuiltNotification } from '../../mock/notify-build';

let cached: MockKeys | undefined;
/** The simulated WeChat Pay and merchant keys (generated once per test file). */
export function keys(): MockKeys {
  cached ??= prepareKeys({});
  return cached;
}

export function clientOptions(k: MockKeys = keys(), extra: Partial<ClientOptions> = {}): ClientOptions {
  return { mchid: k.mchid, serial: k.serial, privateKey: k.merchantPrivateKey, certs: { [k.publicKeyId]: k.wechatpayPublicKey }, apiV3Key: k.apiV3Key, ...extra };
}

/** A client with no endpoints: only the helpers (notifications) matter here. */
export function client(extra: Partial<ClientOptions> = {}, webhooks: WebhookTable = {}): MerchantApi {
  return buildClient<MerchantApi>({}, clientOptions(keys(), extra), webhooks);
}

export const TRANSACTION = {
  mchid: '1900000001',
  appid: 'wxd678efh567hg6787',
  out_trade_no: '1217752501201407033233368018',
  transaction_id: '4200000001201407033233368018',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'CMC',
  success_time: '2018-06-08T10:34:56+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' },
};

export function notification(eventType = 'TRANSACTION.SUCCESS', data: unknown = TRANSACTION, options: BuildNotificationOptions = {}): BuiltNotification {
  return buildNotification(keys(), eventType, data, options);
}

/** Runs `fn`, returns what it threw (fails the test when nothing was thrown). */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** The error as a log line or a JSON dump would show it. */
export function dump(e: unknown): string {
  return `${String(e)} ${(e as Error).stack ?? ''} ${JSON.stringify(e)}`;
}
