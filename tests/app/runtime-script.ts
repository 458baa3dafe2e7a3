/**
 * What the tests run on Bun, Deno and a newer Node (its own type stripping): the generated client's
 * TypeScript as it is, against the mock on 127.0.0.1. The script makes a signed call with RSA-encrypted
 * request fields, a verified call with fields decrypted, a call to a tampered mock (refused), parses a
 * notification; then serves the client's notification handlers — `fetchHandler` with the runtime's own
 * server (Bun.serve, Deno.serve) where there is one, and `nodeHandler` under node:http — and prints one
 * JSON line with their URLs. The test (Node) sends them notifications with the mock's sender and then
 * GETs /done; the script prints what its callbacks received and exits.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MockServer } from '../../mock';
import { buildNotification, deliverNotification, type NotifyAttempt } from '../../mock';

/** The script, importing the client from `index` (`./generated/index.js` or `./generated/index.ts`). */
export function runtimeScript(index: string): string {
  return `import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createClient, SignatureError } from '${index}';

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
const calls = { sentStatus: sent.status, realName: face.data.real_name_info?.encrypted_real_name, refused, event: n.event_type, data: n.data };

const received = [];
const record = (via) => (note) => { received.push({ via, event: note.event_type, data: note.data }); };
const g = globalThis;
let fetchUrl = null;
let stopFetch = async () => {};
const onFetch = wxpay.notifications.fetchHandler(record('fetch'));
if (g.Bun) {
  const s = g.Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: onFetch });
  fetchUrl = 'http://127.0.0.1:' + s.port + '/notify';
  stopFetch = async () => { s.stop(true); };
} else if (g.Deno) {
  const s = g.Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, onFetch);
  fetchUrl = 'http://127.0.0.1:' + s.addr.port + '/notify';
  stopFetch = () => s.shutdown();
}
const onNode = wxpay.notifications.nodeHandler(record('node'));
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/done') {
    res.end('bye', async () => {
      console.log(JSON.stringify({ received }));
      server.close();
      await stopFetch();
      process.exit(0);
    });
    return;
  }
  void onNode(req, res);
});
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ calls, fetchUrl, nodeUrl: 'http://127.0.0.1:' + server.address().port + '/notify' }));
});
setTimeout(() => { console.error('no /done within 60 s'); process.exit(3); }, 60_000).unref?.();
`;
}

/** The calls' outcome every runtime must print (written by hand from the mock's fixtures and the request). */
/** A payment notification's payload with the fields generated/'s TRANSACTION.SUCCESS requires (specs/overrides/webhooks/TRANSACTION.SUCCESS.yaml). */
export function paid(outTradeNo: string): Record<string, unknown> {
  return { appid: 'wxd678efh567hg6787', out_trade_no: outTradeNo, transaction_id: '4200000001201407033233368018', trade_state: 'SUCCESS', success_time: '2018-06-08T10:34:56+08:00', amount: { total: 100, payer_total: 100 } };
}

export const EXPECTED_CALLS = { sentStatus: 200, realName: '张三', refused: 'bad-signature', event: 'TRANSACTION.SUCCESS', data: paid('T1') };

export interface HandlerRound {
  readonly calls: unknown;
  /** Per handler (`fetch`, `node`): the sender's view of a valid and of a tampered-signature notification. */
  readonly answers: Readonly<Record<string, { readonly valid: NotifyAttempt | undefined; readonly tampered: NotifyAttempt | undefined }>>;
  readonly received: readonly unknown[];
  readonly stderr: string;
}

/**
 * Runs the script (already written as `dir/main.ts`) with `bin args`, then, from this process, sends each
 * handler it serves one valid TRANSACTION.SUCCESS and one with a tampered signature, and collects what
 * the callbacks got. Loopback only; the child is killed after `timeoutMs`.
 */
export async function runHandlerRound(bin: string, args: readonly string[], dir: string, mock: MockServer, tampered: MockServer, env: Readonly<Record<string, string>>, timeoutMs = 90_000): Promise<HandlerRound> {
  const notification = buildNotification(mock.keys, 'TRANSACTION.SUCCESS', paid('T1'));
  const inputFile = join(dir, `input-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(inputFile, JSON.stringify({ options: mock.clientOptions(), tampered: tampered.url, notification: { headers: notification.headers, body: notification.body } }));
  const child = spawn(bin, [...args], { cwd: dir, env: { ...process.env, ...env, WXPAY_INPUT: inputFile, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const lines: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    let at: number;
    while ((at = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, at);
      stdout = stdout.slice(at + 1);
      if (line.startsWith('{')) {
        if (waiting) { const w = waiting; waiting = undefined; w(line); } else lines.push(line);
      }
    }
  });
  void exited.then(() => { if (waiting) waiting(undefined); });
  const nextLine = (): Promise<string | undefined> => (lines.length > 0 ? Promise.resolve(lines.shift()) : new Promise((done) => { waiting = done; }));
  try {
    const first = await nextLine();
    if (first === undefined) throw new Error(`the script ended early:\n${stderr}`);
    const { calls, fetchUrl, nodeUrl } = JSON.parse(first) as { calls: unknown; fetchUrl: string | null; nodeUrl: string };
    const answers: Record<string, { valid: NotifyAttempt | undefined; tampered: NotifyAttempt | undefined }> = {};
    for (const [via, url] of [['fetch', fetchUrl], ['node', nodeUrl]] as const) {
      if (url === null) continue;
      const valid = await deliverNotification(url, buildNotification(mock.keys, 'TRANSACTION.SUCCESS', paid(`T-${via}`)), mock.keys, { timeoutMs: 10_000 });
      const forged = await deliverNotification(url, buildNotification(mock.keys, 'TRANSACTION.SUCCESS', paid(`F-${via}`), { fault: 'tampered-signature' }), mock.keys, { timeoutMs: 10_000 });
      answers[via] = { valid: valid.attempts[0], tampered: forged.attempts[0] };
    }
    await fetch(nodeUrl.replace(/\/notify$/, '/done'));
    const last = await nextLine();
    await exited;
    return { calls, answers, received: last === undefined ? [] : (JSON.parse(last) as { received: unknown[] }).received, stderr };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
