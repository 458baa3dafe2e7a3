/** `wxpay-gen certs` in process against the mock (certificates mode): writes <serial>.pem only for an answer that verifies. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { runCerts } from '../../bin/commands/certs';
import { startMockServer, type MockServer } from '../../mock';
import { GO_CERT_D7CE } from '../runtime/vectors';

let server: MockServer;
let dir: string;
const lines: string[] = [];
const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };

beforeAll(async () => {
  server = await startMockServer({ keys: {}, platformCertificates: true });
  dir = mkdtempSync(join(tmpdir(), 'wxpay-certs-'));
  writeFileSync(join(dir, 'key.pem'), server.keys.merchantPrivateKey);
  writeFileSync(join(dir, 'apiv3.key'), `${server.keys.apiV3Key}\n`);
  writeFileSync(join(dir, 'wrong.key'), 'x'.repeat(32));
  writeFileSync(join(dir, 'other.pem'), GO_CERT_D7CE.pem);
  writeFileSync(join(dir, 'pinned.pem'), server.certificates()[0]!.pem);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  lines.length = 0;
});

const flags = (extra: Record<string, string> = {}) => ({
  mchid: server.keys.mchid, serial: server.keys.serial, privateKey: join(dir, 'key.pem'), apiv3Key: join(dir, 'apiv3.key'),
  baseUrl: server.url, timeout: '5000', out: join(dir, 'out'), ...extra,
});

describe('wxpay-gen certs', () => {
  it('writes <serial>.pem for each certificate and prints serials and validity (trust on first use)', async () => {
    expect(await runCerts(flags(), io)).toBe(0);
    const serial = server.certificates()[0]!.serial;
    expect(readdirSync(join(dir, 'out'))).toEqual([`${serial}.pem`]);
    expect(new X509Certificate(readFileSync(join(dir, 'out', `${serial}.pem`))).serialNumber.toUpperCase()).toBe(serial);
    expect(lines.join('\n')).toMatch(new RegExp(`^${serial}  \\d{4}-\\d\\d-\\d\\dT.* … \\d{4}-`, 'm'));
    expect(lines.join('\n')).toContain('trust on first use');
    expect(lines.join('\n')).not.toContain(server.keys.apiV3Key);
  });

  it('verifies with --wechatpay-cert when given', async () => {
    expect(await runCerts(flags({ wechatpayCert: join(dir, 'pinned.pem'), out: join(dir, 'pinned-out') }), io)).toBe(0);
    expect(readdirSync(join(dir, 'pinned-out'))).toHaveLength(1);
  });

  it('writes nothing when the answer does not decrypt or verify', async () => {
    expect(await runCerts(flags({ apiv3Key: join(dir, 'wrong.key'), out: join(dir, 'bad1') }), io)).toBe(1);
    expect(await runCerts(flags({ wechatpayCert: join(dir, 'other.pem'), out: join(dir, 'bad2') }), io)).toBe(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad'))).toEqual([]);
    expect(lines.filter((l) => l.includes('nothing was written'))).toHaveLength(2);
    for (const l of lines) expect(l).not.toContain('x'.repeat(32));
  });

  it('usage errors: a missing key file', async () => {
    expect(await runCerts(flags({ privateKey: join(dir, 'nope.pem') }), io)).toBe(2);
  });
});
