/**
 * Which fields of which endpoint are sensitive, written by hand from the doc pages in
 * /work/shared/seeds/ (the `data-encrypted=by-rsa-pubkey` rows, and the response fields the
 * page says are "加密后的…,商户用API证书私钥解密") — never derived from the spec or the model.
 * Dropping `x-encrypted: rsa` from any of them in specs/ makes this fail: in the generated
 * operation table, and on the wire (the plaintext would then be sent).
 */
import { operations, type WxPayClient } from '../../generated';
import type { MockServer } from '../../mock';
import { ENDPOINTS, SECRET, startPair } from './support';

/** seeds/000 (批量查询用户资格), seeds/002 (申请品类凭证码), seeds/001 (查询用户授权的实名信息), seeds/003 (通过用户标识查询签约). */
const FROM_THE_DOC_PAGES = {
  'POST v3/gov/subsidy/qualifications/passthrough/query': { request: ['/real_name', '/id_card_number', '/phone_number'], response: [] },
  'POST v3/gov/subsidy/zhejiang/authcode/issue': { request: ['/name', '/mobile', '/cert_no'], response: [] },
  'GET v3/facemch/users/{face_sid}': { request: [], response: ['/real_name_info/encrypted_real_name', '/real_name_info/encrypted_credential_id'] },
  'GET v3/edu-papay/user/{openid}/contracts': { request: [], response: [] },
} as const;

/** The plaintext the e2e arguments carry in each sensitive request field (support.ts SECRET). */
const PLAINTEXT: Readonly<Record<string, string>> = {
  '/real_name': SECRET.realName, '/id_card_number': SECRET.idCard, '/phone_number': SECRET.phone,
  '/name': SECRET.name, '/mobile': SECRET.mobile, '/cert_no': SECRET.certNo,
};

let server: MockServer;
let wxpay: WxPayClient;
beforeAll(async () => ({ server, wxpay } = await startPair()));
afterAll(async () => server.close());

describe.each(Object.entries(FROM_THE_DOC_PAGES))('%s', (id, expected) => {
  const [method = '', key = ''] = id.split(' ');
  const op = (operations as Record<string, Record<string, { encrypted: { request: readonly { in: string; pointer: string }[]; response: readonly { in: string; pointer: string }[] } }>>)[key]?.[method.toLowerCase()];

  it('the generated client encrypts exactly the fields the doc page marks', () => {
    expect(op?.encrypted.request.map((l) => `${l.in} ${l.pointer}`).sort()).toEqual(expected.request.map((p) => `body ${p}`).sort());
    expect(op?.encrypted.response.map((l) => `${l.in} ${l.pointer}`).sort()).toEqual(expected.response.map((p) => `body ${p}`).sort());
  });

  it('no sensitive plaintext of the request is on the wire; the server decrypts each to the exact plaintext', async () => {
    const endpoint = ENDPOINTS.find((e) => e.id === id);
    if (!endpoint) throw new Error(`no e2e endpoint ${id}`);
    const before = server.wire().length;
    await endpoint.call.chain(wxpay, endpoint.args);
    const wire = server.wire().subarray(before);
    const got = server.received.at(-1)?.json as Record<string, unknown> | undefined;
    for (const pointer of expected.request) {
      const plain = PLAINTEXT[pointer] ?? '';
      expect(wire.includes(Buffer.from(plain))).toBe(false);
      expect(wire.includes(Buffer.from(encodeURIComponent(plain)))).toBe(false);
      expect(got?.[pointer.slice(1)]).toBe(plain);
    }
  });
});
