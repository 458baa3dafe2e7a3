import { createCipheriv } from 'node:crypto';
import { ConfigError, DecryptionError, SignatureError, ValidationError } from '../../templates/runtime/errors';
import { buildClient } from '../../templates/runtime/client';
import type { MerchantApi } from '../../templates/runtime/extras';
import { NOTIFY_FAULT_NAMES, signNotification } from '../../mock/notify-build';
import { GO_CERT_D7CE } from '../runtime/vectors';
import { GO_NOTIFY_BODY, GO_NOTIFY_HEADERS, GO_NOTIFY_NOW_MS } from './go-vector';
import { client, clientOptions, dump, keys, notification, thrown, TRANSACTION } from './support';

afterEach(() => jest.restoreAllMocks());

const goClient = (): MerchantApi =>
  buildClient<MerchantApi>({}, { ...clientOptions(), certs: { [GO_CERT_D7CE.serial]: GO_CERT_D7CE.pem } });

describe('the signature side against wechatpay-go notify_test.go', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(GO_NOTIFY_NOW_MS));

  test('its notification verifies (no Wechatpay-Signature-Type, as the Go SDK accepts), then fails only at decryption (the key is not ours)', async () => {
    const e = await thrown(() => goClient().notifications.parse({ headers: GO_NOTIFY_HEADERS, body: GO_NOTIFY_BODY }));
    expect(e).toBeInstanceOf(DecryptionError);
    expect((e as DecryptionError).path).toBe('resource');
  });

  test('one changed body byte: bad-signature', async () => {
    const e = await thrown(() => goClient().notifications.parse({ headers: GO_NOTIFY_HEADERS, body: GO_NOTIFY_BODY.replace('签约成功', '签约失败') }));
    expect(e).toBeInstanceOf(SignatureError);
    expect((e as SignatureError).reason).toBe('bad-signature');
  });

  test('the same bytes as a Buffer, a Uint8Array and with a Headers object verify too', async () => {
    const c = goClient().notifications;
    for (const body of [Buffer.from(GO_NOTIFY_BODY), new Uint8Array(Buffer.from(GO_NOTIFY_BODY))]) {
      expect(await thrown(() => c.parse({ headers: new Headers(GO_NOTIFY_HEADERS), body }))).toBeInstanceOf(DecryptionError);
    }
  });

  test.each([
    ['300 s late (wechatpay-go refuses |Δ| ≥ 300)', 300, 'stale-timestamp'],
    ['300 s early', -300, 'stale-timestamp'],
    ['299 s late', 299, undefined],
    ['299 s early', -299, undefined],
  ])('clock %s', async (_n, delta, reason) => {
    jest.spyOn(Date, 'now').mockReturnValue(GO_NOTIFY_NOW_MS + delta * 1000);
    const e = await thrown(() => goClient().notifications.parse({ headers: GO_NOTIFY_HEADERS, body: GO_NOTIFY_BODY }));
    if (reason) expect((e as SignatureError).reason).toBe(reason);
    else expect(e).toBeInstanceOf(DecryptionError);
  });
});

describe('parse: a notification as the mock sends it', () => {
  test('verified, decrypted, parsed: the body as sent plus data', async () => {
    const n = notification();
    const parsed = await client().notifications.parse({ headers: n.headers, body: n.body });
    expect(parsed).toEqual({ ...JSON.parse(n.body), data: TRANSACTION });
    expect(parsed.event_type).toBe('TRANSACTION.SUCCESS');
    expect(parsed.id).toBe(n.id);
  });

  test('headers in any case, as node:http gives them (lower case, arrays for repeats)', async () => {
    const n = notification();
    const lower = Object.fromEntries(Object.entries(n.headers).map(([k, v]) => [k.toLowerCase(), k === 'Wechatpay-Nonce' ? [v, 'other'] : v]));
    await expect(client().notifications.parse({ headers: lower, body: n.body })).resolves.toMatchObject({ data: TRANSACTION });
  });

  test('an event type the spec does not have is still verified and decrypted', async () => {
    const n = notification('SOMETHING.NEW', { a: 1 });
    await expect(client().notifications.parse({ headers: n.headers, body: n.body })).resolves.toMatchObject({ event_type: 'SOMETHING.NEW', data: { a: 1 } });
  });

  test('no associated_data: decrypted with empty aad (as wechatpay-go)', async () => {
    const n = notification('TRANSACTION.SUCCESS', TRANSACTION, { associatedData: null });
    expect(JSON.parse(n.body).resource.associated_data).toBeUndefined();
    await expect(client().notifications.parse({ headers: n.headers, body: n.body })).resolves.toMatchObject({ data: TRANSACTION });
  });
});

describe('parse: every sender fault is refused with the right error', () => {
  const expected: Record<(typeof NOTIFY_FAULT_NAMES)[number], [unknown, string | undefined]> = {
    'tampered-body': [SignatureError, 'bad-signature'],
    'tampered-signature': [SignatureError, 'bad-signature'],
    'stale-timestamp': [SignatureError, 'stale-timestamp'],
    'unknown-serial': [SignatureError, 'unknown-serial'],
    signtest: [SignatureError, 'probe'],
    'wrong-apiv3-key': [DecryptionError, undefined],
  };
  test.each(NOTIFY_FAULT_NAMES)('%s', async (fault) => {
    const n = notification('TRANSACTION.SUCCESS', TRANSACTION, { fault });
    const e = await thrown(() => client().notifications.parse({ headers: n.headers, body: n.body }));
    const [cls, reason] = expected[fault];
    expect(e).toBeInstanceOf(cls);
    if (reason) {
      expect((e as SignatureError).reason).toBe(reason);
      expect((e as SignatureError).status).toBe(0);
      expect((e as Error).message).toMatch(/^WeChat Pay notification failed verification/);
    }
    const text = dump(e);
    expect(text).not.toContain(keys().apiV3Key);
    expect(text).not.toContain(TRANSACTION.out_trade_no);
  });
});

describe('parse: other refusals', () => {
  const k = keys();
  const resign = (body: string) => ({ body, headers: signNotification(body, k, undefined).headers });
  const withResource = (patch: Record<string, unknown>) => {
    const n = notification();
    const b = JSON.parse(n.body);
    return resign(JSON.stringify({ ...b, resource: { ...b.resource, ...patch } }));
  };

  test.each<[string, () => { body: string; headers: Record<string, string> }, unknown, RegExp]>([
    ['another algorithm (only AEAD_AES_256_GCM is known)', () => withResource({ algorithm: 'AEAD_AES_128_GCM' }), DecryptionError, /algorithm/],
    ['a nonce that is not 12 characters', () => withResource({ nonce: 'abc' }), DecryptionError, /nonce/],
    ['changed associated_data', () => withResource({ associated_data: 'refund' }), DecryptionError, /authentication failed/],
    ['no resource', () => resign('{"id":"x","event_type":"TRANSACTION.SUCCESS"}'), DecryptionError, /not an object/],
    ['a body that is not JSON', () => resign('not json'), ValidationError, /\(body\) must be a JSON object/],
  ])('%s', async (_n, make, cls, message) => {
    const { body, headers } = make();
    const e = await thrown(() => client().notifications.parse({ headers, body }));
    expect(e).toBeInstanceOf(cls);
    expect((e as Error).message).toMatch(message);
  });

  test('plaintext that is not JSON: DecryptionError that does not quote it', async () => {
    const nonce = 'abcdefghijkl';
    const c = createCipheriv('aes-256-gcm', Buffer.from(k.apiV3Key), Buffer.from(nonce));
    c.setAAD(Buffer.from('transaction'));
    const ct = Buffer.concat([c.update('SECRET-PLAINTEXT{'), c.final(), c.getAuthTag()]).toString('base64');
    const n = notification();
    const b = JSON.parse(n.body);
    const { body, headers } = resign(JSON.stringify({ ...b, resource: { ...b.resource, ciphertext: ct, nonce } }));
    const e = await thrown(() => client().notifications.parse({ headers, body }));
    expect(e).toBeInstanceOf(DecryptionError);
    expect(dump(e)).not.toContain('SECRET-PLAINTEXT');
  });

  test.each([
    ['Wechatpay-Signature-Type of another scheme', { 'Wechatpay-Signature-Type': 'WECHATPAY2-SM2-WITH-SM3' }, 'signature-type'],
    ['no Wechatpay-Signature', { 'Wechatpay-Signature': undefined }, 'missing-header'],
    ['blank Wechatpay-Serial', { 'Wechatpay-Serial': '  ' }, 'missing-header'],
    ['non-numeric timestamp', { 'Wechatpay-Timestamp': 'yesterday' }, 'stale-timestamp'],
  ])('%s → SignatureError %s', async (_n, patch, reason) => {
    const n = notification();
    const headers: Record<string, string | undefined> = { ...n.headers, ...patch };
    const e = await thrown(() => client().notifications.parse({ headers, body: n.body }));
    expect((e as SignatureError).reason).toBe(reason);
  });

  test('a parsed object instead of the raw body: ValidationError (it cannot be verified)', async () => {
    const n = notification();
    const e = await thrown(() => client().notifications.parse({ headers: n.headers, body: JSON.parse(n.body) as unknown as string }));
    expect(e).toBeInstanceOf(ValidationError);
  });

  test('a client without apiV3Key: ConfigError', async () => {
    const n = notification();
    const c = buildClient<MerchantApi>({}, { ...clientOptions(), apiV3Key: undefined });
    expect(await thrown(() => c.notifications.parse({ headers: n.headers, body: n.body }))).toBeInstanceOf(ConfigError);
  });
});

describe('parse: the payload is validated against the event schema when validate is on', () => {
  const webhooks = {
    'TRANSACTION.SUCCESS': {
      payload: [{
        type: 'object' as const,
        required: ['out_trade_no', 'amount'],
        properties: {
          out_trade_no: { type: 'string' as const },
          trade_state: { type: 'string' as const, enum: ['SUCCESS', 'REFUND'] },
          amount: { type: 'object' as const, required: ['total'], properties: { total: { type: 'integer' as const } } },
        },
      }],
    },
  };

  test('valid payload passes', async () => {
    const n = notification();
    await expect(client({}, webhooks).notifications.parse({ headers: n.headers, body: n.body })).resolves.toMatchObject({ data: TRANSACTION });
  });

  test('a wrong payload is a ValidationError naming data.* paths, never values', async () => {
    const n = notification('TRANSACTION.SUCCESS', { ...TRANSACTION, trade_state: 'PAID-SECRET', amount: { total: 'cent' } });
    const e = await thrown(() => client({}, webhooks).notifications.parse({ headers: n.headers, body: n.body }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => i.path).sort()).toEqual(['data.amount.total', 'data.trade_state']);
    expect(dump(e)).not.toContain('PAID-SECRET');
  });

  test('validate: false skips it', async () => {
    const n = notification('TRANSACTION.SUCCESS', { amount: 'x' });
    await expect(client({ validate: false }, webhooks).notifications.parse({ headers: n.headers, body: n.body })).resolves.toMatchObject({ data: { amount: 'x' } });
  });
});
