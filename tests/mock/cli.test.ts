import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerMockCommand } from '../../bin/commands/mock';
import { KEY_FILES, type MockServer } from '../../mock';
import { signed } from './helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wxpay-mock-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(onStarted: (server: MockServer, stop: () => void) => Promise<void> | void): { run: (argv: string[]) => Promise<number>; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  let stop: () => void = () => undefined;
  const stopped = new Promise<string>((resolve) => { stop = () => resolve('test'); });
  const exit = { code: -1 };
  const program = new Command('wxpay-gen').exitOverride();
  registerMockCommand(program, { out: (l) => out.push(l), err: (l) => err.push(l) }, exit, {
    stop: () => stopped,
    started: (server) => void Promise.resolve(onStarted(server, stop)).catch(stop),
  });
  for (const c of program.commands) c.exitOverride();
  return {
    out,
    err,
    run: async (argv) => {
      await program.parseAsync(argv, { from: 'user' });
      return exit.code;
    },
  };
}

test('prints the URL, the keys folder and client options without any key text; logs each request; stops cleanly', async () => {
  let url = '';
  const cli = setup(async (server, stop) => {
    url = server.url;
    const k = server.keys;
    await signed(server.url, { mchid: k.mchid, serial: k.serial, privateKey: k.merchantPrivateKey }, 'GET', '/v3/facemch/users/s1?info_type=ASK_UNIONID&appid=wx1');
    stop();
  });
  expect(await cli.run(['mock', '--keys', dir, '--port', '0'])).toBe(0);
  expect(cli.err).toEqual([]);
  expect(cli.out[0]).toBe(`wxpay-gen mock: serving specs/wechatpay.yaml at ${url}`);
  expect(cli.out[1]).toMatch(new RegExp(`^keys: ${dir} \\(made .*${KEY_FILES.merchantPrivateKey}`));
  expect(cli.out).toContain(`    privateKey: readFileSync(${JSON.stringify(join(dir, KEY_FILES.merchantPrivateKey))}),`);
  expect(cli.out).toContain(`    apiV3Key: readFileSync(${JSON.stringify(join(dir, KEY_FILES.apiV3Key))}, 'utf8').trim(),`);
  expect(cli.out.join('\n')).not.toContain(readFileSync(join(dir, KEY_FILES.apiV3Key), 'utf8').trim());
  expect(cli.out).toContain(`    baseURL: '${url}',`);
  expect(cli.out).toContain('GET /v3/facemch/users/{face_sid} 200 ok');
  expect(cli.out.at(-1)).toBe('wxpay-gen mock: stopped (test) after 1 request');
  expect(cli.out.join('\n')).not.toMatch(/BEGIN|PRIVATE KEY-/);
});

test('a server-wide --fault applies to accepted requests', async () => {
  let status = 0;
  const cli = setup(async (server, stop) => {
    const k = server.keys;
    status = (await signed(server.url, { mchid: k.mchid, serial: k.serial, privateKey: k.merchantPrivateKey }, 'GET', '/v3/facemch/users/s1?info_type=ASK_UNIONID&appid=wx1')).status;
    stop();
  });
  expect(await cli.run(['mock', '--keys', dir, '--fault', 'server-error=503'])).toBe(0);
  expect(status).toBe(503);
  expect(cli.out.find((l) => l.startsWith('GET '))).toBe('GET /v3/facemch/users/{face_sid} 503 ok [fault server-error]');
});

test('a broken key file is exit 2 with the file named', async () => {
  writeFileSync(join(dir, KEY_FILES.wechatpayPrivateKey), 'nope');
  const cli = setup(() => undefined);
  expect(await cli.run(['mock', '--keys', dir])).toBe(2);
  expect(cli.err).toEqual([`wxpay-gen mock: WeChat Pay key in ${dir}: wechatpay_key.pem is not a PEM private key`]);
});

test('a spec with errors is exit 1 with located problems', async () => {
  writeFileSync(join(dir, 'bad.yaml'), 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: 3\n');
  const cli = setup(() => undefined);
  expect(await cli.run(['mock', '--spec', join(dir, 'bad.yaml'), '--keys', dir])).toBe(1);
  expect(cli.err.at(-1)).toBe('wxpay-gen mock: 1 problem in the spec');
});

test.each([
  [['mock', '--port', '70000'], /--port.*0 \(any free port\) to 65535/],
  [['mock', '--fault', 'explode'], /unknown fault "explode"/],
])('%j is a usage error', async (argv, message) => {
  const cli = setup(() => undefined);
  await expect(cli.run(argv)).rejects.toThrow(message);
});
