import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SpecError } from '../../generator';
import { loadSpec } from '../../generator/load';
import { buildModel } from '../../generator/model';

/** A root with one webhook file; cases replace parts of the files. */
const ROOT = `openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
webhooks:
  TRANSACTION.SUCCESS:
    $ref: './webhooks/TRANSACTION.SUCCESS.yaml'
`;
const CIPHERTEXT = `type: string
x-encrypted: aes-gcm
contentMediaType: application/json
contentSchema:
  type: object
  properties:
    out_trade_no: { type: string }`;
const hook = (ciphertext: string = CIPHERTEXT, extra = ''): string => `post:
  summary: 支付成功通知
  requestBody:
    content:
      application/json:
        schema:
          type: object
          properties:
            event_type: { type: string, enum: [TRANSACTION.SUCCESS] }
            resource:
              type: object
              properties:
                nonce: { type: string }
                ciphertext:
${ciphertext.replace(/^/gm, '                  ')}
${extra}  responses:
    '204': { description: ok }
`;
const PATH_WITH = (schema: string): string => `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /v3/x:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                c:
${schema.replace(/^/gm, '                  ')}
      responses:
        '204': { description: ok }
`;

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly file: string;
  readonly line: number;
  readonly message: RegExp;
}
const W = 'webhooks/TRANSACTION.SUCCESS.yaml';
const cases: Case[] = [
  { name: 'aes-gcm without contentSchema', files: { [W]: hook('type: string\nx-encrypted: aes-gcm\ncontentMediaType: application/json') }, file: W, line: 16, message: /needs a `contentSchema`/ },
  { name: 'aes-gcm on a non-string', files: { [W]: hook(CIPHERTEXT.replace('type: string', 'type: object')) }, file: W, line: 16, message: /only allowed on `type: string`/ },
  { name: 'aes-gcm without contentMediaType', files: { [W]: hook(CIPHERTEXT.replace('contentMediaType: application/json\n', '')) }, file: W, line: 16, message: /needs `contentMediaType: application\/json`/ },
  { name: 'aes-gcm in a path request', files: { 'root.yaml': PATH_WITH(CIPHERTEXT) }, file: 'root.yaml', line: 14, message: /only supported on a webhook's resource\.ciphertext, not in a path's request/ },
  { name: 'aes-gcm in a path response', files: { 'root.yaml': PATH_WITH('type: string').replace("'204': { description: ok }", `'200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  r:\n${CIPHERTEXT.replace(/^/gm, '                    ')}`) }, file: 'root.yaml', line: 24, message: /not in a path's response/ },
  { name: 'aes-gcm inside the decrypted payload', files: { [W]: hook(`${CIPHERTEXT}\n    inner:\n${CIPHERTEXT.replace(/^/gm, '      ')}`) }, file: W, line: 24, message: /not in a decrypted notification payload/ },
  { name: 'no aes-gcm ciphertext in the body', files: { [W]: hook('type: string') }, file: W, line: 4, message: /exactly one `x-encrypted: aes-gcm` string, at resource\.ciphertext/ },
  { name: 'a webhook without post', files: { [W]: 'get:\n  responses: {}\n' }, file: W, line: 2, message: /unexpected key "get" in webhook TRANSACTION\.SUCCESS/ },
  { name: 'a webhook without requestBody', files: { [W]: "post:\n  responses:\n    '204': { description: ok }\n" }, file: W, line: 2, message: /needs `requestBody\.content\.application\/json\.schema`/ },
  { name: 'event_type enum without the event', files: { [W]: hook().replace('enum: [TRANSACTION.SUCCESS]', 'enum: [REFUND.SUCCESS]') }, file: W, line: 4, message: /does not include TRANSACTION\.SUCCESS/ },
  { name: 'a query parameter on a webhook', files: { [W]: hook(CIPHERTEXT, '  parameters:\n    - { name: q, in: query, schema: { type: string } }\n') }, file: W, line: 23, message: /a notification has no query parameters/ },
  { name: 'a key that is not an event type', files: { 'root.yaml': ROOT.replace('  TRANSACTION.SUCCESS:', '  paySuccess:') }, file: 'root.yaml', line: 6, message: /must be named by its event_type/ },
  { name: 'webhooks not a mapping', files: { 'root.yaml': ROOT.replace(/webhooks:[\s\S]*/, 'webhooks: [a]\n') }, file: 'root.yaml', line: 4, message: /`webhooks` must be a mapping/ },
];

describe('webhook specs: every problem a SpecError at file:line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-webhooks-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(cases)('$name', (c) => {
    const caseDir = mkdtempSync(join(dir, 'case-'));
    const files = { 'root.yaml': ROOT, [W]: hook(), ...c.files };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(caseDir, name)), { recursive: true });
      writeFileSync(join(caseDir, name), text);
    }
    let err: unknown;
    try {
      buildModel(loadSpec('root.yaml', caseDir));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const problems = (err as SpecError).problems;
    expect({ problems }).toEqual({ problems: expect.arrayContaining([expect.objectContaining({ file: c.file, line: c.line, message: expect.stringMatching(c.message) })]) });
    expect(problems.every((p) => p.column > 0)).toBe(true);
  });

  it('a valid webhook becomes a ModelWebhook with its payload', () => {
    const caseDir = mkdtempSync(join(dir, 'ok-'));
    mkdirSync(join(caseDir, 'webhooks'));
    writeFileSync(join(caseDir, 'root.yaml'), ROOT);
    writeFileSync(join(caseDir, W), hook());
    const model = buildModel(loadSpec('root.yaml', caseDir));
    expect(model.webhooks).toHaveLength(1);
    expect(model.webhooks[0]).toMatchObject({ eventType: 'TRANSACTION.SUCCESS', summary: '支付成功通知', file: W, payload: [{ type: 'object', properties: { out_trade_no: { type: 'string' } } }] });
  });
});
