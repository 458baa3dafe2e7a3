/**
 * `wxpay-gen certs`: downloads the platform certificates (GET /v3/certificates), decrypts them
 * with the APIv3 key, verifies the answer (with `--wechatpay-cert` when given; else with the
 * certificate it names among those downloaded: trust on first use), and only then writes each
 * as `<serial>.pem`. Prints serials and validity; never prints a key.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT, type CliIO, type ExitBox } from '../io';
import { exitCodesHelp } from '../exit';

interface CertsFlags {
  mchid?: string;
  serial?: string;
  privateKey?: string;
  apiv3Key?: string;
  out: string;
  baseUrl?: string;
  wechatpayCert?: string;
  timeout: string;
}

export const CERTS_SUMMARY = 'download, decrypt and verify the WeChat Pay platform certificates; write each as <serial>.pem';

function readSecretFile(path: string, what: string, io: CliIO): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    io.err(`wxpay-gen certs: cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    return undefined;
  }
}

export function registerCertsCommand(program: Command, io: CliIO, exit: ExitBox): void {
  program
    .command('certs')
    .description(CERTS_SUMMARY)
    .requiredOption('--mchid <mchid>', 'merchant number (商户号)')
    .requiredOption('--serial <serial>', 'serial number of the merchant API certificate')
    .requiredOption('--private-key <file>', 'merchant API private key (apiclient_key.pem)')
    .requiredOption('--apiv3-key <file>', 'file holding the 32-character APIv3 key')
    .option('-o, --out <dir>', 'folder to write <serial>.pem into', '.')
    .option('--base-url <url>', 'API base URL (default https://api.mch.weixin.qq.com)')
    .option('--wechatpay-cert <file>', 'verify the answer with this platform certificate (PEM, pinned) instead of trusting the downloaded ones on first use')
    .option('--timeout <ms>', 'milliseconds to wait for the answer', '30000')
    .addHelpText('after', `
Without --wechatpay-cert the answer is verified with the certificate it names among those it
carries: trust on first use. The certificates themselves are sealed with your APIv3 key
(AEAD_AES_256_GCM), which only you and WeChat Pay hold. Nothing is written unless every
certificate decrypts and the answer verifies.

Example:
  $ npx wxpay-gen certs --mchid 1900000001 --serial 3775B6A45ACD588826D15E583A95F5DD12345678 \\
      --private-key apiclient_key.pem --apiv3-key apiv3.key --out certs/

${exitCodesHelp([[EXIT.ok, 'written'], [EXIT.specErrors, 'the download failed, or did not decrypt or verify: nothing written'], [EXIT.usage, 'usage error: a flag or a key file is wrong']])}`)
    .action(async (flags: CertsFlags) => {
      exit.code = await runCerts(flags, io);
    });
}

/** Runs the command; returns the exit code. */
export async function runCerts(flags: CertsFlags, io: CliIO): Promise<number> {
  const { fetchCertificatesWith } = await import('../../templates/runtime/certificates');
  const { WxPayError, ConfigError } = await import('../../templates/runtime/errors');
  const privateKey = readSecretFile(flags.privateKey ?? '', 'the private key', io);
  const apiV3 = readSecretFile(flags.apiv3Key ?? '', 'the APIv3 key', io);
  const pinned = flags.wechatpayCert !== undefined ? readSecretFile(flags.wechatpayCert, 'the WeChat Pay certificate', io) : undefined;
  if (privateKey === undefined || apiV3 === undefined || (flags.wechatpayCert !== undefined && pinned === undefined)) return EXIT.usage;
  const timeout = Number(flags.timeout);
  if (!Number.isFinite(timeout) || timeout < 0) {
    io.err('wxpay-gen certs: --timeout must be a number of milliseconds');
    return EXIT.usage;
  }
  let certs;
  try {
    certs = await fetchCertificatesWith({
      mchid: flags.mchid ?? '',
      serial: flags.serial ?? '',
      privateKey,
      apiV3Key: apiV3.trim(),
      ...(flags.baseUrl !== undefined ? { baseURL: flags.baseUrl } : {}),
      ...(pinned !== undefined ? { pinned } : {}),
      timeout,
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`wxpay-gen certs: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof WxPayError) {
      io.err(`wxpay-gen certs: ${e.message}`);
      io.err('nothing was written');
      return EXIT.specErrors;
    }
    throw e;
  }
  try {
    mkdirSync(flags.out, { recursive: true });
    for (const c of certs) writeFileSync(join(flags.out, `${c.serial}.pem`), c.pem, { mode: 0o644 });
  } catch (e) {
    io.err(`wxpay-gen certs: cannot write into ${flags.out}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    return EXIT.usage;
  }
  for (const c of certs) {
    io.out(`${c.serial}  ${new Date(c.notBefore).toISOString()} … ${new Date(c.notAfter).toISOString()}${c.notAfter <= Date.now() ? '  (expired)' : ''}  ${join(flags.out, `${c.serial}.pem`)}`);
  }
  io.out(`${certs.length} platform certificate${certs.length === 1 ? '' : 's'} written${pinned === undefined ? ' (answer verified with a downloaded certificate: trust on first use)' : ' (answer verified with --wechatpay-cert)'}`);
  return EXIT.ok;
}
