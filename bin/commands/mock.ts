import { join, relative, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_HOST, FAULT_NAMES, KEY_FILES, startMockServer, type Fault, type MockServer } from '../../mock';
import { parseFaultHeader } from '../../mock/faults';
import { exitCodesHelp } from '../exit';
import { reportFailure, UsageError } from '../failure';
import { EXIT, type CliIO, type ExitBox } from '../io';
import { loadSettings, needsInit } from '../settings';

interface MockFlags {
  spec: string;
  port: number;
  host: string;
  keys?: string;
  fault?: Fault;
}

type GivenFlags = Partial<MockFlags>;

export interface MockCommandHooks {
  /** Resolves when the server should stop; default: the first SIGINT or SIGTERM. */
  readonly stop?: () => Promise<unknown>;
  /** Called once the server listens (tests use it to reach the server). */
  readonly started?: (server: MockServer) => void;
}

function portArg(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new InvalidArgumentError('must be a whole number from 0 (any free port) to 65535');
  return n;
}

function faultArg(text: string): Fault {
  const f = parseFaultHeader(text);
  if (typeof f === 'string') throw new InvalidArgumentError(f);
  return f;
}

export function registerMockCommand(program: Command, io: CliIO, exit: ExitBox = { code: EXIT.ok }, hooks: MockCommandHooks = {}): void {
  program
    .command('mock')
    .description('serve the specs on 127.0.0.1 as WeChat Pay would: signature checks, validation, field decryption, signed example answers')
    .option('-s, --spec <root.yaml>', 'root OpenAPI document (default: "spec" of wxpay-gen.config.json, else specs/wechatpay.yaml)')
    .option('-p, --port <n>', 'port (0: any free port; default: "mock.port" of the config, else 0)', portArg)
    .option('--host <address>', `address to listen on (default: "mock.host" of the config, else ${DEFAULT_HOST})`)
    .option('-k, --keys <dir>', 'keys folder: missing keys and mock.json are made there (default: a new temporary folder)')
    .option('--fault <name[=n]>', `misbehave on every accepted request: ${FAULT_NAMES.join(', ')}`, faultArg)
    .addHelpText('after', `
The keys folder holds ${KEY_FILES.merchantPrivateKey} (merchant private key), ${KEY_FILES.merchantPublicKey},
${KEY_FILES.wechatpayPrivateKey} (the simulated WeChat Pay private key), ${KEY_FILES.wechatpayPublicKey} and ${KEY_FILES.config}
({ "mchid", "serial", "publicKeyId" }). Files already there are used as they are.

A single request can ask for a fault with the header  X-Mock-Fault: <name>[=n]
(slow=<ms>, server-error=<5xx>).

Examples:
  $ npx wxpay-gen mock                          any free port, fresh keys in a temporary folder
  $ npx wxpay-gen mock --port 8080 --keys .mock-keys
  $ npx wxpay-gen mock --fault slow=40000        every answer after 40 s

Stops on Ctrl-C.

${exitCodesHelp([
    [0, 'stopped (Ctrl-C, SIGTERM)'],
    [1, 'the spec has errors: each printed as  file:line:col  <json pointer>  <what is wrong>'],
    [2, 'usage error: bad option value, unusable keys folder, address in use'],
  ])}`)
    .action(async (given: GivenFlags) => {
      const flags = mockFlags(given, io);
      exit.code = typeof flags === 'number' ? flags : await runMock(flags, io, hooks);
    });
}

/** Flags over the config's "mock" section over the defaults. */
function mockFlags(given: GivenFlags, io: CliIO): MockFlags | number {
  const settings = loadSettings(given, io, 'mock');
  if (typeof settings === 'number') return settings;
  if (needsInit(settings, io, 'mock')) return EXIT.usage;
  const { config, dir } = settings.found;
  const m = config.mock ?? {};
  let fault = given.fault;
  if (fault === undefined && m.fault !== undefined) {
    const parsed = parseFaultHeader(m.fault);
    if (typeof parsed === 'string') {
      io.err(`wxpay-gen mock: "mock.fault" of wxpay-gen.config.json: ${parsed}`);
      return EXIT.usage;
    }
    fault = parsed;
  }
  const keys = given.keys ?? (m.keys !== undefined ? relative(process.cwd(), resolve(dir, m.keys)) || '.' : undefined);
  return {
    spec: relative(process.cwd(), resolve(settings.cwd, settings.spec)) || settings.spec,
    port: given.port ?? m.port ?? 0,
    host: given.host ?? m.host ?? DEFAULT_HOST,
    ...(keys !== undefined ? { keys } : {}),
    ...(fault !== undefined ? { fault } : {}),
  };
}

async function runMock(flags: MockFlags, io: CliIO, hooks: MockCommandHooks): Promise<number> {
  let server: MockServer;
  try {
    server = await startMockServer({
      spec: flags.spec,
      port: flags.port,
      host: flags.host,
      ...(flags.keys !== undefined ? { keys: flags.keys } : {}),
      ...(flags.fault ? { faults: flags.fault } : {}),
      log: (line) => io.out(line),
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const listen = code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL';
    return reportFailure(listen ? new UsageError(`cannot listen on ${flags.host}:${flags.port} (${code})`) : e, io, 'wxpay-gen mock');
  }
  // listening for Ctrl-C before the banner says it stops the server, so a Ctrl-C right after it does
  const stopped = hooks.stop ? hooks.stop() : untilSignal();
  for (const line of banner(server, flags)) io.out(line);
  hooks.started?.(server);
  const signal = await stopped;
  await server.close();
  io.out(`wxpay-gen mock: stopped${typeof signal === 'string' ? ` (${signal})` : ''} after ${server.received.length} request${server.received.length === 1 ? '' : 's'}`);
  return EXIT.ok;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (s: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function banner(server: MockServer, flags: MockFlags): string[] {
  const k = server.keys;
  const dir = k.dir ?? '.';
  const file = (name: string): string => JSON.stringify(join(dir, name));
  return [
    `wxpay-gen mock: serving ${flags.spec} at ${server.url}`,
    `keys: ${dir}${k.written.length > 0 ? ` (made ${k.written.join(', ')})` : ' (used as found)'}`,
    `merchant ${k.mchid}, certificate serial ${k.serial}; answers signed as ${k.publicKeyId}`,
    '',
    'talk to it with:',
    `  import { readFileSync } from 'node:fs';`,
    `  const wxpay = createClient({`,
    `    mchid: '${k.mchid}',`,
    `    serial: '${k.serial}',`,
    `    privateKey: readFileSync(${file(KEY_FILES.merchantPrivateKey)}),`,
    `    certs: { '${k.publicKeyId}': readFileSync(${file(KEY_FILES.wechatpayPublicKey)}) },`,
    `    apiV3Key: readFileSync(${file(KEY_FILES.apiV3Key)}, 'utf8').trim(),`,
    `    baseURL: '${server.url}',`,
    `  });`,
    '',
    `${flags.fault ? `fault on every accepted request: ${flags.fault.name}. ` : ''}Per request: header X-Mock-Fault: <${FAULT_NAMES.join('|')}>[=n]`,
    `send your notify_url a notification: npx wxpay-gen notify <notify_url> --event TRANSACTION.SUCCESS --keys ${JSON.stringify(dir)}`,
    'one line per request follows (method, path, status, verdict); Ctrl-C stops',
  ];
}
