/**
 * The notification hot path's shortcuts keep its meaning: a plain header object is read without
 * touching the global `Headers` (reading it loads undici), and a string body is parsed as the
 * verified bytes say even when the string itself is not well-formed UTF-16.
 */
import { sign } from 'node:crypto';
import { client, keys, notification, TRANSACTION } from './support';

/** Signs `body` as WeChat Pay does (SHA256withRSA over TIMESTAMP\nNONCE\nBODY\n, UTF-8), with node:crypto directly. */
function signed(body: string): { headers: Record<string, string>; body: string } {
  const k = keys();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'q2TNtq1Ww1VoJ5XqN6aCvs2Gw1kCe7Ek';
  const signature = sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`, 'utf8'), k.wechatpayPrivateKey).toString('base64');
  return {
    body,
    headers: { 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': nonce, 'Wechatpay-Signature': signature, 'Wechatpay-Serial': k.publicKeyId, 'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048' },
  };
}

describe('notifications.parse hot path', () => {
  test('a plain header object never reads the global Headers', async () => {
    const n = notification();
    const own = Object.getOwnPropertyDescriptor(globalThis, 'Headers');
    let reads = 0;
    Object.defineProperty(globalThis, 'Headers', {
      configurable: true,
      get() {
        reads++;
        return own?.get ? own.get.call(globalThis) : own?.value;
      },
    });
    try {
      await expect(client().notifications.parse({ headers: n.headers, body: n.body })).resolves.toMatchObject({ data: TRANSACTION });
    } finally {
      if (own) Object.defineProperty(globalThis, 'Headers', own);
    }
    expect(reads).toBe(0);
  });

  test('a Headers object still works (and a plain object with a "get" header is still a plain object)', async () => {
    const n = notification();
    await expect(client().notifications.parse({ headers: new Headers(n.headers), body: n.body })).resolves.toMatchObject({ data: TRANSACTION });
    await expect(client().notifications.parse({ headers: { ...n.headers, get: 'x' }, body: n.body })).resolves.toMatchObject({ data: TRANSACTION });
  });

  test('a string body with a lone surrogate: the fields are what the verified UTF-8 bytes say (U+FFFD), not the string', async () => {
    const sent = notification();
    expect(sent.body).toContain('"summary":"支付成功"');
    const body = sent.body.replace('"summary":"支付成功"', '"summary":"\uD800"');
    const n = signed(body);
    const parsed = await client().notifications.parse(n);
    expect(parsed.summary).toBe('\uFFFD');
    expect(parsed.data).toEqual(TRANSACTION);
    // the same bytes as a Buffer give the same answer
    await expect(client().notifications.parse({ headers: n.headers, body: Buffer.from(body, 'utf8') })).resolves.toMatchObject({ summary: '\uFFFD' });
  });
});

describe('notifications.parse reads plain header objects in any spelling', () => {
  const lower = (h: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
  const upper = (h: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toUpperCase(), v]));

  test.each([
    ['as WeChat Pay spells them', (h: Record<string, string>) => h],
    ['lower case (node:http)', lower],
    ['upper case', upper],
    ['repeated headers as arrays (first value counts)', (h: Record<string, string>) => Object.fromEntries(Object.entries(lower(h)).map(([k, v]) => [k, [v, 'second']]))],
  ])('%s', async (_name, shape) => {
    const n = notification();
    await expect(client().notifications.parse({ headers: shape(n.headers) as Record<string, string>, body: n.body })).resolves.toMatchObject({ data: TRANSACTION });
  });

  test('a wrong Wechatpay-Signature-Type is found in any spelling', async () => {
    const n = notification();
    const headers = { ...lower(n.headers), 'WECHATPAY-SIGNATURE-TYPE': 'WECHATPAY2-SHA256-RSA4096' };
    delete (headers as Record<string, string>)['wechatpay-signature-type'];
    await expect(client().notifications.parse({ headers, body: n.body })).rejects.toMatchObject({ name: 'SignatureError', reason: 'signature-type' });
  });

  test('the same header in two spellings: the lower-case one (as node:http gives it) counts, then the WeChat Pay spelling, then any other', async () => {
    const n = notification();
    const good = lower(n.headers);
    // the genuine serial in lower case wins over a wrong one in another spelling
    await expect(client().notifications.parse({ headers: { 'WECHATPAY-SERIAL': 'PUB_KEY_ID_WRONG', ...good }, body: n.body })).resolves.toMatchObject({ data: TRANSACTION });
    const { 'wechatpay-serial': serial, ...rest } = good;
    await expect(client().notifications.parse({ headers: { 'WECHATPAY-SERIAL': 'PUB_KEY_ID_WRONG', 'Wechatpay-Serial': serial ?? '', ...rest }, body: n.body })).resolves.toMatchObject({ data: TRANSACTION });
    await expect(client().notifications.parse({ headers: { 'Wechatpay-Serial': 'PUB_KEY_ID_WRONG', 'WECHATPAY-SERIAL': serial ?? '', ...rest }, body: n.body })).rejects.toMatchObject({ reason: 'unknown-serial' });
  });
});
