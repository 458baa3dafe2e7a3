/**
 * What `mock.notify` / `wxpay-gen notify` sends is judged by an implementation that is not ours:
 * wechatpay-axios-plugin's `Rsa.verify` and `Aes.AesGcm.decrypt` (the crypto), with the acceptance
 * rules of the official SDKs written out by hand (wechatpay-go core/notify + core/auth/validators:
 * the four Wechatpay-* headers present, |now − timestamp| < 5 minutes, the serial's key, the
 * signature over `timestamp\nnonce\nbody\n`; wechatpay-java NotificationParser: signature type
 * WECHATPAY2-SHA256-RSA2048 when given, algorithm AEAD_AES_256_GCM). Our sender's notifications
 * must pass that judge, every fault must fail it, and `notifications.parse` must agree with it on
 * every one.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
// The plugin ships CommonJS without types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Rsa, Aes, Formatter } = require('wechatpay-axios-plugin') as {
  Rsa: { verify(message: string, signature: string, key: string): boolean };
  Aes: { AesGcm: { decrypt(ciphertext: string, key: string, iv: string, aad?: string): string } };
  Formatter: { response(timestamp: string, nonce: string, body: string): string };
};
import { NOTIFY_FAULT_NAMES } from '../../mock/notify-build';
import { sendNotification } from '../../mock/notify';
import { client, keys, notification, TRANSACTION } from './support';

type Verdict = { ok: true; data: unknown } | { ok: false; why: string };

/** The official SDKs' rules over the plugin's crypto. */
function judge(headers: Readonly<Record<string, string | undefined>>, body: string, nowMs = Date.now()): Verdict {
  const k = keys();
  const h = (name: string): string | undefined => headers[name.toLowerCase()] ?? headers[name];
  const serial = h('Wechatpay-Serial');
  const signature = h('Wechatpay-Signature');
  const timestamp = h('Wechatpay-Timestamp');
  const nonce = h('Wechatpay-Nonce');
  if (!serial || !signature || !timestamp || !nonce) return { ok: false, why: 'header missing' };
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) >= 300) return { ok: false, why: 'timestamp' };
  const type = h('Wechatpay-Signature-Type');
  if (type !== undefined && type !== 'WECHATPAY2-SHA256-RSA2048') return { ok: false, why: 'signature type' };
  if (serial !== k.publicKeyId) return { ok: false, why: 'unknown serial' };
  if (!Rsa.verify(Formatter.response(timestamp, nonce, body), signature, k.wechatpayPublicKey)) return { ok: false, why: 'signature' };
  const resource = (JSON.parse(body) as { resource: { algorithm: string; ciphertext: string; nonce: string; associated_data?: string } }).resource;
  if (resource.algorithm !== 'AEAD_AES_256_GCM') return { ok: false, why: 'algorithm' };
  try {
    return { ok: true, data: JSON.parse(Aes.AesGcm.decrypt(resource.ciphertext, k.apiV3Key, resource.nonce, resource.associated_data ?? '')) };
  } catch {
    return { ok: false, why: 'decrypt' };
  }
}

async function ours(headers: Readonly<Record<string, string>>, body: string): Promise<Verdict> {
  try {
    const n = (await client().notifications.parse({ headers, body })) as { data: unknown };
    return { ok: true, data: n.data };
  } catch (e) {
    return { ok: false, why: (e as Error).name };
  }
}

/** Receives notifications over real HTTP on 127.0.0.1 and keeps each one's raw headers and body. */
async function receiver(): Promise<{ url: string; got: { headers: IncomingHttpHeaders; body: string }[]; close(): Promise<void> }> {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
  return { url, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('the sender, judged by wechatpay-axios-plugin and the official SDKs’ rules', () => {
  test('two notifications sent over HTTP pass the judge, as WeChat Pay sends them', async () => {
    const r = await receiver();
    try {
      for (let i = 0; i < 2; i++) {
        const result = await sendNotification(r.url, keys(), undefined, 'TRANSACTION.SUCCESS', TRANSACTION);
        expect(result.attempts.at(-1)?.status).toBe(204);
      }
      expect(r.got).toHaveLength(2);
      const flat = r.got.map((g) => ({ body: g.body, headers: Object.fromEntries(Object.entries(g.headers).map(([k, v]) => [k, String(v)])) }));
      for (const { headers, body } of flat) {
        expect(judge(headers, body)).toEqual({ ok: true, data: TRANSACTION });
        expect(headers['wechatpay-serial']).toBe(keys().publicKeyId);
        expect(headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
        expect(headers['wechatpay-nonce']).toMatch(/^\S+$/);
        expect(headers['request-id']).toMatch(/\S/);
        const n = JSON.parse(body) as { id: string; create_time: string; event_type: string; resource_type: string; resource: { nonce: string; original_type: string } };
        expect(n.create_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
        expect(n.resource.nonce).toMatch(/^[A-Za-z0-9]{12}$/);
        expect(n.event_type).toBe('TRANSACTION.SUCCESS');
        expect(n.resource_type).toBe('encrypt-resource');
        await expect(ours(headers, body)).resolves.toEqual({ ok: true, data: TRANSACTION });
      }
      const ids = flat.map((f) => (JSON.parse(f.body) as { id: string }).id);
      expect(new Set(ids).size).toBe(2);
    } finally {
      await r.close();
    }
  });

  test.each([...NOTIFY_FAULT_NAMES])('fault %s: the judge refuses it, and so does notifications.parse', async (fault) => {
    const built = notification('TRANSACTION.SUCCESS', TRANSACTION, { fault });
    const verdict = judge(built.headers, built.body);
    expect(verdict.ok).toBe(false);
    expect((await ours(built.headers, built.body)).ok).toBe(false);
  });

  test('edge cases: accepted or refused by both alike', async () => {
    const base = notification('REFUND.SUCCESS', { out_refund_no: 'r1', refund_status: 'SUCCESS' });
    const without = (name: string): Record<string, string> => Object.fromEntries(Object.entries(base.headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase()));
    const cases: [string, Record<string, string>, string][] = [
      ['as sent', { ...base.headers }, base.body],
      ['no Wechatpay-Signature-Type (the Go SDK does not need it)', without('Wechatpay-Signature-Type'), base.body],
      ['no Wechatpay-Nonce', without('Wechatpay-Nonce'), base.body],
      ['no Wechatpay-Timestamp', without('Wechatpay-Timestamp'), base.body],
      ['another signature type', { ...base.headers, 'Wechatpay-Signature-Type': 'WECHATPAY2-SM2-WITH-SM3' }, base.body],
      ['a trailing newline added to the body', { ...base.headers }, `${base.body}\n`],
      ['the body re-serialised with spaces', { ...base.headers }, JSON.stringify(JSON.parse(base.body), null, 1)],
      ...([-310, -290, 290, 310] as const).map((s): [string, Record<string, string>, string] => {
        const n = notification('REFUND.SUCCESS', { out_refund_no: 'r1' }, { now: Date.now() + s * 1000 });
        return [`signed ${s} s from now`, { ...n.headers }, n.body];
      }),
      ['no associated_data (decrypted with empty aad)', ...((): [Record<string, string>, string] => {
        const n = notification('REFUND.SUCCESS', { out_refund_no: 'r1' }, { associatedData: null });
        return [{ ...n.headers }, n.body];
      })()],
    ];
    const seen: string[] = [];
    for (const [name, headers, body] of cases) {
      const j = judge(headers, body);
      const o = await ours(headers, body);
      expect([name, o.ok]).toEqual([name, j.ok]);
      seen.push(`${name}: ${j.ok ? 'accepted' : 'refused'}`);
    }
    expect(seen).toEqual([
      'as sent: accepted',
      'no Wechatpay-Signature-Type (the Go SDK does not need it): accepted',
      'no Wechatpay-Nonce: refused',
      'no Wechatpay-Timestamp: refused',
      'another signature type: refused',
      'a trailing newline added to the body: refused',
      'the body re-serialised with spaces: refused',
      'signed -310 s from now: refused',
      'signed -290 s from now: accepted',
      'signed 290 s from now: accepted',
      'signed 310 s from now: refused',
      'no associated_data (decrypted with empty aad): accepted',
    ]);
  });
});
