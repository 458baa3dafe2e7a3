/**
 * A deterministic ≥ N-operation spec for the generation and type-check benchmarks, written into
 * a (temporary) folder in the layout of specs/: a root document plus one file per URL path.
 *
 * It holds the four real endpoints of specs/ as they are, then as many groups as needed, each
 * under its own prefix `/v3/bench-gNNN/`, of:
 * - the four real endpoint files again (their `$ref`s to the root re-pointed), and
 * - five synthesised operations on four paths, in the shapes of the real ones: JSON bodies with
 *   nested objects and arrays of objects, string and integer enums with `x-enum-descriptions`,
 *   path, query and header parameters, `x-encrypted: rsa` request fields (top level, nested, in
 *   arrays of objects and arrays of strings) and response fields, a 204 PATCH and paged lists.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { parse, stringify } from 'yaml';

export interface ScaleSpec {
  /** The root document to pass to the generator / openapi-typescript. */
  readonly root: string;
  readonly operations: number;
  readonly pathFiles: number;
}

/** Operations in one group: 4 real + 5 synthesised. */
const PER_GROUP = 9;

type Json = Record<string, unknown>;

const str = (description: string, extra: Json = {}): Json => ({ type: 'string', description, ...extra });
const int = (description: string, extra: Json = {}): Json => ({ type: 'integer', description, ...extra });
const obj = (description: string, properties: Json, required?: string[]): Json => ({
  type: 'object',
  description,
  ...(required ? { required } : {}),
  properties,
});
const arr = (description: string, items: Json): Json => ({ type: 'array', description, items });
const strEnum = (description: string, meanings: Record<string, string>, example?: string): Json => ({
  type: 'string',
  description,
  enum: Object.keys(meanings),
  'x-enum-descriptions': meanings,
  ...(example ? { example } : {}),
});
const jsonBody = (schema: Json): Json => ({ required: true, content: { 'application/json': { schema } } });
const ok = (description: string, schema: Json): Json => ({ '200': { description, content: { 'application/json': { schema } } } });

/** `$ref`s from a path file to the root's shared components. */
function refs(rootRel: string): { serial: Json; error: Json } {
  return {
    serial: { $ref: `${rootRel}#/components/parameters/WechatpaySerial` },
    error: { $ref: `${rootRel}#/components/responses/Error` },
  };
}

function ordersPath(g: string, rootRel: string): Json {
  const { serial, error } = refs(rootRel);
  return {
    post: {
      summary: `创建订单（${g}）`,
      description: `商户创建一笔订单，付款人姓名加密上送。分组 ${g}。`,
      externalDocs: { url: `https://pay.weixin.qq.com/doc/v3/merchant/${g}/orders` },
      parameters: [serial],
      requestBody: jsonBody(
        obj(
          '订单',
          {
            appid: str('应用ID', { example: 'wxd678efh567hg6787' }),
            out_trade_no: str('商户订单号', { example: '1217752501201407033233368018' }),
            description: str('商品描述'),
            amount: obj('订单金额', { total: int('总金额，单位为分', { example: 100 }), currency: strEnum('货币类型', { CNY: '人民币' }, 'CNY') }, ['total']),
            payer: obj('付款人', { openid: str('用户标识'), name: str('付款人姓名', { 'x-encrypted': 'rsa' }) }, ['openid']),
            goods: arr(
              '商品列表',
              obj(
                '商品',
                {
                  merchant_goods_id: str('商户侧商品编码'),
                  goods_name: str('商品名称'),
                  quantity: int('商品数量'),
                  unit_price: int('商品单价，单位为分'),
                },
                ['merchant_goods_id', 'quantity', 'unit_price'],
              ),
            ),
            scene_info: obj('场景信息', {
              device_id: str('商户端设备号'),
              store_info: obj('门店信息', { id: str('门店编号'), name: str('门店名称'), area_code: str('地区编码'), address: str('详细地址') }, ['id']),
            }),
            tags: arr('订单标签', str('标签')),
          },
          ['appid', 'out_trade_no', 'description', 'amount', 'payer'],
        ),
      ),
      responses: {
        ...ok(
          '订单已创建',
          obj(
            '创建结果',
            {
              order_id: str('微信支付订单号'),
              state: strEnum('订单状态', { CREATED: '已创建', PAYING: '支付中', CLOSED: '已关闭' }),
              create_time: str('创建时间', { format: 'date-time' }),
            },
            ['order_id', 'state'],
          ),
        ),
        default: error,
      },
    },
  };
}

function orderPath(g: string, rootRel: string): Json {
  const { error } = refs(rootRel);
  const orderId = { name: 'order_id', in: 'path', required: true, description: '微信支付订单号', schema: str('微信支付订单号', { example: '4200000001' }) };
  return {
    get: {
      summary: `查询订单（${g}）`,
      description: '按微信支付订单号查询订单。',
      parameters: [
        orderId,
        { name: 'mchid', in: 'query', required: true, description: '商户号', schema: str('商户号') },
        { name: 'include', in: 'query', description: '附加信息', schema: strEnum('附加信息', { GOODS: '商品', PAYER: '付款人' }) },
      ],
      responses: {
        ...ok(
          '订单',
          obj(
            '订单详情',
            {
              order_id: str('微信支付订单号'),
              out_trade_no: str('商户订单号'),
              state: strEnum('订单状态', { CREATED: '已创建', PAYING: '支付中', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款' }),
              amount: obj('金额', { total: int('总金额'), payer_total: int('用户支付金额'), currency: str('货币类型') }, ['total']),
              payer: obj('付款人', { openid: str('用户标识'), name: str('付款人姓名（加密）', { 'x-encrypted': 'rsa' }) }),
              promotion_detail: arr(
                '优惠功能',
                obj('优惠', { coupon_id: str('券ID'), scope: strEnum('优惠范围', { GLOBALSCOPE: '全场代金券', SINGLE: '单品优惠' }), amount: int('优惠券面额') }, ['coupon_id']),
              ),
            },
            ['order_id', 'state'],
          ),
        ),
        default: error,
      },
    },
    patch: {
      summary: `修改订单（${g}）`,
      description: '修改订单备注或关闭订单；成功时无应答包体。',
      parameters: [orderId],
      requestBody: jsonBody(
        obj('修改内容', { state: strEnum('目标状态', { CLOSED: '关闭' }), remark: str('备注'), priority: int('优先级', { enum: [1, 2, 3] }) }, ['state']),
      ),
      responses: { '204': { description: '已修改' }, default: error },
    },
  };
}

function cardsPath(g: string, rootRel: string): Json {
  const { error } = refs(rootRel);
  return {
    get: {
      summary: `查询用户银行卡（${g}）`,
      description: '分页查询用户绑定的银行卡，持卡人姓名加密返回。',
      parameters: [
        { name: 'openid', in: 'path', required: true, description: '用户标识', schema: str('用户标识') },
        { name: 'appid', in: 'query', required: true, description: '应用ID', schema: str('应用ID') },
        { name: 'offset', in: 'query', description: '分页起始位置', schema: int('分页起始位置') },
        { name: 'limit', in: 'query', description: '分页大小', schema: int('分页大小') },
      ],
      responses: {
        ...ok(
          '银行卡列表',
          obj(
            '分页结果',
            {
              data: arr(
                '银行卡',
                obj(
                  '银行卡',
                  {
                    card_id: str('卡ID'),
                    holder_name: str('持卡人姓名（加密）', { 'x-encrypted': 'rsa' }),
                    bank_type: strEnum('银行类型', { ICBC_DEBIT: '工商银行借记卡', CMB_CREDIT: '招商银行信用卡', OTHERS: '其他' }),
                    state: strEnum('状态', { VALID: '有效', INVALID: '无效' }),
                  },
                  ['card_id', 'state'],
                ),
              ),
              total_count: int('总数'),
              offset: int('起始位置'),
              limit: int('分页大小'),
            },
            ['total_count'],
          ),
        ),
        default: error,
      },
    },
  };
}

function contactsPath(g: string, rootRel: string): Json {
  const { serial, error } = refs(rootRel);
  return {
    post: {
      summary: `上传联系人（${g}）`,
      description: '批量上传联系人；姓名、手机号与证件号加密上送。',
      parameters: [serial],
      requestBody: jsonBody(
        obj(
          '联系人批次',
          {
            batch_no: str('商户批次号'),
            contact_type: strEnum('联系人类型', { LEGAL: '法人', SUPER_ADMIN: '超级管理员', STAFF: '员工' }),
            contacts: arr(
              '联系人',
              obj(
                '联系人',
                {
                  name: str('姓名', { 'x-encrypted': 'rsa' }),
                  mobile: str('手机号', { 'x-encrypted': 'rsa' }),
                  id_numbers: arr('证件号码', str('证件号', { 'x-encrypted': 'rsa' })),
                  email: str('邮箱'),
                },
                ['name', 'mobile'],
              ),
            ),
          },
          ['batch_no', 'contact_type', 'contacts'],
        ),
      ),
      responses: { ...ok('受理结果', obj('受理结果', { batch_id: str('微信批次号'), accepted: int('受理条数') }, ['batch_id'])), default: error },
    },
  };
}

const SHAPES: readonly { readonly path: string; readonly build: (g: string, rootRel: string) => Json }[] = [
  { path: 'orders', build: ordersPath },
  { path: 'orders/{order_id}', build: orderPath },
  { path: 'users/{openid}/cards', build: cardsPath },
  { path: 'contacts', build: contactsPath },
];

/** Writes the scale spec for at least `minOperations` operations into `dir` (reading the real spec from `specsDir`). */
export function synthSpec(specsDir: string, dir: string, minOperations = 1000): ScaleSpec {
  const rootDoc = parse(readFileSync(join(specsDir, 'wechatpay.yaml'), 'utf8')) as Json;
  const realPaths = rootDoc.paths as Record<string, { $ref: string }>;
  const real = Object.entries(realPaths).map(([p, item]) => ({ path: p, file: posix.normalize(item.$ref) }));
  const groups = Math.max(0, Math.ceil((minOperations - real.length) / PER_GROUP));
  const paths: Record<string, { $ref: string }> = {};
  const rootFile = join(dir, 'wechatpay.yaml');
  let files = 0;

  const put = (apiPath: string, file: string, text: string): void => {
    const abs = join(dir, file);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    paths[apiPath] = { $ref: `./${file}` };
    files++;
  };
  const rootRelFrom = (file: string): string => relative(dirname(join(dir, file)), rootFile).split('\\').join('/');

  for (const r of real) {
    mkdirSync(dirname(join(dir, r.file)), { recursive: true });
    copyFileSync(join(specsDir, r.file), join(dir, r.file));
    paths[r.path] = { $ref: `./${r.file}` };
    files++;
  }
  for (let i = 1; i <= groups; i++) {
    const g = `bench-g${String(i).padStart(3, '0')}`;
    for (const r of real) {
      const apiPath = r.path.replace(/^\/v3\//, `/v3/${g}/`);
      const file = `paths${apiPath}.yaml`;
      const text = readFileSync(join(specsDir, r.file), 'utf8').replace(/(?:\.\.\/)+wechatpay\.yaml/g, rootRelFrom(file));
      put(apiPath, file, text);
    }
    for (const shape of SHAPES) {
      const apiPath = `/v3/${g}/${shape.path}`;
      const file = `paths${apiPath}.yaml`;
      put(apiPath, file, stringify(shape.build(g, rootRelFrom(file)), { lineWidth: 0, aliasDuplicateObjects: false }));
    }
  }
  writeFileSync(rootFile, stringify({ ...rootDoc, info: { ...(rootDoc.info as Json), title: 'WeChat Pay APIv3 (bench scale spec)' }, paths }, { lineWidth: 0, aliasDuplicateObjects: false }));
  return { root: rootFile, operations: real.length * (groups + 1) + groups * 5, pathFiles: files };
}
