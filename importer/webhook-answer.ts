/**
 * The answer of a webhook page (`| 应答规范 | 类型 | 描述` … `{.im-table #response}`) → the
 * `responses` of its `post`. Almost every page documents only `status` and `body { code, message }`
 * (the generic FAIL answer): those keep the fixed 200 / 4XX descriptions. A page whose `body` lists
 * fields beyond `code`/`message` (an answer that carries data, e.g. ENTRUST.TERMINATE_RETENTION's
 * retention_type and coupon_info) gets `'200'` with that body as its `application/json` schema —
 * every row, enum, description, nesting and required flag, read by the same row → schema code as
 * API pages — and `'204'` / `'4XX'` for the answers without data.
 */
import type { Block } from './markdown/blocks';
import { parsePipeTable } from './markdown/table';
import { buildRows } from './rows';
import { objectSchema, type Schema, type SchemaContext } from './schema';

/** The fields every answer may carry: the FAIL answer's `{"code":"FAIL","message":"…"}`. */
const GENERIC = new Set(['code', 'message']);

const SUCCESS = '接收成功（应答 200 或 204，无需应答体）';
const FAIL = '接收失败：应答 `{"code":"FAIL","message":"失败"}`，微信支付会按通知频率重新通知';

/** The page's answer table: the table marked `{.im-table #response}` (or headed 应答规范). */
function answerTable(blocks: readonly Block[]): Extract<Block, { kind: 'table' }> | undefined {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'table') continue;
    const next = blocks[i + 1];
    if (next?.kind === 'attrs' && next.attrs.id === 'response') return b;
    if (/^\|\s*应答规范\s*\|/.test(b.rows[0]?.text ?? '')) return b;
  }
  return undefined;
}

/** The answer body's schema when it carries data; `undefined` for the generic code/message answer (or no answer table). */
export function answerSchema(blocks: readonly Block[], ctx: SchemaContext): Schema | undefined {
  const block = answerTable(blocks);
  if (!block) return undefined;
  const table = parsePipeTable(block.rows);
  if (!table) {
    ctx.issues.warn(block.line, 'the answer table (#response) cannot be read; the notification is imported with the generic answer');
    return undefined;
  }
  const { roots } = buildRows(table, ctx.issues);
  const body = roots.find((r) => r.name === 'body');
  if (!body || !body.children.some((r) => !GENERIC.has(r.name))) return undefined;
  return objectSchema(body.children, undefined, ctx);
}

/** The `responses` of the webhook's `post`. */
export function webhookResponses(blocks: readonly Block[], ctx: SchemaContext): Schema {
  const answer = answerSchema(blocks, ctx);
  if (!answer) return { '200': { description: SUCCESS }, '4XX': { description: FAIL } };
  return {
    '200': { description: '接收成功：应答 200 与如下应答体（应答的`JSON`数据结构）', content: { 'application/json': { schema: answer } } },
    '204': { description: '接收成功（无应答体）' },
    '4XX': { description: FAIL },
  };
}
