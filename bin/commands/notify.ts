/**
 * `wxpay-gen notify <url> --event <TYPE> [--data file] [--keys dir] [--spec root] [--fault name] [--retry]`:
 * one notification as WeChat Pay sends it (payload from --data, else from the spec's webhook),
 * signed with the keys folder's simulated WeChat Pay key and encrypted with its apiv3.key; prints
 * every answer and whether it is a documented one; exits 0 only on a success answer.
 */
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { exitCodesHelp } from '../exit';
import { reportFailure } from '../failure';
import { EXIT, type CliIO, type ExitBox } from '../io';

interface NotifyFlags {
  event: string;
  data?: string;
  keys?: string;
  spec?: string;
  fault?: string;
  retry?: boolean;
  retryScale?: number;
  maxAttempts?: number;
  timeout?: number;
}

const FAULTS = ['tampered-body', 'tampered-signature', 'stale-timestamp', 'unknown-serial', 'signtest', 'wrong-apiv3-key'];

function numberArg(what: string, min: number): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${what} must be a number ≥ ${min}`);
    return n;
  };
}

export function registerNotifyCommand(program: Command, io: CliIO, exit: ExitBox = { code: EXIT.ok }): void {
  program
    .command('notify')
    .description('post one notification (回调通知) to a notify_url exactly as WeChat Pay does: signed, encrypted, with faults and retries')
    .argument('<url>', "the merchant's notify_url (http or https)")
    .requiredOption('-e, --event <EVENT_TYPE>', 'event_type, e.g. TRANSACTION.SUCCESS')
    .option('-d, --data <file.json>', 'the payload (plaintext of resource.ciphertext); default: built from the spec\'s webhook (examples, enums, placeholders)')
    .option('-k, --keys <dir>', 'keys folder of `wxpay-gen mock` (wechatpay_key.pem, mock.json, apiv3.key; missing ones are made); default .wxpay-mock')
    .option('-s, --spec <root.yaml>', 'root spec whose webhooks: describe the payload (default specs/wechatpay.yaml when it exists)')
    .option('--fault <name>', `send a forged or probing notification: ${FAULTS.join(', ')}`, (v: string) => {
      if (!FAULTS.includes(v)) throw new InvalidArgumentError(`must be one of ${FAULTS.join(', ')}`);
      return v;
    })
    .option('--retry', 'retry on the documented schedule (15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h) until a success answer')
    .option('--retry-scale <factor>', 'multiply every retry delay (0.001: minutes become milliseconds)', numberArg('--retry-scale', 0))
    .option('--max-attempts <n>', 'with --retry: at most n deliveries in all (default 16)', numberArg('--max-attempts', 1))
    .option('--timeout <ms>', 'answer deadline per delivery (default 5000, as WeChat Pay)', numberArg('--timeout', 1))
    .addHelpText('after', `
What is sent is what WeChat Pay sends: Wechatpay-Serial = the keys folder's public key id, Wechatpay-Signature over
TIMESTAMP\\nNONCE\\nBODY\\n, create_time in RFC 3339 (+08:00), a 12-character resource nonce, a fresh id.
A success answer is 200 or 204; a documented failure is 4XX/5XX with {"code":"FAIL","message":"…"}.
For an event whose spec documents an answer with data (e.g. ENTRUST.TERMINATE_RETENTION), a 200 answer's
body is also checked against it and the verdict printed.

Examples:
  $ npx wxpay-gen notify http://127.0.0.1:3000/notify --event TRANSACTION.SUCCESS --keys .mock-keys
  $ npx wxpay-gen notify http://127.0.0.1:3000/notify --event REFUND.SUCCESS --data refund.json --fault tampered-signature

${exitCodesHelp([
    [0, 'the merchant answered success (200 or 204)'],
    [1, 'the spec has errors, or --data is not a JSON file'],
    [2, 'usage error: bad option value, unusable keys folder'],
    [4, 'no success answer (every attempt printed)'],
  ])}`)
    .action(async (url: string, flags: NotifyFlags) => {
      exit.code = await runNotify(url, flags, io);
    });
}

async function runNotify(url: string, flags: NotifyFlags, io: CliIO): Promise<number> {
  const { existsSync } = await import('node:fs');
  const { prepareKeys, sendNotification } = await import('../../mock');
  const who = 'wxpay-gen notify';
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    io.err(`${who}: ${url} is not an absolute URL`);
    return EXIT.usage;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    io.err(`${who}: the notify_url must be http or https`);
    return EXIT.usage;
  }
  let data: unknown;
  if (flags.data !== undefined) {
    try {
      data = JSON.parse(readFileSync(flags.data, 'utf8'));
    } catch (e) {
      io.err(`${who}: --data ${flags.data} is not a readable JSON file (${(e as NodeJS.ErrnoException).code ?? 'invalid JSON'})`);
      return EXIT.specErrors;
    }
  }
  try {
    const keys = prepareKeys(flags.keys ?? '.wxpay-mock');
    const specFile = flags.spec ?? (existsSync('specs/wechatpay.yaml') ? 'specs/wechatpay.yaml' : undefined);
    let model;
    if (specFile !== undefined) {
      const { loadSpec } = await import('../../generator/load');
      const { buildModel } = await import('../../generator/model');
      model = buildModel(loadSpec(specFile));
      if (data === undefined && !model.webhooks.some((w) => w.eventType === flags.event)) {
        io.err(`${who}: ${specFile} has no webhook ${flags.event}; sending an empty payload {} (give one with --data)`);
      }
    }
    io.out(`${who}: ${flags.event} → ${url} (signed as ${keys.publicKeyId}${flags.fault ? `, fault ${flags.fault}` : ''})`);
    const result = await sendNotification(url, keys, model, flags.event, data, {
      ...(flags.fault !== undefined ? { fault: flags.fault as never } : {}),
      ...(flags.retry ? { retry: true } : {}),
      ...(flags.retryScale !== undefined ? { retryScale: flags.retryScale } : {}),
      ...(flags.maxAttempts !== undefined ? { maxAttempts: flags.maxAttempts } : {}),
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
      onAttempt: (a) => {
        const answer = a.status === 0 ? `no answer (${a.error ?? 'error'})` : `${a.status}${a.body ? ` ${a.body.length > 200 ? `${a.body.slice(0, 200)}…` : a.body}` : ''}`;
        const verdict = a.success
          ? a.answerMatches === undefined ? 'success' : a.answerMatches ? 'success; the answer matches the documented answer' : `success, but the answer does not match the documented answer: ${(a.answerIssues ?? []).join('; ')}`
          : a.valid ? 'documented failure answer' : 'not a documented answer';
        io.out(`  attempt ${a.attempt}: ${answer}  [${verdict}]`);
      },
    });
    const { notifyVerdict } = await import('./notify-next');
    for (const line of notifyVerdict(result, url, flags.fault)) io.out(line);
    return result.delivered ? EXIT.ok : EXIT.notDelivered;
  } catch (e) {
    return reportFailure(e, io, who);
  }
}
