/**
 * Uploads and downloads through the runtime against the mock: the upload's `meta` part is
 * what the signature covers, its sensitive field is encrypted on the wire and decrypted by the
 * server, the file arrives intact; a download comes back as bytes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel, loadSpec } from '../../generator';
import { descriptorOf } from '../../generator/emit/operations';
import { startMockServer, type MockServer } from '../../mock';
import { buildClient, ValidationError, type OperationTable } from '../../templates/runtime/index';

const SPEC = `openapi: 3.1.0
info: { title: uploads, version: '1' }
paths:
  /v3/merchant/media/upload:
    post:
      parameters:
        - { name: Wechatpay-Serial, in: header, schema: { type: string } }
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file, meta]
              properties:
                file: { type: string, format: binary }
                meta:
                  type: object
                  required: [filename, sha256]
                  properties:
                    filename: { type: string }
                    sha256: { type: string }
                    owner_name: { type: string, x-encrypted: rsa }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object, properties: { media_id: { type: string, example: MEDIA-1 } } } } } }
  /v3/billdownload/file:
    get:
      parameters:
        - { name: token, in: query, required: true, schema: { type: string } }
      responses:
        '200': { description: the file, content: { application/octet-stream: { schema: { type: string, format: binary } } } }
`;

type AnyClient = any; // the runtime is under test here; the generated types are tested elsewhere

describe('uploads and downloads against the mock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-upload-'));
  writeFileSync(join(dir, 'spec.yaml'), SPEC);
  const model = buildModel(loadSpec('spec.yaml', dir));
  const table: Record<string, Record<string, unknown>> = {};
  for (const op of model.operations) (table[op.key] ??= {})[op.method.toLowerCase()] = descriptorOf(op);
  let server: MockServer;
  let wxpay: AnyClient;

  beforeAll(async () => {
    server = await startMockServer({ model, log: () => undefined });
    wxpay = buildClient<AnyClient>(table as OperationTable, { ...server.clientOptions(), timeout: 5000 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an upload is signed over meta; its sensitive field is ciphertext on the wire and plaintext at the server; the file arrives intact', async () => {
    const file = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.from('pretend image bytes')]);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const r = await wxpay.v3.merchant.media.upload.post({ multipart: { file, meta: { filename: 'logo.png', sha256, owner_name: '张三' } } });
    expect(r).toMatchObject({ status: 200, data: { media_id: 'MEDIA-1' } });
    const got = server.received.at(-1);
    expect(got?.verdict).toBe('ok');
    expect(got?.json).toEqual({ meta: { filename: 'logo.png', sha256, owner_name: '张三' }, file: { filename: 'logo.png', contentType: 'image/png', size: file.length, sha256 } });
    const wire = server.wire().toString('utf8');
    expect(wire).not.toContain('张三');
    expect(wire).toContain('pretend image bytes');
  });

  it('an upload whose meta breaks the schema is PARAM_ERROR naming the field', async () => {
    wxpay = buildClient<AnyClient>(table as OperationTable, { ...server.clientOptions(), validate: false });
    const err = (await wxpay.v3.merchant.media.upload.post({ multipart: { file: Buffer.from('x'), meta: { filename: 'a.txt' } } }).catch((e: unknown) => e)) as { status: number; errorCode: string; detail: { field: string } };
    expect(err).toMatchObject({ status: 400, errorCode: 'PARAM_ERROR', detail: { field: 'meta/sha256' } });
  });

  it('the client refuses an upload without meta before sending', async () => {
    const strict = buildClient<AnyClient>(table as OperationTable, server.clientOptions());
    const before = server.received.length;
    await expect(strict.v3.merchant.media.upload.post({ multipart: { file: Buffer.from('x') } })).rejects.toBeInstanceOf(ValidationError);
    expect(server.received.length).toBe(before);
  });

  it('a download comes back as bytes', async () => {
    const r = await wxpay.v3.billdownload.file.get({ query: { token: 't' } });
    expect(r.status).toBe(200);
    expect(Buffer.isBuffer(r.data)).toBe(true);
    expect(r.data.toString('utf8')).toBe('mock GET v3/billdownload/file\n');
  });
});
