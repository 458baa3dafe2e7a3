import { request } from 'node:http';
import { DecryptionError, SignatureError } from '../../templates/runtime/errors';
import type { Notification } from '../../templates/runtime/notification-types';
import { NOTIFY_FAULT_NAMES } from '../../mock/notify-build';
import { deliverNotification } from '../../mock/notify-send';
import { SERVER_KINDS, startMerchant, type Running, type ServerKind } from './servers';
import { client, dump, keys, notification, TRANSACTION } from './support';

const REASONS: Record<(typeof NOTIFY_FAULT_NAMES)[number], string> = {
  'tampered-body': 'bad-signature',
  'tampered-signature': 'bad-signature',
  'stale-timestamp': 'stale-timestamp',
  'unknown-serial': 'unknown-serial',
  signtest: 'probe',
  'wrong-apiv3-key': 'decryption',
};

describe.each(SERVER_KINDS)('%s', (kind: ServerKind) => {
  let merchant: Running;
  const got: Notification[] = [];
  const errors: unknown[] = [];
  let failNext = 0;

  beforeAll(async () => {
    merchant = await startMerchant(
      kind,
      client().notifications,
      async (n) => {
        if (failNext > 0) {
          failNext--;
          throw new Error(`database down for ${TRANSACTION.out_trade_no}`);
        }
        got.push(n);
      },
      { onError: (e) => errors.push(e), limit: 64 * 1024 },
    );
  });
  afterAll(() => merchant.close());
  beforeEach(() => {
    got.length = 0;
    errors.length = 0;
    failNext = 0;
  });

  test('a valid notification: the callback gets the decrypted data, the sender sees 204', async () => {
    const n = notification();
    const r = await deliverNotification(merchant.url, n, keys());
    expect(r.delivered).toBe(true);
    expect(r.attempts).toHaveLength(1);
    expect(r.attempts[0]).toMatchObject({ status: 204, body: '', success: true, valid: true });
    expect(got).toHaveLength(1);
    expect(got[0]?.id).toBe(n.id);
    expect(got[0]?.data).toEqual(TRANSACTION);
    expect(errors).toEqual([]);
  });

  test.each(NOTIFY_FAULT_NAMES)('fault %s: refused with the right reason, answered FAIL (401)', async (fault) => {
    const r = await deliverNotification(merchant.url, notification('TRANSACTION.SUCCESS', TRANSACTION, { fault }), keys());
    expect(r.delivered).toBe(false);
    const a = r.attempts[0];
    expect(a).toMatchObject({ status: 401, success: false, valid: true });
    expect(JSON.parse(a?.body ?? '')).toMatchObject({ code: 'FAIL' });
    expect(got).toEqual([]);
    expect(errors).toHaveLength(1);
    const e = errors[0];
    if (REASONS[fault] === 'decryption') expect(e).toBeInstanceOf(DecryptionError);
    else expect((e as SignatureError).reason).toBe(REASONS[fault]);
    expect(a?.body).not.toContain(keys().apiV3Key);
    expect(dump(e)).not.toContain(keys().apiV3Key);
  });

  test('a callback that throws: 500 FAIL without its message, and the sender retries until the first success', async () => {
    failNext = 2;
    const r = await deliverNotification(merchant.url, notification(), keys(), { retry: true, retryScale: 0 });
    expect(r.attempts.map((a) => a.status)).toEqual([500, 500, 204]);
    expect(r.delivered).toBe(true);
    expect(r.attempts[0]?.body).toBe(JSON.stringify({ code: 'FAIL', message: 'the merchant handler failed; please retry' }));
    expect(got).toHaveLength(1);
    expect(errors.map((e) => (e as Error).message)).toEqual([expect.stringContaining('database down'), expect.stringContaining('database down')]);
  });

  test('retries of a refused notification stop at maxAttempts', async () => {
    const r = await deliverNotification(merchant.url, notification('TRANSACTION.SUCCESS', TRANSACTION, { fault: 'tampered-signature' }), keys(), { retry: true, retryScale: 0, maxAttempts: 3 });
    expect(r.attempts.map((a) => a.status)).toEqual([401, 401, 401]);
    expect(r.delivered).toBe(false);
  });

  test('a body over the limit (declared by Content-Length) is refused with 413, the callback never runs', async () => {
    const r = await deliverNotification(merchant.url, notification('TRANSACTION.SUCCESS', { pad: 'x'.repeat(100 * 1024) }), keys());
    expect(r.attempts[0]?.status).toBe(413);
    expect(got).toEqual([]);
  });

  if (kind !== 'express-raw') {
    test('a chunked body over the limit is refused with 413 once the limit is passed', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(merchant.url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        let sent = 0;
        const pump = (): void => {
          // bounded: at most 1 MiB, far past the 64 KiB limit; stops as soon as the answer is in
          while (sent < 64 && req.write(chunk)) sent++;
          if (sent < 64) req.once('drain', () => {
            sent++;
            pump();
          });
          else req.end();
        };
        pump();
      });
      expect(status).toBe(413);
      expect(got).toEqual([]);
    });
  }

  test('GET is answered 405 FAIL', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      request(merchant.url, { method: 'GET', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(kind === 'express' || kind === 'express-raw' || kind === 'hono' ? 404 : 405);
  });
});

describe('Express with express.json() mounted first', () => {
  test('the body is gone: 500 FAIL (WeChat Pay retries) and a ConfigError saying how to mount the handler', async () => {
    const express = (await import('express')).default;
    const { createServer } = await import('node:http');
    const errors: unknown[] = [];
    const app = express();
    app.use(express.json());
    app.post('/notify', client().notifications.nodeHandler(() => undefined, { onError: (e) => errors.push(e) }));
    const server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      const r = await deliverNotification(`http://127.0.0.1:${port}/notify`, notification(), keys());
      expect(r.attempts[0]).toMatchObject({ status: 500, valid: true });
      expect((errors[0] as Error).message).toMatch(/mount nodeHandler before express\.json\(\)/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('a callback that resolves an object (the few events whose page documents an answer with data)', () => {
  test.each(['node-handler', 'fetch-handler'] as const)('%s answers 200 with it as JSON', async (kind) => {
    const m = await startMerchant(kind, client().notifications, () => ({ mch_info: { name: 'shop' } }));
    try {
      const r = await deliverNotification(m.url, notification('CROSS_BORDER_PAY.GET_MCH_INFO', { a: 1 }), keys());
      expect(r.attempts[0]).toMatchObject({ status: 200, success: true, body: '{"mch_info":{"name":"shop"}}' });
    } finally {
      await m.close();
    }
  });
});
