/**
 * One process of the notifications.parse row: `node notify-run.js <keys.json> <ours|ideal> <count>`.
 * Builds `count` distinct signed, encrypted TRANSACTION.SUCCESS notifications (as WeChat Pay sends them:
 * mock/notify-build), then times parsing them all — ours: `wxpay.notifications.parse({ headers, body })`
 * (verify over the exact bytes, decrypt, parse, validate when the event has a schema); ideal: inline
 * node:crypto — the same header checks, `crypto.verify` of the signature, AES-256-GCM decipher with the tag,
 * JSON.parse of body and plaintext. Both parse every notification once untimed (so that V8 has compiled
 * both call trees before the clock starts: a handler parses notifications for as long as the app runs),
 * then the same notifications again, timed. Prints one JSON line: CPU µs per notification (user + system,
 * all threads).
 */
import { createDecipheriv, createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient } from '../generated';
import { buildNotification } from '../mock/notify-build';
import type { BenchKeys } from './fixture';

const APIV3_KEY = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';

interface Input { readonly headers: Readonly<Record<string, string>>; readonly body: string }

function idealParser(keys: BenchKeys): (n: Input) => unknown {
  const pub = createPublicKey(keys.platformPublicPem);
  const key = Buffer.from(APIV3_KEY, 'utf8');
  return ({ headers, body }) => {
    const h = (name: string): string => {
      const v = headers[name] ?? headers[name.toLowerCase()];
      if (typeof v !== 'string' || v === '') throw new Error(`missing ${name}`);
      return v;
    };
    const ts = h('Wechatpay-Timestamp');
    const nonce = h('Wechatpay-Nonce');
    if (h('Wechatpay-Serial') !== keys.platformSerial) throw new Error('serial');
    if (Math.abs(Date.now() / 1000 - Number(ts)) >= 300) throw new Error('stale');
    if (!verify('sha256', Buffer.from(`${ts}\n${nonce}\n${body}\n`), pub, Buffer.from(h('Wechatpay-Signature'), 'base64'))) throw new Error('signature');
    const n = JSON.parse(body) as { resource: { ciphertext: string; nonce: string; associated_data?: string } };
    const data = Buffer.from(n.resource.ciphertext, 'base64');
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(n.resource.nonce, 'utf8'));
    d.setAuthTag(data.subarray(data.length - 16));
    d.setAAD(Buffer.from(n.resource.associated_data ?? '', 'utf8'));
    const plain = Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8');
    return { ...n, resource: JSON.parse(plain) as unknown };
  };
}

async function main(): Promise<void> {
  const [keysFile = '', kind = 'ours', countText = '2000'] = process.argv.slice(2);
  const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as BenchKeys;
  const count = Number(countText);
  const sender = { wechatpayPrivateKey: createPrivateKey(keys.platformPrivatePem), publicKeyId: keys.platformSerial, apiV3Key: APIV3_KEY };
  const payload = { appid: 'wxd678efh567hg6787', mchid: keys.mchid, out_trade_no: '1217752501201407033233368018', transaction_id: '1217752501201407033233368018', trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'CMC', success_time: '2018-06-08T10:34:56+08:00', payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }, amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' } };
  const inputs: Input[] = [];
  for (let i = 0; i < count; i++) inputs.push(buildNotification(sender, 'TRANSACTION.SUCCESS', { ...payload, out_trade_no: `T${i}` }));
  let parse: (n: Input) => unknown | Promise<unknown>;
  if (kind === 'ours') {
    const wxpay = createClient({ mchid: keys.mchid, serial: keys.merchantSerial, privateKey: keys.merchantPrivatePem, certs: { [keys.platformSerial]: keys.platformPublicPem }, apiV3Key: APIV3_KEY });
    parse = (n) => wxpay.notifications.parse(n);
  } else {
    parse = idealParser(keys);
  }
  for (const n of inputs) await parse(n);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const n of inputs) await parse(n);
  const used = process.cpuUsage(cpu);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${JSON.stringify({ kind, count, cpuMicrosPerNotification: (used.user + used.system) / count, perSecond: count / (wallMs / 1000) })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
