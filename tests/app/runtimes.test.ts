/**
 * The generated client on Bun and Deno (the `bun` and `deno` npm packages, dev dependencies), its TypeScript
 * run as it is (Bun; Deno with --sloppy-imports for the `.js` specifiers), against the mock on 127.0.0.1:
 * a signed call with RSA-encrypted request fields, a verified answer with fields decrypted, a tampered answer
 * refused, a notification verified and AES-GCM-decrypted; then the notification handlers — `fetchHandler`
 * served by Bun.serve / Deno.serve and `nodeHandler` under their node:http — each sent a valid notification
 * (callback gets the decrypted data, the sender sees 204) and a tampered-signature one (401 FAIL, no callback)
 * by the mock's sender from Node.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../../mock';
import { EXPECTED_CALLS, paid, runHandlerRound, runtimeScript } from './runtime-script';
import { REPO } from './strict-app';

const RUNTIMES = [
  { name: 'bun', bin: join(REPO, 'node_modules', '.bin', 'bun'), args: ['main.ts'] },
  { name: 'deno', bin: join(REPO, 'node_modules', '.bin', 'deno'), args: ['run', '--allow-read', '--allow-env', '--allow-net=127.0.0.1', '--sloppy-imports', '--no-config', 'main.ts'] },
] as const;

let mock: MockServer;
let tampered: MockServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wxpay-runtimes-'));
  mock = await startMockServer({ spec: join(REPO, 'specs', 'wechatpay.yaml'), keys: join(dir, 'keys') });
  tampered = await startMockServer({ spec: join(REPO, 'specs', 'wechatpay.yaml'), keys: join(dir, 'keys'), faults: { name: 'tampered-body' } });
  cpSync(join(REPO, 'generated'), join(dir, 'generated'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'main.ts'), runtimeScript('./generated/index.js'));
}, 60_000);
afterAll(async () => {
  await mock?.close();
  await tampered?.close();
  rmSync(dir, { recursive: true, force: true });
});

test.each(RUNTIMES)('$name: signs, encrypts, verifies, decrypts, refuses a tampered answer; fetchHandler and nodeHandler take a notification and refuse a forged one', async ({ bin, args }) => {
  const before = mock.received.length;
  const r = await runHandlerRound(bin, args, dir, mock, tampered, { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, 'deno-cache') });
  expect(r.calls).toEqual(EXPECTED_CALLS);
  const got = mock.received.slice(before);
  expect(got.map((q) => q.path)).toEqual(['/v3/gov/subsidy/qualifications/passthrough/query', '/v3/facemch/users/{face_sid}']);
  expect(got[0]?.json).toMatchObject({ real_name: '张三', id_card_number: '110101199003074477', phone_number: '13800138000' });
  for (const via of ['fetch', 'node']) {
    expect({ via, status: r.answers[via]?.valid?.status }).toEqual({ via, status: 204 });
    expect({ via, status: r.answers[via]?.tampered?.status, body: JSON.parse(r.answers[via]?.tampered?.body ?? 'null') }).toEqual({ via, status: 401, body: { code: 'FAIL', message: expect.any(String) } });
  }
  expect(r.received).toEqual([
    { via: 'fetch', event: 'TRANSACTION.SUCCESS', data: paid('T-fetch') },
    { via: 'node', event: 'TRANSACTION.SUCCESS', data: paid('T-node') },
  ]);
}, 120_000);
