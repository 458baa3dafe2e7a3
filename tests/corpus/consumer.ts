/**
 * A consumer of the generated client that makes, with full types, every call the sweep makes
 * (both passes' arguments as literals): the sweep's values are values a user could write, and
 * the whole client compiles under strict TypeScript.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import type { Model } from '../../generator/model';
import { equivalenceSource } from '../generator/types-equivalence';
import { buildCall } from './values';

const REPO = resolve(__dirname, '..', '..');

/** A value as TypeScript source (bytes as `Buffer.from(…)`). */
function literal(v: unknown): string {
  if (Buffer.isBuffer(v)) return `Buffer.from(${JSON.stringify(v.toString('base64'))}, 'base64')`;
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${literal(x)}`).join(', ')} }`;
  return JSON.stringify(v);
}

/**
 * A notification handler narrowing three event types of the whole site, its types written by hand
 * from the pages (webhook/v3/TRANSACTION.SUCCESS.md: amount.payer_total a number, not required;
 * REFUND.SUCCESS.md: refund_status SUCCESS | CLOSED | ABNORMAL, required; COUPON.USE.md: coupon_id
 * a string, no_cash a boolean, both required). Each `@ts-expect-error` proves a wrong payload field
 * does not compile (an unused one is itself an error, so a too-loose type fails the check).
 */
const NARROWING = [
  "import type { WebhookNotification } from './client/index';",
  'export function narrow(n: WebhookNotification): string {',
  "  if (n.event_type === 'TRANSACTION.SUCCESS') {",
  '    const paid: number | undefined = n.data.amount.payer_total;',
  '    // @ts-expect-error a refund field is not on a payment notification',
  '    void n.data.refund_status;',
  '    // @ts-expect-error payer_total is a number, not a string',
  '    const wrong: string = n.data.amount.payer_total;',
  '    return `${n.data.out_trade_no} ${paid ?? 0} ${wrong}`;',
  '  }',
  "  if (n.event_type === 'REFUND.SUCCESS') {",
  "    const status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = n.data.refund_status;",
  "    // @ts-expect-error 'PAID' is not a refund status",
  "    const other: typeof n.data.refund_status = 'PAID';",
  '    return `${status} ${other}`;',
  '  }',
  "  if (n.event_type === 'COUPON.USE') {",
  '    const coupon: string = n.data.coupon_id;',
  '    const free: boolean = n.data.no_cash;',
  '    // @ts-expect-error no_cash is a boolean',
  '    const text: string = n.data.no_cash;',
  '    // @ts-expect-error no such field on a coupon notification',
  '    void n.data.out_refund_no;',
  '    return `${coupon} ${free} ${text}`;',
  '  }',
  '  return n.event_type;',
  '}',
  '',
];

/** Writes `consumer.ts` and `equivalence.ts` beside the client folder and type-checks them with the client; the diagnostics, if any. */
export function typeCheckConsumer(clientDir: string, model: Model): string[] {
  const lines = [
    "import { createClient } from './client/index';",
    'export async function everyCall(): Promise<void> {',
    "  const wxpay = createClient({ mchid: '1900000001', serial: 'SERIAL', privateKey: 'PEM', certs: {} });",
  ];
  for (const op of model.operations) {
    for (const pass of ['examples', 'minimal'] as const) {
      const { args } = buildCall(op, pass, 't');
      lines.push(`  await wxpay.chain(${JSON.stringify(op.key)}).${op.method.toLowerCase()}(${literal(args)});`);
    }
  }
  lines.push('}', '');
  if (model.webhooks.length > 0) lines.push(...NARROWING);
  const file = join(clientDir, '..', 'consumer.ts');
  writeFileSync(file, lines.join('\n'));
  // and every operation's client types identical to the `paths` types (tests/generator/types-equivalence.ts)
  const equivalence = join(clientDir, '..', 'equivalence.ts');
  writeFileSync(equivalence, equivalenceSource(model, './client/index', './client/schema.gen'));
  const program = ts.createProgram([file, equivalence], {
    strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'], skipLibCheck: true,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], typeRoots: [join(REPO, 'node_modules', '@types')],
  });
  return ts.getPreEmitDiagnostics(program).slice(0, 50).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
