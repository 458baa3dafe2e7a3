/**
 * Bills, as WeChat Pay serves them: `GET /v3/bill/tradebill` and `GET /v3/bill/fundflowbill`
 * answer `{ hash_type, hash_value, download_url }` (signed); the `download_url` on this mock
 * (`/v3/billdownload/file?token=…[&tartype=GZIP]`) serves the file with a signed GET, unsigned
 * in return, gzip when asked. `hash_value` is the SHA1 of the file before compression.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { paramError } from './errors';
import type { ExtraRequest, ExtraRoute } from './extra';
import { jsonReply } from './extra';
import { makeNonce } from './crypto';

/** Tokens handed out, with the bill they stand for (bounded: the oldest go first). */
const MAX_TOKENS = 256;

interface Issued {
  readonly content: Buffer;
  readonly gzip: boolean;
}

/** A small, deterministic trade bill for a date and type. */
export function tradeBill(date: string, type: string): string {
  const header = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
  const rows: string[] = [];
  for (let i = 1; i <= 3; i++) {
    rows.push([`${date} 10:0${i}:00`, 'wx8888888888888888', '1900000001', '0', '', `42000012${date.replace(/-/g, '')}${i}`, `ORDER${i}`, `oUpF8uMuAJO_M2pxb1Q9zNjWeS6${i}`, 'JSAPI', type === 'REFUND' ? 'REFUND' : 'SUCCESS', 'OTHERS', 'CNY', '1.00', '0.00', '0', '0', '0.00', '0.00', '', '', `QQ公仔,第${i}号`, '', '0.01000', '0.60%', '1.00', '0.00', ''].map((v) => `\`${v}`).join(','));
  }
  const summary = ['3', '3.00', '0.00', '0.00', '0.03000', '3.00', '0.00'].map((v) => `\`${v}`).join(',');
  return `${header}\r\n${rows.join('\r\n')}\r\n总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n${summary}\r\n`;
}

/** A small, deterministic fund-flow bill. */
export function fundflowBill(date: string, account: string): string {
  const header = '记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额（元）,账户结余（元）,资金变更提交申请人,备注,业务凭证号';
  const rows = [1, 2].map((i) => [`${date} 11:0${i}:00`, `42000012${i}`, `${account}${i}`, '交易', '交易', '收入', '1.00', `${i}.00`, 'system', '', `ORDER${i}`].map((v) => `\`${v}`).join(','));
  return `${header}\r\n${rows.join('\r\n')}\r\n资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额\r\n\`2,\`2,\`2.00,\`0,\`0.00\r\n`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The bill routes of one server (its tokens live with it). */
export function billRoutes(): ExtraRoute[] {
  const issued = new Map<string, Issued>();
  const issue = (req: ExtraRequest, content: string): ReturnType<ExtraRoute> => {
    const gzip = (req.search.get('tar_type') ?? '') === 'GZIP';
    const token = makeNonce();
    issued.set(token, { content: Buffer.from(content, 'utf8'), gzip });
    while (issued.size > MAX_TOKENS) issued.delete(issued.keys().next().value as string);
    const host = req.headers.host ?? '127.0.0.1';
    return {
      operation: `GET ${req.path.slice(1)}`,
      reply: jsonReply(200, {
        hash_type: 'SHA1',
        hash_value: createHash('sha1').update(content, 'utf8').digest('hex'),
        download_url: `http://${host}/v3/billdownload/file?token=${token}${gzip ? '&tartype=GZIP' : ''}`,
      }),
    };
  };
  const bill: ExtraRoute = (_ctx, req) => {
    if (req.method !== 'GET' || (req.path !== '/v3/bill/tradebill' && req.path !== '/v3/bill/fundflowbill')) return undefined;
    const date = req.search.get('bill_date') ?? '';
    if (!DATE.test(date)) return paramError({ field: 'bill_date', issue: 'is required, as YYYY-MM-DD', location: 'query' });
    const tar = req.search.get('tar_type');
    if (tar !== null && tar !== 'GZIP') return paramError({ field: 'tar_type', issue: 'must be GZIP when given', location: 'query' });
    return req.path === '/v3/bill/tradebill'
      ? issue(req, tradeBill(date, req.search.get('bill_type') ?? 'ALL'))
      : issue(req, fundflowBill(date, req.search.get('account_type') ?? 'BASIC'));
  };
  const file: ExtraRoute = (_ctx, req) => {
    if (req.method !== 'GET' || req.path !== '/v3/billdownload/file') return undefined;
    const token = req.search.get('token') ?? '';
    const found = issued.get(token);
    // Not a token of ours: left to the spec's operations (a spec may describe this path itself).
    if (!found) return undefined;
    const gzip = found.gzip && (req.search.get('tartype') ?? '') === 'GZIP';
    return {
      operation: 'GET v3/billdownload/file',
      reply: { status: 200, body: gzip ? gzipSync(found.content) : found.content, contentType: gzip ? 'application/x-gzip' : 'text/plain; charset=utf-8', unsigned: true },
    };
  };
  return [bill, file];
}
