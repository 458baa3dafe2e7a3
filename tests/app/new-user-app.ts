/**
 * The code a new user writes in their app's src/ (ESM or CommonJS, compiled with the strictest settings):
 * it starts the mock from `wxpay-gen/mock`, makes one call with the generated client, and sends one
 * notification through the client's node handler on 127.0.0.1. It prints one JSON line of what happened.
 */
export const APP_SOURCE = `import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer, buildNotification, deliverNotification } from 'wxpay-gen/mock';
import { createClient, type WxPayClient } from './generated/index.js';

export interface Outcome {
  readonly status: number;
  readonly tradeState: string | undefined;
  readonly received: number;
  readonly delivered: boolean;
  readonly eventType: string | undefined;
  readonly outTradeNo: unknown;
}

export async function main(): Promise<Outcome> {
  const mock = await startMockServer();
  try {
    const wxpay: WxPayClient = createClient(mock.clientOptions());
    const r = await wxpay['v3/pay/transactions/out-trade-no/{out_trade_no}'].get({ out_trade_no: '1217752501201407033233368018', query: { mchid: mock.keys.mchid } });
    let eventType: string | undefined;
    let outTradeNo: unknown;
    const handler = wxpay.notifications.nodeHandler(async (n) => {
      eventType = n.event_type;
      outTradeNo = (n.data as { out_trade_no?: unknown }).out_trade_no;
    });
    const server = createServer((req, res) => { void handler(req, res); });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = \`http://127.0.0.1:\${(server.address() as AddressInfo).port}/notify\`;
      // a direct merchant's payment notification, as WeChat Pay sends it
      const built = buildNotification(mock.keys, 'TRANSACTION.SUCCESS', {
        mchid: mock.keys.mchid, appid: 'wxd678efh567hg6787', out_trade_no: '1217752501201407033233368018', transaction_id: '4200000001201407033233368018',
        trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'CMC', success_time: '2018-06-08T10:34:56+08:00',
        payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }, amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' },
      });
      const delivery = await deliverNotification(url, built, mock.keys);
      return { status: r.status, tradeState: r.data.trade_state, received: mock.received.length, delivered: delivery.delivered, eventType, outTradeNo };
    } finally {
      server.close();
    }
  } finally {
    await mock.close();
  }
}

main().then((o) => { process.stdout.write(\`\${JSON.stringify(o)}\\n\`); }, (e: unknown) => { process.stderr.write(\`\${String(e)}\\n\`); process.exitCode = 1; });
`;

/**
 * The notify_url server a new user writes from what `wxpay-gen mock` prints: the client made with the mock's
 * keys folder (.mock-keys), its nodeHandler under node:http on 127.0.0.1. Prints its URL, then one line per
 * notification its callback gets.
 */
export const SERVE_SOURCE = `import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from './generated/index.js';

const keys = '.mock-keys';
const id = JSON.parse(readFileSync(\`\${keys}/mock.json\`, 'utf8')) as { mchid: string; serial: string; publicKeyId: string };
const wxpay = createClient({
  mchid: id.mchid,
  serial: id.serial,
  privateKey: readFileSync(\`\${keys}/apiclient_key.pem\`),
  certs: { [id.publicKeyId]: readFileSync(\`\${keys}/pub_key.pem\`) },
  apiV3Key: readFileSync(\`\${keys}/apiv3.key\`, 'utf8').trim(),
});
const handler = wxpay.notifications.nodeHandler((n) => {
  process.stdout.write(\`\${JSON.stringify({ event: n.event_type, id: n.id })}\\n\`);
});
const server = createServer((req, res) => { void handler(req, res); });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(\`http://127.0.0.1:\${(server.address() as AddressInfo).port}/notify\\n\`);
});
process.on('SIGTERM', () => { server.close(); });
`;
