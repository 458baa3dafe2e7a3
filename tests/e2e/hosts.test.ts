import { createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { buildModel, generate, loadSpec } from '../../generator';
import { startMockServer } from '../../mock';
import { Router } from '../../mock/routing';

/**
 * Hosts (DESIGN.md §8), on the wire: a client generated from tests/fixtures/hosts/ sends a
 * default, an HK (`https://api.mch.weixin.qq.com/hk`) and a `/global`
 * (`https://apihk.mch.weixin.qq.com/global`) operation to two loopback servers standing in for
 * the two hosts. Each server checks the request signature itself with node:crypto over
 * `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n` as it received them (not with our code), and
 * answers signed with node:crypto. Expected hosts and paths written from the spec by hand.
 */
const SPEC = resolve(__dirname, '..', 'fixtures', 'hosts', 'wechatpay.yaml');
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUB_KEY_ID = 'PUB_KEY_ID_0100000000000000000000000000';

interface Seen {
  readonly host: 'api' | 'apihk';
  readonly method: string;
  readonly url: string;
  readonly signatureValid: boolean;
}

/** A stand-in for one WeChat Pay host: records each request, checks its signature with node:crypto, answers signed. */
function hostServer(host: Seen['host'], seen: Seen[]): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const auth = req.headers.authorization ?? '';
      const field = (k: string): string => new RegExp(`${k}="([^"]*)"`).exec(auth)?.[1] ?? '';
      const message = `${req.method ?? ''}\n${req.url ?? ''}\n${field('timestamp')}\n${field('nonce_str')}\n${body}\n`;
      const signatureValid = auth.startsWith('WECHATPAY2-SHA256-RSA2048 ') && createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, field('signature'), 'base64');
      seen.push({ host, method: req.method ?? '', url: req.url ?? '', signatureValid });
      const answer = req.method === 'POST' && req.url?.endsWith('/v3/global/refunds') ? '' : '{"ok":true}';
      const ts = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(16).toString('hex');
      const signature = createSign('RSA-SHA256').update(`${ts}\n${nonce}\n${answer}\n`).sign(platform.privateKey, 'base64');
      res.writeHead(answer === '' ? 204 : 200, {
        ...(answer === '' ? {} : { 'Content-Type': 'application/json' }),
        'Request-ID': `${host}-${seen.length}`,
        'Wechatpay-Timestamp': ts,
        'Wechatpay-Nonce': nonce,
        'Wechatpay-Signature': signature,
        'Wechatpay-Serial': PUB_KEY_ID,
      });
      res.end(answer);
    });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type Call = (args: unknown) => Promise<{ status: number; data: unknown }>;
interface Client {
  chain(key: string): Record<string, Call>;
}
let createClient: (options: Record<string, unknown>) => Client;
const work = mkdtempSync(join(tmpdir(), 'wxpay-gen-hosts-'));
const seen: Seen[] = [];
const api = hostServer('api', seen);
const apihk = hostServer('apihk', seen);
let apiUrl = '';
let apihkUrl = '';

beforeAll(async () => {
  await generate({ spec: SPEC, out: join(work, 'client'), cwd: work });
  await build({ entryPoints: [join(work, 'client', 'index.ts')], outfile: join(work, 'client.js'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
  ({ createClient } = createRequire(__filename)(join(work, 'client.js')) as { createClient: typeof createClient });
  apiUrl = await listen(api);
  apihkUrl = await listen(apihk);
}, 60_000);

afterAll(async () => {
  await Promise.all([api, apihk].map((s) => new Promise<void>((ok) => s.close(() => ok()))));
  rmSync(work, { recursive: true, force: true });
});

const keys = {
  mchid: '1900000001',
  serial: 'MERCHANT_SERIAL',
  privateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  certs: { [PUB_KEY_ID]: platform.publicKey.export({ type: 'spki', format: 'pem' }) },
};

async function callAll(client: Client): Promise<Seen[]> {
  seen.length = 0;
  await client.chain('v3/hosts/default/{id}')['get']?.({ id: 'A 1', query: { mchid: '1900000001' } });
  await client.chain('v3/transactions/app')['post']?.({ json: { out_trade_no: 'HK0001' } });
  await client.chain('v3/customs/orders')['get']?.({ query: { out_trade_no: 'G0001' } });
  await client.chain('v3/global/refunds')['post']?.({ json: { out_refund_no: 'R0001' } });
  await client.chain('v3/global/refunds')['post']?.({ json: { out_refund_no: 'R0002' }, server: 'https://apihk.mch.weixin.qq.com' });
  return [...seen];
}

describe('each operation goes to its host, its server path prefix sent and signed', () => {
  it('baseURL stands in for the default host (its /hk prefix kept), servers maps apihk', async () => {
    const client = createClient({ ...keys, baseURL: apiUrl, servers: { 'https://apihk.mch.weixin.qq.com/global': `${apihkUrl}/global`, 'https://apihk.mch.weixin.qq.com': apihkUrl } });
    expect(await callAll(client)).toEqual([
      { host: 'api', method: 'GET', url: '/v3/hosts/default/A%201?mchid=1900000001', signatureValid: true },
      { host: 'api', method: 'POST', url: '/hk/v3/transactions/app', signatureValid: true },
      { host: 'apihk', method: 'GET', url: '/global/v3/customs/orders?out_trade_no=G0001', signatureValid: true },
      { host: 'api', method: 'POST', url: '/v3/global/refunds', signatureValid: true },
      { host: 'apihk', method: 'POST', url: '/v3/global/refunds', signatureValid: true },
    ]);
  });

  it('servers alone maps every spec server (the default host too); a mapped URL may carry its own prefix', async () => {
    const client = createClient({
      ...keys,
      servers: {
        'https://api.mch.weixin.qq.com': apiUrl,
        'https://api.mch.weixin.qq.com/hk': `${apiUrl}/proxy-hk`,
        'https://apihk.mch.weixin.qq.com/global/': `${apihkUrl}/global`,
        'https://apihk.mch.weixin.qq.com': apihkUrl,
      },
    });
    expect((await callAll(client)).map((s) => `${s.host} ${s.method} ${s.url} ${s.signatureValid}`)).toEqual([
      'api GET /v3/hosts/default/A%201?mchid=1900000001 true',
      'api POST /proxy-hk/v3/transactions/app true',
      'apihk GET /global/v3/customs/orders?out_trade_no=G0001 true',
      'api POST /v3/global/refunds true',
      'apihk POST /v3/global/refunds true',
    ]);
  });

  it('a call\'s server may be any URL', async () => {
    const client = createClient({ ...keys, baseURL: apiUrl });
    seen.length = 0;
    await client.chain('v3/customs/orders')['get']?.({ query: { out_trade_no: 'G0002' }, server: `${apihkUrl}/elsewhere` });
    expect(seen).toEqual([{ host: 'apihk', method: 'GET', url: '/elsewhere/v3/customs/orders?out_trade_no=G0002', signatureValid: true }]);
  });
});

describe('the mock serves each operation at its servers\' path prefixes', () => {
  const model = buildModel(loadSpec(SPEC));

  it('routes by the full path: /hk/v3/transactions/app, not /v3/transactions/app', () => {
    const router = new Router(model.operations);
    expect(router.match('POST', '/hk/v3/transactions/app')).toMatchObject({ kind: 'found', op: { id: 'POST v3/transactions/app' } });
    expect(router.match('POST', '/v3/transactions/app')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/global/v3/customs/orders')).toMatchObject({ kind: 'found', op: { id: 'GET v3/customs/orders' } });
    expect(router.match('GET', '/v3/customs/orders')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/v3/hosts/default/x')).toMatchObject({ kind: 'found' });
    expect(router.match('POST', '/v3/global/refunds')).toMatchObject({ kind: 'found', op: { id: 'POST v3/global/refunds' } });
  });

  it('its clientOptions map every spec server to itself with the prefix, and every call verifies', async () => {
    const mock = await startMockServer({ model });
    try {
      const options = mock.clientOptions();
      expect(options.servers).toEqual({
        'https://api.mch.weixin.qq.com': mock.url,
        'https://api.mch.weixin.qq.com/hk': `${mock.url}/hk`,
        'https://apihk.mch.weixin.qq.com': mock.url,
        'https://apihk.mch.weixin.qq.com/global': `${mock.url}/global`,
      });
      const client = createClient({ ...options });
      await client.chain('v3/transactions/app')['post']?.({ json: { out_trade_no: 'HK0001' } });
      await client.chain('v3/customs/orders')['get']?.({ query: { out_trade_no: 'G0001' } });
      await client.chain('v3/global/refunds')['post']?.({ json: { out_refund_no: 'R0002' }, server: 'https://apihk.mch.weixin.qq.com' });
      expect(mock.received.map((r) => `${r.url} ${r.operation ?? ''} ${r.verdict}`)).toEqual([
        '/hk/v3/transactions/app POST v3/transactions/app ok',
        '/global/v3/customs/orders?out_trade_no=G0001 GET v3/customs/orders ok',
        '/v3/global/refunds POST v3/global/refunds ok',
      ]);
    } finally {
      await mock.close();
    }
  });
});
