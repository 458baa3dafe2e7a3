/**
 * A webhook's answer with data (`responses: '200'` JSON schema): read into `ModelWebhook.answer`,
 * every problem a SpecError at file:line (lines counted by hand in the texts below; a problem with
 * a whole schema is located at its first line, where the value starts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpecError } from '../../generator';
import { loadSpec } from '../../generator/load';
import { buildModel, type Model } from '../../generator/model';

const ROOT = `openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
webhooks:
  ENTRUST.TERMINATE_RETENTION:
    $ref: './webhooks/E.yaml'
`;
/** Lines 1–15 the notification; `responses` (line 16 on) is the case's. */
const hook = (responses: string): string => `post:
  requestBody:
    content:
      application/json:
        schema:
          type: object
          properties:
            resource:
              type: object
              properties:
                ciphertext:
                  type: string
                  x-encrypted: aes-gcm
                  contentMediaType: application/json
                  contentSchema: { type: object, properties: { contract_id: { type: string } } }
${responses}`;
const answer = (schema: string): string => `  responses:
    '200':
      description: ok
      content:
        application/json:
          schema:
${schema.replace(/^/gm, '            ')}
    '4XX': { description: fail }
`;
const F = 'webhooks/E.yaml';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-webhook-answers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(webhook: string): Model {
  const caseDir = mkdtempSync(join(dir, 'case-'));
  mkdirSync(join(caseDir, 'webhooks'));
  writeFileSync(join(caseDir, 'root.yaml'), ROOT);
  writeFileSync(join(caseDir, F), webhook);
  return buildModel(loadSpec('root.yaml', caseDir));
}

test('an answer with data becomes ModelWebhook.answer (required flags kept); the generic answer none', () => {
  const m = build(hook(answer('type: object\nrequired: [retention_type]\nproperties:\n  retention_type: { type: string, enum: [COUPON] }\n  coupon_info:\n    type: object\n    properties:\n      state: { type: string }')));
  expect(m.webhooks[0]?.answer).toEqual({
    type: 'object',
    required: ['retention_type'],
    properties: {
      retention_type: { type: 'string', enum: ['COUPON'] },
      coupon_info: { type: 'object', properties: { state: { type: 'string' } } },
    },
  });
  expect(build(hook("  responses:\n    '200': { description: ok }\n    '4XX': { description: fail }\n")).webhooks[0]).not.toHaveProperty('answer');
});

test('an x-encrypted: rsa field in the answer is a warning (the handler sends the answer as given)', () => {
  const m = build(hook(answer('type: object\nproperties:\n  name: { type: string, x-encrypted: rsa }')));
  expect(m.webhooks[0]?.answer?.properties?.['name']).toMatchObject({ type: 'string', encrypted: true });
  expect(m.warnings).toEqual([expect.objectContaining({ file: F, line: 22, message: expect.stringMatching(/marks \/name x-encrypted; .*put the ciphertext in yourself/) })]);
});

const cases: { name: string; responses: string; line: number; message: RegExp }[] = [
  { name: 'an answer that is not an object', responses: answer('type: array\nitems: { type: string }'), line: 22, message: /the answer must be `type: object`/ },
  { name: 'an answer field of an unknown type', responses: answer('type: object\nproperties:\n  retention_type: { type: text }'), line: 24, message: /unknown type "text"/ },
  { name: 'aes-gcm inside the answer', responses: answer('type: object\nproperties:\n  c: { type: string, x-encrypted: aes-gcm, contentMediaType: application/json, contentSchema: { type: object } }'), line: 24, message: /not in a notification's answer/ },
  { name: 'a body on 204', responses: "  responses:\n    '204':\n      description: ok\n      content: { application/json: { schema: { type: object } } }\n", line: 19, message: /a 204 answer has no body; document an answer with data under '200'/ },
  { name: 'an answer that is not JSON', responses: "  responses:\n    '200':\n      description: ok\n      content:\n        text/plain: { schema: { type: string } }\n", line: 20, message: /only `application\/json` is supported, not text\/plain/ },
  { name: 'an answer without schema', responses: "  responses:\n    '200':\n      description: ok\n      content:\n        application/json: {}\n", line: 20, message: /the answer needs `schema`/ },
  { name: 'responses not a mapping', responses: '  responses: [ok]\n', line: 16, message: /`responses` must be a mapping of status/ },
];

test.each(cases)('$name: a SpecError at file:line', (c) => {
  let err: unknown;
  try {
    build(hook(c.responses));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(SpecError);
  expect((err as SpecError).problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: F, line: c.line, message: expect.stringMatching(c.message) })]));
});
