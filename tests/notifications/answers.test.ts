/**
 * Answers that carry data (应答规范 documenting fields beyond code/message, e.g.
 * ENTRUST.TERMINATE_RETENTION): from the fixture page (tests/fixtures/import/webhook-answers/)
 * through import → model → webhooks.gen.ts (types a consumer type-checks, the answer schema in the
 * table) → the handlers (a wrong answer: FAIL 500 + ValidationError via onError) → the sender's
 * verdict (library and CLI), over real HTTP on 127.0.0.1. Every expected value is written by hand
 * from the fixture page's answer table.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { generate } from '../../generator';
import { loadSpec } from '../../generator/load';
import { buildModel, type Model } from '../../generator/model';
import { importPagesSync } from '../../importer/import-pages';
import { main, type CliIO } from '../../bin/cli';
import { startMockServer } from '../../mock';
import type { MockServer } from '../../mock/types';
import { ValidationError } from '../../templates/runtime/errors';
import type { Notification, WebhookTable } from '../../templates/runtime/notification-types';
import type { FieldSchema } from '../../templates/runtime/operation';
import { REPO, tempDir } from '../importer/support';
import { startMerchant, type Running } from './servers';
import { client } from './support';

const FIXTURES = resolve(__dirname, '..', 'fixtures', 'import', 'webhook-answers');
const EVENT = 'FIXTURE.ANSWER_DATA';
const PLAIN = 'FIXTURE.PLAIN_ANSWER';

/** The fixture page's answer table, as the runtime's validation schema (descriptions dropped). */
const ANSWER: FieldSchema = {
  type: 'object',
  required: ['retention_type'],
  properties: {
    code: { type: 'string', enum: ['SUCCESS', 'FAIL'] },
    message: { type: 'string' },
    retention_type: { type: 'string', enum: ['COUPON', 'DISCOUNT'] },
    coupon_info: {
      type: 'object',
      required: ['state'],
      properties: {
        state: { type: 'string', enum: ['SEND_COUPON', 'UNUSED_COUPON', 'NOT_SEND_COUPON'] },
        coupon_id: { type: 'string' },
        amount: { type: 'integer' },
      },
    },
    tags: { type: 'array', items: { type: 'string' } },
  },
};
const PAYLOAD: FieldSchema = { type: 'object', properties: { mchid: { type: 'string' }, contract_id: { type: 'string' } } };
const TABLE: WebhookTable = { [EVENT]: { payload: [PAYLOAD], answer: ANSWER }, [PLAIN]: { payload: [PAYLOAD] } };
const DATA = { mchid: '1230000109', contract_id: 'Wx15463511252015071056489715' };
const GOOD = { code: 'SUCCESS', message: 'OK', retention_type: 'COUPON', coupon_info: { state: 'SEND_COUPON', coupon_id: '98065001', amount: 500 }, tags: ['限时'] };

const work = tempDir('webhook-answers-e2e');
const specsDir = join(work, 'specs');
const root = join(specsDir, 'wechatpay.yaml');
let model: Model;

beforeAll(() => {
  const imported = importPagesSync({ inputs: ['webhook/v3'], out: specsDir, cwd: FIXTURES });
  expect(imported.errors).toEqual([]);
  model = buildModel(loadSpec(root));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('model and webhooks.gen.ts', () => {
  test('the model records the answer of the event that documents one, and none for the generic answer', () => {
    const hook = model.webhooks.find((w) => w.eventType === EVENT);
    expect(hook?.answer).toMatchObject({
      type: 'object',
      required: ['retention_type'],
      properties: {
        retention_type: { type: 'string', description: '挽留类型', enum: ['COUPON', 'DISCOUNT'] },
        coupon_info: { type: 'object', required: ['state'], properties: { amount: { type: 'integer', description: '面额，单位为分' } } },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
    expect(model.webhooks.find((w) => w.eventType === PLAIN)?.answer).toBeUndefined();
  });

  test('the emitted table carries exactly the answer schema; a consumer type-checks `satisfies WebhookAnswer<…>` and a wrong answer does not compile', async () => {
    const out = join(work, 'gen');
    await generate({ spec: root, out, cwd: work });
    const text = readFileSync(join(out, 'webhooks.gen.ts'), 'utf8');
    // the table is JSON in a template literal (backslash, backtick and `${` escaped)
    const literal = /export const webhooks = JSON\.parse\(`([\s\S]*)`\) as WebhookTable;/.exec(text)?.[1] ?? 'null';
    const table = JSON.parse(literal.replace(/\\([\\`$])/g, '$1')) as WebhookTable;
    expect(table[EVENT]?.answer).toEqual(ANSWER);
    expect(table[PLAIN]).not.toHaveProperty('answer');
    const consumer = join(out, 'consumer.ts');
    ts.sys.writeFile(consumer, `
import { createClient, type WebhookAnswer, type WebhookAnswers } from './index.js';
declare const wxpay: ReturnType<typeof createClient>;
export const handler = wxpay.notifications.nodeHandler(async (n) => {
  if (n.event_type === 'FIXTURE.ANSWER_DATA') {
    return { retention_type: 'COUPON', coupon_info: { state: 'SEND_COUPON', coupon_id: n.data.contract_id ?? '' } } satisfies WebhookAnswer<'FIXTURE.ANSWER_DATA'>;
  }
  return undefined;
});
export const minimal: WebhookAnswer<'FIXTURE.ANSWER_DATA'> = { retention_type: 'DISCOUNT' };
// @ts-expect-error CASH is not a documented retention_type
export const wrongEnum: WebhookAnswer<'FIXTURE.ANSWER_DATA'> = { retention_type: 'CASH' };
// @ts-expect-error retention_type is required by the page
export const missing: WebhookAnswer<'FIXTURE.ANSWER_DATA'> = { code: 'SUCCESS' };
// @ts-expect-error amount is an integer (number), not a string
export const wrongType: WebhookAnswer<'FIXTURE.ANSWER_DATA'> = { retention_type: 'COUPON', coupon_info: { state: 'SEND_COUPON', amount: '5' } };
// @ts-expect-error the generic answer documents no data: no entry
export type Plain = WebhookAnswers['FIXTURE.PLAIN_ANSWER'];
`);
    const program = ts.createProgram([consumer], {
      strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'], skipLibCheck: true,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], typeRoots: [join(REPO, 'node_modules', '@types')],
    });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });
});

describe.each(['node-handler', 'fetch-handler'] as const)('%s answers, mock.notify judges', (kind) => {
  let mock: MockServer;
  let strict: Running;
  let lax: Running;
  let answer: unknown;
  const errors: unknown[] = [];
  const callback = async (): Promise<Readonly<Record<string, unknown>> | undefined> => answer as Readonly<Record<string, unknown>> | undefined;
  beforeAll(async () => {
    mock = await startMockServer({ model, keys: {} });
    const opts = mock.clientOptions();
    strict = await startMerchant(kind, client(opts, TABLE).notifications, callback, { onError: (e) => errors.push(e) });
    lax = await startMerchant(kind, client({ ...opts, validate: false }, TABLE).notifications, callback, { onError: (e) => errors.push(e) });
  });
  afterAll(async () => {
    await strict.close();
    await lax.close();
    await mock.close();
  });
  beforeEach(() => {
    errors.length = 0;
    answer = undefined;
  });

  test('the documented answer: 200 with it, and the sender says it matches', async () => {
    answer = GOOD;
    const r = await mock.notify(strict.url, EVENT, DATA);
    expect(r.attempts).toHaveLength(1);
    expect(r.attempts[0]).toMatchObject({ status: 200, success: true, valid: true, answerMatches: true });
    expect(JSON.parse(r.attempts[0]?.body ?? '')).toEqual(GOOD);
    expect(errors).toEqual([]);
  });

  test('nothing: 204, which matches (an answer without data)', async () => {
    const r = await mock.notify(strict.url, EVENT, DATA);
    expect(r.attempts[0]).toMatchObject({ status: 204, body: '', success: true, valid: true, answerMatches: true });
  });

  test('a wrong answer: FAIL 500, a ValidationError naming the fields via onError; WeChat Pay retries until it is right', async () => {
    let calls = 0;
    answer = { retention_type: 'CASH', coupon_info: { coupon_id: 7 } };
    const r = await mock.notify(strict.url, EVENT, DATA, {
      retry: true,
      retryScale: 0,
      onAttempt: () => {
        if (++calls === 2) answer = GOOD;
      },
    });
    expect(r.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(r.attempts[0]).toMatchObject({ success: false, valid: true });
    expect(r.attempts[0]).not.toHaveProperty('answerMatches');
    expect(JSON.parse(r.attempts[0]?.body ?? '')).toEqual({ code: 'FAIL', message: 'the merchant handler failed; please retry' });
    expect(r.attempts[2]).toMatchObject({ success: true, valid: true, answerMatches: true });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(ValidationError);
    expect((errors[0] as ValidationError).issues).toEqual([
      { path: 'answer.retention_type', message: 'must be one of "COUPON", "DISCOUNT"' },
      { path: 'answer.coupon_info.state', message: 'is required' },
      { path: 'answer.coupon_info.coupon_id', message: 'must be a string' },
    ]);
    expect((errors[0] as Error).message).toContain(`Invalid ${EVENT} answer`);
  });

  test('validate off: the wrong answer is sent; the sender says success but not a valid answer, and what is wrong', async () => {
    answer = { code: 'SUCCESS', coupon_info: { state: 'LOST', amount: 1.5 }, tags: 'x' };
    const r = await mock.notify(lax.url, EVENT, DATA);
    expect(r.delivered).toBe(true);
    expect(r.attempts[0]).toMatchObject({ status: 200, success: true, valid: false, answerMatches: false });
    expect(r.attempts[0]?.answerIssues).toEqual([
      '/retention_type is required but missing',
      '/coupon_info/state must be one of SEND_COUPON, UNUSED_COUPON, NOT_SEND_COUPON',
      '/coupon_info/amount must be an integer, found a fraction',
      '/tags must be an array, found a string',
    ]);
    expect(errors).toEqual([]);
  });

  test('data for an event without a documented answer: 200 with that JSON as before, not judged', async () => {
    answer = { anything: ['goes'] };
    const r = await mock.notify(strict.url, PLAIN, DATA);
    expect(r.attempts[0]).toMatchObject({ status: 200, success: true, valid: true });
    expect(r.attempts[0]).not.toHaveProperty('answerMatches');
    expect(JSON.parse(r.attempts[0]?.body ?? '')).toEqual({ anything: ['goes'] });
    expect(errors).toEqual([]);
  });
});

describe('wxpay-gen notify prints the answer and the verdict', () => {
  let mock: MockServer;
  let merchant: Running;
  let answer: Readonly<Record<string, unknown>> | undefined;
  beforeAll(async () => {
    mock = await startMockServer({ model, keys: join(work, 'keys') });
    merchant = await startMerchant('node-handler', client({ ...mock.clientOptions(), validate: false }, TABLE).notifications, () => answer);
  });
  afterAll(async () => {
    await merchant.close();
    await mock.close();
  });
  const run = async (): Promise<{ code: number; out: string[] }> => {
    const out: string[] = [];
    const io: CliIO = { out: (l) => out.push(l), err: (l) => out.push(l) };
    const code = await main(['notify', merchant.url, '--keys', join(work, 'keys'), '--spec', root, '--event', EVENT], io);
    return { code, out };
  };

  test('a matching answer', async () => {
    answer = { retention_type: 'COUPON' };
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.out).toContain('  attempt 1: 200 {"retention_type":"COUPON"}  [success; the answer matches the documented answer]');
  });

  test('an answer that does not match: still delivered (exit 0), the verdict says what is wrong', async () => {
    answer = { retention_type: 'CASH' };
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.out).toContain('  attempt 1: 200 {"retention_type":"CASH"}  [success, but the answer does not match the documented answer: /retention_type must be one of COUPON, DISCOUNT]');
  });
});

/** Keeps `Notification` referenced for readers: the callbacks above receive it. */
export type Received = Notification;
