/** Shared set-up of the end-to-end tests: the mock over 127.0.0.1 and the generated client pointed at it. */
import type { FieldPath } from '../../templates/runtime/operation';
import { EVERY_ITEM } from '../../templates/runtime/pointer';
import {
  createClient,
  type V3EduPapayUserOpenidContractsGetArgs,
  type V3FacemchUsersFaceSidGetArgs,
  type V3GovSubsidyQualificationsPassthroughQueryPostArgs,
  type V3GovSubsidyZhejiangAuthcodeIssuePostArgs,
  type WxPayClient,
} from '../../generated';
import { loadSpec } from '../../generator/load';
import { buildModel, type ModelOperation } from '../../generator/model';
import { prepareKeys, startMockServer, type MockServer } from '../../mock';

export const model = buildModel(loadSpec('specs/wechatpay.yaml'));
export const keys = prepareKeys({});

export function operation(id: string): ModelOperation {
  const op = model.operations.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id} in the spec`);
  return op;
}

export async function startPair(timeout = 5000): Promise<{ server: MockServer; wxpay: WxPayClient }> {
  const server = await startMockServer({ model, keys });
  return { server, wxpay: createClient({ ...server.clientOptions(), timeout }) };
}

/** The three call styles of one endpoint. */
export type Styles<A, R> = Readonly<Record<'chain' | 'chain()' | 'brackets', (c: WxPayClient, args: A) => Promise<R>>>;

export interface Endpoint<A> {
  readonly id: string;
  readonly args: A;
  readonly call: Styles<A, { status: number; headers: Readonly<Record<string, string>>; data: unknown }>;
}

/** Sensitive values, chosen so that any leak is easy to find on the wire. */
export const SECRET = {
  realName: '张三丰',
  idCard: '11010119900307123X',
  phone: '13800138000',
  name: '李四光',
  mobile: '13900001111',
  certNo: '330106199001011234',
};

const passthrough: Endpoint<V3GovSubsidyQualificationsPassthroughQueryPostArgs> = {
  id: 'POST v3/gov/subsidy/qualifications/passthrough/query',
  args: { json: { real_name: SECRET.realName, id_card_number: SECRET.idCard, phone_number: SECRET.phone, qualification_region_code: 310100, identity_document_type: 'ID_DOC_TYPE_ID_CARD' } },
  call: {
    chain: (c, a) => c.v3.gov.subsidy.qualifications.passthrough.query.post(a),
    'chain()': (c, a) => c.chain('v3/gov/subsidy/qualifications/passthrough/query').post(a),
    brackets: (c, a) => c['v3/gov/subsidy/qualifications/passthrough/query'].post(a),
  },
};

const authcode: Endpoint<V3GovSubsidyZhejiangAuthcodeIssuePostArgs> = {
  id: 'POST v3/gov/subsidy/zhejiang/authcode/issue',
  args: { json: { category_id: 'A01', openid: 'oUpF8uMuAJOM2pxb1Q', name: SECRET.name, mobile: SECRET.mobile, add_code: '330000', custom_info: '', cert_type: '1', cert_no: SECRET.certNo, req_ssn: 'REQ-20261123-0001' } },
  call: {
    chain: (c, a) => c.v3.gov.subsidy.zhejiang.authcode.issue.post(a),
    'chain()': (c, a) => c.chain('v3/gov/subsidy/zhejiang/authcode/issue').post(a),
    brackets: (c, a) => c['v3/gov/subsidy/zhejiang/authcode/issue'].post(a),
  },
};

const facemch: Endpoint<V3FacemchUsersFaceSidGetArgs> = {
  id: 'GET v3/facemch/users/{face_sid}',
  args: { face_sid: 'sid/with space+plus', query: { info_type: 'ASK_REAL_NAME', appid: 'wx2b029c08a6233333', sub_mchid: '123456789' } },
  call: {
    chain: (c, a) => c.v3.facemch.users._face_sid_.get(a),
    'chain()': (c, a) => c.chain('v3/facemch/users/{face_sid}').get(a),
    brackets: (c, a) => c['v3/facemch/users/{face_sid}'].get(a),
  },
};

const contracts: Endpoint<V3EduPapayUserOpenidContractsGetArgs> = {
  id: 'GET v3/edu-papay/user/{openid}/contracts',
  args: { openid: 'oUpF8uMuAJOM2pxb1Q', query: { appid: 'wx8888888888888888', plan_id: '101164396123311331', contract_status: 'ADD', offset: 0, limit: 20 } },
  call: {
    chain: (c, a) => c.v3.eduPapay.user._openid_.contracts.get(a),
    'chain()': (c, a) => c.chain('v3/edu-papay/user/{openid}/contracts').get(a),
    brackets: (c, a) => c['v3/edu-papay/user/{openid}/contracts'].get(a),
  },
};

/** The four endpoints, their argument types erased so that tests can loop over them (each call site above is type-checked). */
export const ENDPOINTS = [passthrough, authcode, facemch, contracts] as unknown as readonly Endpoint<unknown>[];
export const STYLES = ['chain', 'chain()', 'brackets'] as const;

/** The values a path of tokens reaches (`EVERY_ITEM` = every element). */
export function valuesAt(root: unknown, path: FieldPath): unknown[] {
  const [head, ...rest] = path;
  if (head === undefined) return [root];
  if (root === null || typeof root !== 'object') return [];
  if (head === EVERY_ITEM) return Array.isArray(root) ? root.flatMap((el: unknown) => valuesAt(el, rest)) : [];
  const v = (root as Record<string, unknown>)[head];
  return v === undefined ? [] : valuesAt(v, rest);
}

/** Every way a plaintext could show up in bytes: raw UTF-8, JSON \u-escaped, percent-encoded (both space styles). */
export function leakForms(plain: string): Buffer[] {
  const escaped = [...plain].map((ch) => (ch.charCodeAt(0) > 0x7e ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch)).join('');
  const pct = encodeURIComponent(plain);
  return [...new Set([plain, escaped, escaped.toUpperCase(), pct, pct.replace(/%20/g, '+')])].map((s) => Buffer.from(s, 'utf8'));
}
