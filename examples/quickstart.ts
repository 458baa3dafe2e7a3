/**
 * Quickstart: start the WeChat Pay simulator, call the four endpoints with the generated
 * client (one per call style), and show what went out and what came back. Sensitive
 * values are masked in everything printed.
 *
 *   npm run example
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, operations, SignatureError, type FieldPath, type WxPayClient } from '../generated';
import { slotPaths } from '../generated/runtime/fields';
import { EVERY_ITEM } from '../generated/runtime/pointer';
import { startMockServer, type DeliveryResult } from '../mock';

/** 张三丰 → 张*丰, 13800138000 → 138****8000. */
function mask(value: string): string {
  const chars = [...value];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  const keep = chars.length >= 8 ? 3 : 1;
  const tail = chars.length >= 8 ? 4 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep - tail) + chars.slice(-tail).join('');
}

/** A copy of `value` with the strings at `paths` masked (`EVERY_ITEM` = every array element). */
function masked(value: unknown, paths: readonly FieldPath[]): unknown {
  const copy: unknown = structuredClone(value);
  const walk = (node: unknown, path: FieldPath): void => {
    const [head, ...rest] = path;
    if (head === undefined || node === null || typeof node !== 'object') return;
    const container = node as Record<string, unknown>;
    const keys = head === EVERY_ITEM && Array.isArray(node) ? Object.keys(container) : [head];
    for (const k of keys) {
      const v = container[k];
      if (rest.length === 0) {
        if (typeof v === 'string' && v !== '') container[k] = mask(v);
      } else walk(v, rest);
    }
  };
  for (const p of paths) walk(copy, p);
  return copy;
}

async function main(): Promise<void> {
  // Keys in memory: a merchant key pair and a simulated WeChat Pay key pair, made on the spot.
  const server = await startMockServer({ keys: {}, log: (line) => console.log(`    [mock] ${line}`) });
  try {
    const { keys } = server;
    console.log(`WeChat Pay simulator at ${server.url} (merchant ${keys.mchid}, answers signed as ${keys.publicKeyId})\n`);
    const wxpay = createClient({
      mchid: keys.mchid,
      serial: keys.serial,
      privateKey: keys.merchantPrivateKey,
      certs: { [keys.publicKeyId]: keys.wechatpayPublicKey },
      apiV3Key: keys.apiV3Key,
      baseURL: server.url,
    });

    const show = async <A extends object>(title: string, key: keyof typeof operations, method: 'get' | 'post', args: A, call: () => Promise<{ status: number; data: unknown }>): Promise<void> => {
      const op = operations[key]?.[method];
      if (!op) throw new Error(`no ${method} ${String(key)}`);
      console.log(`${title}  —  ${op.method} ${op.path}`);
      const requestPaths = slotPaths(op.encrypted.request, op.body);
      const responsePaths = slotPaths(op.encrypted.response, 'response');
      console.log(`  sent:     ${JSON.stringify(masked(args, requestPaths))}`);
      const wireBefore = server.wire().length;
      const res = await call();
      const rec = server.received.at(-1);
      if (op.encrypted.request.length > 0 && rec?.decrypted) {
        const wire = server.wire().subarray(wireBefore);
        const plain = requestPaths.map((p) => p.reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], args)).filter((v): v is string => typeof v === 'string');
        const leaked = plain.some((p) => wire.includes(Buffer.from(p)));
        console.log(`  encrypted: ${requestPaths.map((p) => p.join('.')).join(', ')} — the server decrypted them; plaintext on the wire: ${leaked ? 'YES (bug!)' : 'none'}`);
      }
      console.log(`  got ${res.status}:  ${JSON.stringify(masked(res.data, responsePaths))}`);
      if (op.encrypted.response.length > 0) console.log(`  decrypted by the client: ${responsePaths.map((p) => p.join('.')).join(', ')}`);
      console.log('');
    };

    // 1. Chain style: one property per path segment.
    const qualification = { json: { real_name: '张三丰', id_card_number: '11010119900307123X', phone_number: '13800138000', qualification_region_code: 310100, identity_document_type: 'ID_DOC_TYPE_ID_CARD' as const } };
    await show('批量查询用户资格(透传模式)', 'v3/gov/subsidy/qualifications/passthrough/query', 'post', qualification, () => wxpay.v3.gov.subsidy.qualifications.passthrough.query.post(qualification));

    // 2. chain('path') style.
    const authcode = { json: { category_id: 'A01', name: '李四光', mobile: '13900001111', add_code: '330000', cert_type: '1' as const, cert_no: '330106199001011234', req_ssn: 'REQ-0001' } };
    await show('申请品类凭证码', 'v3/gov/subsidy/zhejiang/authcode/issue', 'post', authcode, () => wxpay.chain('v3/gov/subsidy/zhejiang/authcode/issue').post(authcode));

    // 3. ['path'] style; path parameters go by name beside `query`.
    const faceUser = { face_sid: 'aabbccdd12345', query: { info_type: 'ASK_REAL_NAME' as const, appid: 'wx2b029c08a6233333' } };
    await show('查询用户授权的实名信息', 'v3/facemch/users/{face_sid}', 'get', faceUser, () => wxpay['v3/facemch/users/{face_sid}'].get(faceUser));

    // 4. Chain style again: kebab-case segments become camelCase (edu-papay → eduPapay), {openid} → _openid_.
    const contracts = { openid: 'oUpF8uMuAJOM2pxb1Q', query: { appid: 'wx8888888888888888', plan_id: '101164396123311331' } };
    await show('通过用户标识查询签约', 'v3/edu-papay/user/{openid}/contracts', 'get', contracts, () => wxpay.v3.eduPapay.user._openid_.contracts.get(contracts));

    // 5. A JSAPI order (not in specs/: a raw signed call), then the payment parameters for the
    //    front end (APP: wxpay.payments.app). The parameters are signed with the merchant key.
    const order = await wxpay.request({
      method: 'POST',
      path: '/v3/pay/transactions/jsapi',
      json: { appid: 'wx8888888888888888', mchid: keys.mchid, description: 'Image形象店-深圳腾大-QQ公仔', out_trade_no: '1217752501201407033233368018', notify_url: 'https://www.weixin.qq.com/wxpay/pay.php', amount: { total: 100, currency: 'CNY' }, payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } },
    });
    const prepayId = (order.data as { prepay_id: string }).prepay_id;
    console.log(`JSAPI 下单 (wxpay.request, verified answer)  —  POST /v3/pay/transactions/jsapi → prepay_id ${prepayId}`);
    const params = wxpay.payments.jsapi({ appId: 'wx8888888888888888', prepayId });
    console.log('JSAPI / mini-program payment parameters (wx.requestPayment):');
    console.log(`  ${JSON.stringify(params, null, 2).replace(/\n/g, '\n  ')}\n`);

    // And what a client must never accept: an answer altered after WeChat Pay signed it.
    server.setFaults('tampered-body');
    try {
      await wxpay.v3.eduPapay.user._openid_.contracts.get(contracts);
      throw new Error('a tampered answer was accepted');
    } catch (e) {
      if (!(e instanceof SignatureError)) throw e;
      console.log(`A tampered answer is refused: ${e.name} (${e.reason})`);
    }
    server.setFaults(undefined);

    // 6. A notification (回调通知): the merchant's notify_url served by nodeHandler on 127.0.0.1,
    //    and the simulator posting TRANSACTION.SUCCESS to it exactly as WeChat Pay does.
    await receiveOneNotification(wxpay, (url) => server.notify(url, 'TRANSACTION.SUCCESS'));
  } finally {
    await server.close();
  }
}

async function receiveOneNotification(wxpay: WxPayClient, send: (url: string) => Promise<DeliveryResult>): Promise<void> {
  const handler = wxpay.notifications.nodeHandler(async (n) => {
    // act idempotently: the same n.id can arrive more than once
    if (n.event_type === 'TRANSACTION.SUCCESS') {
      console.log(`notification ${n.event_type} (${n.summary}), id ${n.id}: order ${n.data.out_trade_no}, state ${n.data.trade_state}, paid ${n.data.amount.payer_total ?? '?'}`);
    } else console.log(`notification ${n.event_type}, id ${n.id}`);
  });
  const merchant = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = merchant.address() as AddressInfo;
    const result = await send(`http://127.0.0.1:${port}/notify`);
    console.log(`WeChat Pay's side saw: ${result.attempts.map((a) => a.status).join(', ')} (${result.delivered ? 'delivered' : 'not delivered'})`);
  } finally {
    merchant.closeAllConnections();
    await new Promise((resolve) => merchant.close(resolve));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exitCode = 1;
});
