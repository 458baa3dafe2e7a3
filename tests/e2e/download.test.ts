/**
 * Bills end to end against the mock over 127.0.0.1: the signed bill call gives
 * `{ hash_type, hash_value, download_url }`; `wxpay.download` fetches it with a signed GET,
 * gunzips it, checks the hash, and the bill helper turns it into rows.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DownloadError, parseBill, ValidationError } from '../../generated';
import type { WxPayClient } from '../../generated';
import type { MockServer } from '../../mock';
import { startPair } from './support';

let server: MockServer;
let wxpay: WxPayClient;
const dir = mkdtempSync(join(tmpdir(), 'wxpay-bills-'));

beforeAll(async () => {
  ({ server, wxpay } = await startPair());
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface BillAnswer { hash_type: string; hash_value: string; download_url: string }
const tradebill = async (query: Record<string, string>): Promise<BillAnswer> =>
  (await wxpay.request({ method: 'GET', path: '/v3/bill/tradebill', query })).data as BillAnswer;

describe('bills', () => {
  it.each([['plain', {}], ['gzip', { tar_type: 'GZIP' }]])('%s: downloads, checks the SHA1 of the bill, parses the rows', async (_name, extra) => {
    const bill = await tradebill({ bill_date: '2026-11-30', bill_type: 'ALL', ...extra });
    expect(bill.hash_type).toBe('SHA1');
    const file = await wxpay.download(bill.download_url, { hashType: bill.hash_type, hashValue: bill.hash_value });
    expect(file.hash).toBe(bill.hash_value);
    expect(createHash('sha1').update(file.data).digest('hex')).toBe(bill.hash_value);
    expect(file.headers['wechatpay-signature']).toBeUndefined();
    expect(server.received.at(-1)).toMatchObject({ verdict: 'ok', operation: 'GET v3/billdownload/file' });
    const parsed = parseBill(file.data);
    expect(parsed.header[0]).toBe('交易时间');
    expect(parsed.rows).toHaveLength(3);
    expect(parsed.rows[0]?.['商户号']).toBe('1900000001');
    expect(parsed.rows[1]?.['商品名称']).toBe('QQ公仔,第2号');
    expect(parsed.summaryHeader[0]).toBe('总交易单数');
    expect(parsed.summary).toEqual([expect.objectContaining({ 总交易单数: '3', 应结订单总金额: '3.00' })]);
  });

  it('serves the fund-flow bill too', async () => {
    const bill = (await wxpay.request({ method: 'GET', path: '/v3/bill/fundflowbill', query: { bill_date: '2026-11-30', account_type: 'BASIC' } })).data as BillAnswer;
    const { data } = await wxpay.download(bill.download_url, { hashType: 'SHA1', hashValue: bill.hash_value });
    expect(parseBill(data).rows).toHaveLength(2);
  });

  it('a hash that does not match is a DownloadError, and a file path is left unwritten', async () => {
    const bill = await tradebill({ bill_date: '2026-11-29', tar_type: 'GZIP' });
    const wrong = '0'.repeat(40);
    const err = await wxpay.download(bill.download_url, { hashType: 'SHA1', hashValue: wrong }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err).toMatchObject({ reason: 'hash-mismatch', expected: wrong, actual: bill.hash_value });
    const again = await tradebill({ bill_date: '2026-11-29', tar_type: 'GZIP' });
    const to = join(dir, 'bad.csv');
    await expect(wxpay.download(again.download_url, { hashType: 'SHA1', hashValue: wrong, to })).rejects.toBeInstanceOf(DownloadError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('streams to a file path (renamed into place once the hash matches) or to a stream', async () => {
    const bill = await tradebill({ bill_date: '2026-11-28', tar_type: 'GZIP' });
    const to = join(dir, 'bill.csv');
    const res = await wxpay.download(bill.download_url, { hashType: 'SHA1', hashValue: bill.hash_value, to });
    expect(existsSync(to)).toBe(true);
    expect(res.bytes).toBe(readFileSync(to).length);
    expect(createHash('sha1').update(readFileSync(to)).digest('hex')).toBe(bill.hash_value);
    expect(readdirSync(dir)).toEqual(['bill.csv']);

    const chunks: Buffer[] = [];
    const sink = new Writable({ write(c: Buffer, _e, done) { chunks.push(c); done(); } });
    const again = await tradebill({ bill_date: '2026-11-28' });
    await wxpay.download(again.download_url, { hashType: 'SHA1', hashValue: again.hash_value, to: sink });
    expect(Buffer.concat(chunks).equals(readFileSync(to))).toBe(true);
  });

  it('an unknown token is the mock\'s typed error; a foreign host is refused before signing', async () => {
    await expect(wxpay.download(`${server.url}/v3/billdownload/file?token=nope`)).rejects.toMatchObject({ status: 404, errorCode: 'RESOURCE_NOT_EXISTS' });
    const n = server.received.length;
    await expect(wxpay.download('https://bills.example.com/v3/billdownload/file?token=x')).rejects.toBeInstanceOf(ValidationError);
    await expect(wxpay.download(`${server.url}/x`, { hashType: 'MD5', hashValue: 'ab' })).rejects.toBeInstanceOf(ValidationError);
    expect(server.received.length).toBe(n);
  });

  it('refuses gzip that is not', async () => {
    const bill = await tradebill({ bill_date: '2026-11-27' });
    await expect(wxpay.download(bill.download_url, { gunzip: true })).rejects.toMatchObject({ reason: 'gzip' });
  });
});
