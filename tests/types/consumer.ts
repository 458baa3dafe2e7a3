/**
 * Type tests, compiled by `tsc --noEmit` in `npm test` (never run). Every correct call to
 * the four endpoints in the three styles must compile; every `@ts-expect-error` line must fail.
 */
import { createClient, type WxPayClient, type V3FacemchUsersFaceSidGetData } from '../../generated';

declare const pem: string;
const wxpay: WxPayClient = createClient({ mchid: '1900000001', serial: 'ABC', privateKey: pem, certs: { PUB_KEY_ID_0114232134912410000000000000: pem } });

export async function correctCalls(): Promise<void> {
  const jsapi: { appId: string; timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string } = wxpay.payments.jsapi({ appId: 'wx1', prepayId: 'p1' });
  const app: { appid: string; partnerid: string; prepayid: string; package: 'Sign=WXPay'; noncestr: string; timestamp: string; sign: string } = wxpay.payments.app({ appId: 'wx1', prepayId: 'p1' });
  void jsapi;
  void app;
  // @ts-expect-error prepayId is required
  wxpay.payments.jsapi({ appId: 'wx1' });
  const subsidy = {
    json: { real_name: '张三', id_card_number: '110101199003074477', phone_number: '13800138000', qualification_region_code: 310100, identity_document_type: 'ID_DOC_TYPE_ID_CARD' as const },
  };
  await wxpay.v3.gov.subsidy.qualifications.passthrough.query.post(subsidy);
  await wxpay.chain('v3/gov/subsidy/qualifications/passthrough/query').post({ ...subsidy, headers: { 'Wechatpay-Serial': 'PUB_KEY_ID_0114232134912410000000000000' } });
  const list = (await wxpay['v3/gov/subsidy/qualifications/passthrough/query'].post(subsidy)).data.qualification_list;
  const state: 'UNCLAIMED' | 'UNREDEEMED' | 'REDEEMED' | undefined = list[0]?.state;
  void state;

  const authcode = { json: { category_id: 'A01', name: '张三', mobile: '13800138000', add_code: '330000', cert_type: '1' as const, cert_no: '110101199003074477', req_ssn: '123' } };
  await wxpay.v3.gov.subsidy.zhejiang.authcode.issue.post(authcode);
  await wxpay.chain('v3/gov/subsidy/zhejiang/authcode/issue').post({ ...authcode, timeout: 5000 });
  const issued = await wxpay['v3/gov/subsidy/zhejiang/authcode/issue'].post({ ...authcode, signal: AbortSignal.timeout(1000) });
  const code: string = issued.data.resp_code;
  void code;

  const face = { face_sid: 'aabbccdd12345', query: { info_type: 'ASK_REAL_NAME' as const, appid: 'wx2b029c08a6233333' } };
  const r1 = await wxpay.v3.facemch.users._face_sid_.get(face);
  const r2 = await wxpay.chain('v3/facemch/users/{face_sid}').get({ ...face, decryptKey: pem });
  const r3 = await wxpay['v3/facemch/users/{face_sid}'].get(face);
  const name: string | undefined = r1.data.real_name_info?.encrypted_real_name;
  const data: V3FacemchUsersFaceSidGetData = r2.data;
  const status: number = r3.status;
  void name; void data; void status;

  const contracts = { openid: 'oUpF8uMuAJOM2pxb1Q', query: { appid: 'wx8888888888888888', plan_id: '101164396123311331', contract_status: 'ADD' as const, offset: 0, limit: 20 } };
  await wxpay.v3.eduPapay.user._openid_.contracts.get(contracts);
  await wxpay.chain('v3/edu-papay/user/{openid}/contracts').get(contracts);
  const c = await wxpay['v3/edu-papay/user/{openid}/contracts'].get(contracts);
  const total: number | undefined = c.data.total_count;
  const contractId: string | undefined = c.data.data?.[0]?.contract_information?.contract_id;
  void total; void contractId;
}

export async function wrongCalls(): Promise<void> {
  const face = { face_sid: 'aabbccdd12345', query: { info_type: 'ASK_UNIONID' as const, appid: 'wx' } };
  // @ts-expect-error unknown path in the chain style
  await wxpay.v3.facemch.user._face_sid_.get(face);
  // @ts-expect-error unknown path in the declarative style
  wxpay.chain('v3/facemch/users/{faceSid}');
  // @ts-expect-error unknown path in the property style
  await wxpay['v3/facemch/users'].get(face);
  // @ts-expect-error wrong method: the endpoint has GET only
  await wxpay.v3.facemch.users._face_sid_.post(face);
  // @ts-expect-error wrong method in the declarative style
  await wxpay.chain('v3/gov/subsidy/zhejiang/authcode/issue').get({});
  // @ts-expect-error missing path parameter
  await wxpay.v3.facemch.users._face_sid_.get({ query: face.query });
  // @ts-expect-error wrong enum value
  await wxpay.v3.facemch.users._face_sid_.get({ ...face, query: { info_type: 'ASK_PHONE', appid: 'wx' } });
  // @ts-expect-error missing required query field appid
  await wxpay.v3.facemch.users._face_sid_.get({ face_sid: 'x', query: { info_type: 'ASK_UNIONID' } });
  // @ts-expect-error unknown query field
  await wxpay.v3.facemch.users._face_sid_.get({ face_sid: 'x', query: { info_type: 'ASK_UNIONID', appid: 'wx', phone: '1' } });
  // @ts-expect-error number where a string belongs (path parameter)
  await wxpay['v3/edu-papay/user/{openid}/contracts'].get({ openid: 42, query: { appid: 'wx', plan_id: '1' } });
  // @ts-expect-error string where a number belongs (query offset)
  await wxpay['v3/edu-papay/user/{openid}/contracts'].get({ openid: 'o', query: { appid: 'wx', plan_id: '1', offset: '0' } });
  // @ts-expect-error the query is required
  await wxpay.chain('v3/edu-papay/user/{openid}/contracts').get({ openid: 'o' });
  // @ts-expect-error missing required json field cert_no
  await wxpay.v3.gov.subsidy.zhejiang.authcode.issue.post({ json: { category_id: 'A01', name: 'n', mobile: 'm', add_code: '1', cert_type: '1', req_ssn: '1' } });
  // @ts-expect-error number where a string belongs (json field)
  await wxpay.v3.gov.subsidy.zhejiang.authcode.issue.post({ json: { category_id: 'A01', name: 'n', mobile: 'm', add_code: 330000, cert_type: '1', cert_no: 'c', req_ssn: '1' } });
  // @ts-expect-error a string enum does not take the number 1
  await wxpay.v3.gov.subsidy.zhejiang.authcode.issue.post({ json: { category_id: 'A01', name: 'n', mobile: 'm', add_code: '1', cert_type: 1, cert_no: 'c', req_ssn: '1' } });
  // @ts-expect-error unknown json field
  await wxpay.v3.gov.subsidy.qualifications.passthrough.query.post({ json: { real_name: 'a', id_card_number: 'b', phone_number: 'c', qualification_region_code: 1, identity_document_type: 'ID_DOC_TYPE_ID_CARD', nickname: 'x' } });
  // @ts-expect-error the json body is required
  await wxpay.v3.gov.subsidy.qualifications.passthrough.query.post({});
  // @ts-expect-error wrong enum value in json
  await wxpay.v3.gov.subsidy.qualifications.passthrough.query.post({ json: { real_name: 'a', id_card_number: 'b', phone_number: 'c', qualification_region_code: 1, identity_document_type: 'PASSPORT' } });
  // @ts-expect-error header value must be a string
  await wxpay.v3.gov.subsidy.qualifications.passthrough.query.post({ json: { real_name: 'a', id_card_number: 'b', phone_number: 'c', qualification_region_code: 1, identity_document_type: 'ID_DOC_TYPE_ID_CARD' }, headers: { 'Wechatpay-Serial': 1 } });
  const r = await wxpay.v3.facemch.users._face_sid_.get(face);
  // @ts-expect-error unknown response field
  void r.data.real_name;
  // @ts-expect-error response fields are read-only
  r.data.union_id = 'x';
  // @ts-expect-error timeout is a number of milliseconds
  await wxpay.v3.facemch.users._face_sid_.get({ ...face, timeout: '5s' });
  // @ts-expect-error createClient needs the merchant private key
  createClient({ mchid: '1', serial: 'S', certs: {} });
}
