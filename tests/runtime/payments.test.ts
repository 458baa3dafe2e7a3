/**
 * Payment parameters (调起支付签名), checked with node:crypto directly: the signed string is
 * rebuilt here from the returned fields as the official SDKs build it, and the signature is
 * verified with the merchant's public key — never with the code under test.
 */
import * as crypto from 'node:crypto';
import { buildClient, ValidationError } from '../../templates/runtime/index';
import type { AppPaymentParams, JsapiPaymentParams, MerchantApi } from '../../templates/runtime/index';
import { MCHID, MERCHANT_KEY_PEM, MERCHANT_PUBLIC, MERCHANT_SERIAL, PLATFORM_PUBLIC_PEM, PUB_KEY_ID } from './support';

const client = buildClient<MerchantApi>({}, { mchid: MCHID, serial: MERCHANT_SERIAL, privateKey: MERCHANT_KEY_PEM, certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM } });
const APPID = 'wx8888888888888888';
const PREPAY = 'wx201410272009395522657a690389285100';

function verifies(message: string, signature: string): boolean {
  return crypto.createVerify('RSA-SHA256').update(message, 'utf8').verify(MERCHANT_PUBLIC, signature, 'base64');
}

function nearNow(ts: string): boolean {
  return /^\d{10}$/.test(ts) && Math.abs(Number(ts) - Date.now() / 1000) < 600;
}

describe('payments.jsapi', () => {
  it('returns exactly the fields wx.requestPayment takes, signed over appId\\ntimeStamp\\nnonceStr\\npackage\\n', () => {
    const p: JsapiPaymentParams = client.payments.jsapi({ appId: APPID, prepayId: PREPAY });
    expect(Object.keys(p).sort()).toEqual(['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    expect(p.appId).toBe(APPID);
    expect(p.package).toBe(`prepay_id=${PREPAY}`);
    expect(p.signType).toBe('RSA');
    expect(nearNow(p.timeStamp)).toBe(true);
    expect(p.nonceStr).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(verifies(`${APPID}\n${p.timeStamp}\n${p.nonceStr}\nprepay_id=${PREPAY}\n`, p.paySign)).toBe(true);
    // The signature covers every line: changing one breaks it.
    expect(verifies(`${APPID}\n${p.timeStamp}\n${p.nonceStr}\nprepay_id=${PREPAY}x\n`, p.paySign)).toBe(false);
    expect(Buffer.from(p.paySign, 'base64').length).toBe(256);
  });

  it('takes a fresh nonce on every call', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => client.payments.jsapi({ appId: APPID, prepayId: PREPAY }).nonceStr));
    expect(nonces.size).toBe(20);
  });

  it('refuses missing or multi-line arguments before signing', () => {
    expect(() => client.payments.jsapi({ appId: '', prepayId: PREPAY })).toThrow(ValidationError);
    expect(() => client.payments.jsapi({ appId: APPID, prepayId: 'a\nb' })).toThrow(/prepayId must not contain line breaks/);
    expect(() => (client.payments.jsapi as (a: unknown) => unknown)(undefined)).toThrow(ValidationError);
  });
});

describe('payments.app', () => {
  it('returns the APP SDK PayReq fields, signed over appid\\ntimestamp\\nnoncestr\\nprepayid\\n', () => {
    const p: AppPaymentParams = client.payments.app({ appId: APPID, prepayId: PREPAY });
    expect(Object.keys(p).sort()).toEqual(['appid', 'noncestr', 'package', 'partnerid', 'prepayid', 'sign', 'timestamp']);
    expect(p).toMatchObject({ appid: APPID, partnerid: MCHID, prepayid: PREPAY, package: 'Sign=WXPay' });
    expect(nearNow(p.timestamp)).toBe(true);
    expect(p.noncestr).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(verifies(`${APPID}\n${p.timestamp}\n${p.noncestr}\n${PREPAY}\n`, p.sign)).toBe(true);
    expect(verifies(`${APPID}\n${p.timestamp}\n${p.noncestr}\nprepay_id=${PREPAY}\n`, p.sign)).toBe(false);
  });

  it('uses the partnerId given (service-provider mode: the sub-merchant)', () => {
    expect(client.payments.app({ appId: APPID, prepayId: PREPAY, partnerId: '1900000109' }).partnerid).toBe('1900000109');
  });

  it('keeps the helpers off the endpoint tree: not enumerable, and a reserved root name', () => {
    expect(Object.keys(client)).toEqual([]);
    const op = { method: 'GET', path: '/payments/x', pathParams: [], request: {}, body: 'none', response: { status: 200, kind: 'json' }, encrypted: { request: [], response: [] } } as const;
    expect(() => buildClient({ 'payments/x': { get: op } }, { mchid: MCHID, serial: MERCHANT_SERIAL, privateKey: MERCHANT_KEY_PEM, certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM } })).toThrow(/'payments' is reserved/);
  });
});
