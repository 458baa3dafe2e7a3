/**
 * With `strictNotifications`, a decrypted payload that lacks a field its event's schema requires
 * is a ValidationError naming the field (never quoting a value). Without it (the default) only
 * the values present are checked, as a genuine notification of another scenario lacks fields the
 * pages mark required and the official SDKs check no payload field. The notifications are made by hand here with node:crypto
 * directly (AES-256-GCM with the APIv3 key, SHA256withRSA over TIMESTAMP\nNONCE\nBODY\n), and
 * parsed by the generated client of this project's specs (generated/), whose TRANSACTION.SUCCESS
 * and REFUND.SUCCESS required fields are those of the doc pages (TRANSACTION.SUCCESS's scenario-only
 * fields made optional by specs/overrides/webhooks/TRANSACTION.SUCCESS.yaml).
 */
import { createCipheriv, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createClient, ValidationError } from '../../generated';

const APIV3_KEY = 'a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb';
const KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000';
const wechatpay = generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const options = {
  mchid: '1900000001',
  serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  privateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  certs: { [KEY_ID]: wechatpay.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  apiV3Key: APIV3_KEY,
};
const wxpay = createClient({ ...options, strictNotifications: true });
const lenient = createClient(options);

/** A notification as WeChat Pay sends it, built with node:crypto only. */
function handMade(eventType: string, payload: unknown): { headers: Record<string, string>; body: string } {
  const nonce = 'fdasflkja484';
  const aad = 'transaction';
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(APIV3_KEY, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const body = JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2015-05-20T13:29:35+08:00',
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: '通知',
    resource: { original_type: aad, algorithm: 'AEAD_AES_256_GCM', ciphertext: ct.toString('base64'), associated_data: aad, nonce },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headerNonce = randomBytes(16).toString('hex');
  const signature = sign('sha256', Buffer.from(`${timestamp}\n${headerNonce}\n${body}\n`, 'utf8'), wechatpay.privateKey).toString('base64');
  return {
    headers: {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': headerNonce,
      'Wechatpay-Signature': signature,
      'Wechatpay-Serial': KEY_ID,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    },
    body,
  };
}

/** A direct merchant's JSAPI payment notification (the fields WeChat Pay's payment notification carries). */
const PAID = {
  mchid: '1900000001',
  appid: 'wxd678efh567hg6787',
  out_trade_no: 'SECRET-ORDER-1217752501201407033233368018',
  transaction_id: '4200000001201407033233368018',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'CMC',
  success_time: '2018-06-08T10:34:56+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' },
};

const REFUNDED = {
  mchid: '1900000100',
  transaction_id: '1008450740201411110005820873',
  out_trade_no: '20150806125346',
  refund_id: '50200207182018070300011301001',
  out_refund_no: '7752501201407033233368018',
  refund_status: 'SUCCESS',
  success_time: '2018-06-08T10:34:56+08:00',
  user_received_account: '招商银行信用卡0403',
  amount: { total: 999, refund: 999, payer_total: 999, payer_refund: 999, currency: 'CNY', payer_currency: 'CNY' },
};

async function issuesOf(eventType: string, payload: unknown): Promise<{ path: string; message: string }[]> {
  const n = handMade(eventType, payload);
  try {
    await wxpay.notifications.parse(n);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const text = `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack ?? ''}`;
    for (const v of ['SECRET-ORDER', '4200000001201407033233368018', 'oUpF8uMuAJO', '招商银行']) expect(text).not.toContain(v);
    return [...(e as ValidationError).issues].map((i) => ({ path: i.path, message: i.message }));
  }
  throw new Error('parse resolved');
}

describe('notifications.parse by default: the values present are checked, not presence', () => {
  test('a payload lacking required fields (another scenario) is accepted; a value of the wrong type is still refused', async () => {
    const { transaction_id: _t, out_trade_no: _o, ...partial } = PAID;
    await expect(lenient.notifications.parse(handMade('TRANSACTION.SUCCESS', partial))).resolves.toMatchObject({ data: partial });
    const err = await lenient.notifications.parse(handMade('TRANSACTION.SUCCESS', { ...PAID, amount: { ...PAID.amount, payer_total: '100' }, success_time: 20180608 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect([...(err as ValidationError).issues].map((i) => i.path).sort()).toEqual(['data.amount.payer_total', 'data.success_time']);
  });
});

describe('notifications.parse with strictNotifications: required payload fields', () => {
  test('a complete direct-merchant payment and refund notification pass (scenario-only fields are not required)', async () => {
    await expect(wxpay.notifications.parse(handMade('TRANSACTION.SUCCESS', PAID))).resolves.toMatchObject({ event_type: 'TRANSACTION.SUCCESS', data: PAID });
    await expect(wxpay.notifications.parse(handMade('REFUND.SUCCESS', REFUNDED))).resolves.toMatchObject({ data: REFUNDED });
  });

  test('a missing required top-level field is a ValidationError naming it', async () => {
    const { transaction_id: _gone, ...rest } = PAID;
    expect(await issuesOf('TRANSACTION.SUCCESS', rest)).toEqual([{ path: 'data.transaction_id', message: 'is required' }]);
  });

  test('a null required field counts as missing; several missing fields are each named', async () => {
    const { out_trade_no: _a, amount: _b, ...rest } = PAID;
    expect(await issuesOf('TRANSACTION.SUCCESS', { ...rest, trade_state: null })).toEqual([
      { path: 'data.out_trade_no', message: 'is required' },
      { path: 'data.trade_state', message: 'is required' },
      { path: 'data.amount', message: 'is required' },
    ]);
  });

  test('a missing required field of a nested object (REFUND.SUCCESS amount.refund) is named with its path', async () => {
    const { refund: _gone, ...amount } = REFUNDED.amount;
    expect(await issuesOf('REFUND.SUCCESS', { ...REFUNDED, amount })).toEqual([{ path: 'data.amount.refund', message: 'is required' }]);
  });

  test('with validate: false a missing field is not checked', async () => {
    const lax = createClient({
      mchid: '1900000001', serial: 'S', validate: false, apiV3Key: APIV3_KEY,
      privateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      certs: { [KEY_ID]: wechatpay.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    });
    await expect(lax.notifications.parse(handMade('TRANSACTION.SUCCESS', { trade_state: 'SUCCESS' }))).resolves.toMatchObject({ data: { trade_state: 'SUCCESS' } });
  });
});
