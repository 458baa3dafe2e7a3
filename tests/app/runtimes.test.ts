/**
 * The generated client on Bun and Deno (the `bun` and `deno` npm packages, dev dependencies): a signed
 * call with RSA-encrypted request fields, a verified answer with fields decrypted, a tampered answer
 * refused, and a notification verified and AES-GCM-decrypted — against the mock on 127.0.0.1, the
 * client's TypeScript run as it is (Bun; Deno with --sloppy-imports for the `.js` specifiers).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startMockServer, type MockServer } from '../../mock';
import { buildNotification } from '../../mock/notify-build';
import { REPO } from './strict-app';

const run = promisify(execFile);

const SCRIPT = `import { readFileSync } from 'node:fs';
import { createClient, SignatureError } from './generated/index.js';

const input = JSON.parse(readFileSync(process.env['WXPAY_INPUT'] ?? '', 'utf8'));
const wxpay = createClient(input.options);
const sent = await wxpay.v3.gov.subsidy.qualifications.passthrough.query.post({
  json: { real_name: '张三', id_card_number: '110101199003074477', phone_number: '13800138000', qualification_region_code: 310100, identity_document_type: 'ID_DOC_TYPE_ID_CARD' },
});
const face = await wxpay.v3.facemch.users._face_sid_.get({ face_sid: 'aabbccdd12345', query: { info_type: 'ASK_REAL_NAME', appid: 'wx2b029c08a6233333' } });
let refused = 'no';
try {
  await createClient({ ...input.options, baseURL: input.tampered }).v3.facemch.users._face_sid_.get({ face_sid: 'aabbccdd12345', query: { info_type: 'ASK_REAL_NAME', appid: 'wx2b029c08a6233333' } });
} catch (e) {
  refused = e instanceof SignatureError ? e.reason : String(e);
}
const n = await wxpay.notifications.parse({ headers: input.notification.headers, body: input.notification.body });
console.log(JSON.stringify({ sentStatus: sent.status, realName: face.data.real_name_info?.encrypted_real_name, refused, event: n.event_type, data: n.data }));
`;

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
  writeFileSync(join(dir, 'main.ts'), SCRIPT);
}, 60_000);
afterAll(async () => {
  await mock?.close();
  await tampered?.close();
  rmSync(dir, { recursive: true, force: true });
});

test.each(RUNTIMES)('$name: signs, encrypts, verifies, decrypts, refuses a tampered answer, parses a notification', async ({ bin, args }) => {
  const notification = buildNotification(mock.keys, 'TRANSACTION.SUCCESS', { out_trade_no: 'T1', trade_state: 'SUCCESS' });
  const inputFile = join(dir, `input-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(inputFile, JSON.stringify({ options: mock.clientOptions(), tampered: tampered.url, notification: { headers: notification.headers, body: notification.body } }));
  const before = mock.received.length;
  const r = await run(bin, [...args], { cwd: dir, timeout: 90_000, env: { ...process.env, WXPAY_INPUT: inputFile, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, 'deno-cache') } });
  expect(JSON.parse(r.stdout.trim().split('\n').pop() ?? '')).toEqual({ sentStatus: 200, realName: '张三', refused: 'bad-signature', event: 'TRANSACTION.SUCCESS', data: { out_trade_no: 'T1', trade_state: 'SUCCESS' } });
  const got = mock.received.slice(before);
  expect(got.map((q) => q.path)).toEqual(['/v3/gov/subsidy/qualifications/passthrough/query', '/v3/facemch/users/{face_sid}']);
  expect(got[0]?.json).toMatchObject({ real_name: '张三', id_card_number: '110101199003074477', phone_number: '13800138000' });
}, 120_000);
