/**
 * `wxpay-gen notify` (the CLI, run in-process through main) → a merchant served by nodeHandler and
 * fetchHandler on 127.0.0.1 with the keys folder's public key and APIv3 key: valid → 204, exit 0;
 * every fault → FAIL with the right reason, exit 4; --retry stops at the first success.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, type CliIO } from '../../bin/cli';
import { buildClient } from '../../templates/runtime/client';
import type { MerchantApi } from '../../templates/runtime/extras';
import type { Notification } from '../../templates/runtime/notification-types';
import type { SignatureError } from '../../templates/runtime/errors';
import { prepareKeys } from '../../mock/keys';
import { NOTIFY_FAULT_NAMES } from '../../mock/notify-build';
import { startMerchant, type Running } from './servers';

const ROOT = resolve(__dirname, '..', '..');
function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const REASON: Record<string, string> = {
  'tampered-body': 'bad-signature',
  'tampered-signature': 'bad-signature',
  'stale-timestamp': 'stale-timestamp',
  'unknown-serial': 'unknown-serial',
  signtest: 'probe',
  'wrong-apiv3-key': 'decryption',
};

describe.each(['node-handler', 'fetch-handler'] as const)('wxpay-gen notify → %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-notify-cli-'));
  const keysDir = join(dir, 'keys');
  const keys = prepareKeys(keysDir);
  const got: Notification[] = [];
  const errors: unknown[] = [];
  let failNext = 0;
  let merchant: Running;
  beforeAll(async () => {
    const client = buildClient<MerchantApi>({}, { mchid: keys.mchid, serial: keys.serial, privateKey: keys.merchantPrivateKey, certs: { [keys.publicKeyId]: keys.wechatpayPublicKey }, apiV3Key: keys.apiV3Key });
    merchant = await startMerchant(kind, client.notifications, (n) => {
      if (failNext-- > 0) throw new Error('busy');
      got.push(n);
    }, { onError: (e) => errors.push(e) });
  });
  afterAll(async () => {
    await merchant.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    got.length = 0;
    errors.length = 0;
    failNext = 0;
  });
  const run = async (...args: string[]): Promise<{ code: number; out: string }> => {
    const io = capture();
    const code = await main(['notify', merchant.url, '--keys', keysDir, '--spec', join(ROOT, 'specs', 'wechatpay.yaml'), ...args], io);
    return { code, out: [...io.stdout, ...io.stderr].join('\n') };
  };

  test('TRANSACTION.SUCCESS from the spec: 204, exit 0, the callback has typed data built from the spec', async () => {
    const r = await run('--event', 'TRANSACTION.SUCCESS');
    expect(r.out).toMatch(/attempt 1: 204 {2}\[success\]/);
    expect(r.code).toBe(0);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'transaction' } });
    expect(got[0]?.create_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(got[0]?.resource.nonce).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(got[0]?.data).toMatchObject({ amount: expect.any(Object) });
  });

  test('--data gives the payload', async () => {
    const file = join(dir, 'refund.json');
    writeFileSync(file, JSON.stringify({ out_refund_no: 'R1', refund_status: 'SUCCESS' }));
    expect((await run('--event', 'REFUND.SUCCESS', '--data', file)).code).toBe(0);
    expect(got[0]?.data).toEqual({ out_refund_no: 'R1', refund_status: 'SUCCESS' });
  });

  test.each(NOTIFY_FAULT_NAMES)('--fault %s: FAIL with the right reason, exit 4', async (fault) => {
    const r = await run('--event', 'TRANSACTION.SUCCESS', '--fault', fault);
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/attempt 1: 401 \{"code":"FAIL".*\[documented failure answer\]/);
    expect(got).toEqual([]);
    const e = errors[0] as SignatureError;
    expect(REASON[fault] === 'decryption' ? e.code : e.reason).toBe(REASON[fault]);
  });

  test('--retry (scaled to 0): a throwing callback makes it retry; it stops at the first success', async () => {
    failNext = 2;
    const r = await run('--event', 'TRANSACTION.SUCCESS', '--retry', '--retry-scale', '0');
    expect(r.code).toBe(0);
    expect(r.out.match(/attempt \d: (\d+)/g)).toEqual(['attempt 1: 500', 'attempt 2: 500', 'attempt 3: 204']);
    expect(got).toHaveLength(1);
  });
});

describe('mock.notify (the library sender on the mock server object)', () => {
  test('posts a spec-built TRANSACTION.SUCCESS to a nodeHandler and resolves with every attempt', async () => {
    const { startMockServer } = await import('../../mock');
    const server = await startMockServer({ keys: {}, spec: join(ROOT, 'specs', 'wechatpay.yaml') });
    const got: Notification[] = [];
    const client = buildClient<MerchantApi>({}, server.clientOptions());
    const merchant = await startMerchant('node-handler', client.notifications, (n) => void got.push(n));
    try {
      const r = await server.notify(merchant.url, 'TRANSACTION.SUCCESS', undefined, { retry: true, retryScale: 0 });
      expect(r.attempts.map((a) => a.status)).toEqual([204]);
      expect(got[0]?.event_type).toBe('TRANSACTION.SUCCESS');
    } finally {
      await merchant.close();
      await server.close();
    }
  });
});
