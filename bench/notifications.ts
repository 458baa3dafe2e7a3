/**
 * Benchmark row (not a test): CPU per notification of `wxpay.notifications.parse` against an ideal
 * inline node:crypto verify + decipher of the same notification (RSA verify over the raw bytes,
 * AES-256-GCM open, JSON.parse of the plaintext — and nothing else). Target ≤ 1.1× the ideal's CPU.
 *
 * For bench/main.ts (owned by perf) to call: `await notificationsRow({ count })` → one row. Also
 * runnable alone: `npx esbuild bench/notifications.ts --bundle --platform=node | node`.
 */
import { createDecipheriv, createPublicKey, createVerify } from 'node:crypto';
import { buildClient } from '../templates/runtime/client';
import type { MerchantApi } from '../templates/runtime/extras';
import { prepareKeys } from '../mock/keys';
import { buildNotification } from '../mock/notify-build';
import { median, round } from './stats';

export interface NotificationsRow {
  readonly name: string;
  /** CPU µs per notification, median of the rounds. */
  readonly oursUs: number;
  readonly idealUs: number;
  /** ours / ideal (target ≤ 1.1). */
  readonly ratio: number;
  readonly count: number;
  readonly rounds: number;
}

const PAYLOAD = {
  mchid: '1900000001', appid: 'wxd678efh567hg6787', out_trade_no: '1217752501201407033233368018', transaction_id: '4200000001201407033233368018',
  trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'CMC', success_time: '2018-06-08T10:34:56+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }, amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' },
};

function cpuMicros(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return d.user + d.system;
}

export async function notificationsRow(options: { count?: number; rounds?: number } = {}): Promise<NotificationsRow> {
  const count = options.count ?? 2000;
  const rounds = options.rounds ?? 5;
  const keys = prepareKeys({});
  const client = buildClient<MerchantApi>({}, { mchid: keys.mchid, serial: keys.serial, privateKey: keys.merchantPrivateKey, certs: { [keys.publicKeyId]: keys.wechatpayPublicKey }, apiV3Key: keys.apiV3Key });
  // fresh notifications (their timestamps must stay within 300 s of the clock during the run)
  const batch = Array.from({ length: 50 }, () => buildNotification(keys, 'TRANSACTION.SUCCESS', PAYLOAD));
  const pub = createPublicKey(keys.wechatpayPublicKey);
  const aes = Buffer.from(keys.apiV3Key, 'utf8');

  const ideal = (n: (typeof batch)[number]): unknown => {
    const raw = Buffer.from(n.body, 'utf8');
    const h = n.headers;
    const v = createVerify('sha256');
    v.update(`${h['Wechatpay-Timestamp']}\n${h['Wechatpay-Nonce']}\n`);
    v.update(raw);
    v.update('\n');
    if (!v.verify(pub, h['Wechatpay-Signature'] as string, 'base64')) throw new Error('ideal: bad signature');
    const body = JSON.parse(raw.toString('utf8')) as { resource: { ciphertext: string; nonce: string; associated_data: string } };
    const data = Buffer.from(body.resource.ciphertext, 'base64');
    const d = createDecipheriv('aes-256-gcm', aes, Buffer.from(body.resource.nonce));
    d.setAuthTag(data.subarray(data.length - 16));
    d.setAAD(Buffer.from(body.resource.associated_data));
    const plain = Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8');
    return { ...body, data: JSON.parse(plain) };
  };
  const ours: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // parse resolves synchronously-computed work; awaiting each would add microtask cost the ideal lacks, so
    // the promises are collected and awaited after the timed loop (the CPU of the work itself is inside it)
    let pending: Promise<unknown>[] = [];
    ours.push(cpuMicros(() => {
      for (let i = 0; i < count; i++) {
        const n = batch[i % batch.length]!;
        pending.push(client.notifications.parse({ headers: n.headers, body: n.body }));
      }
    }) / count);
    await Promise.all(pending);
    pending = [];
    base.push(cpuMicros(() => {
      for (let i = 0; i < count; i++) ideal(batch[i % batch.length]!);
    }) / count);
  }
  const oursUs = median(ours);
  const idealUs = median(base);
  return { name: 'notifications.parse vs ideal node:crypto verify+decipher', oursUs: round(oursUs, 1), idealUs: round(idealUs, 1), ratio: round(oursUs / idealUs, 3), count, rounds };
}

if (require.main === module) {
  void notificationsRow().then((row) => console.log(JSON.stringify(row)));
}
