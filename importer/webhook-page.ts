/**
 * A `webhook/v3/<EVENT_TYPE>.md` page → the path item of its `webhooks:` entry: `post` with every
 * documented header as a header parameter, the notification body as the JSON request body, and
 * `resource.ciphertext` as `{ type: string, x-encrypted: aes-gcm, contentMediaType: application/json,
 * contentSchema }` whose schema is the rows after the `{colspan=3 .im-table-line}` separator
 * (several variants: `contentSchema.oneOf`). "Moved to …" stubs are recognised, not imported.
 * The answer (`| 应答规范 | …` `{.im-table #response}`): see webhook-answer.ts.
 */
import { movedTarget } from './moved';
import type { PageIssues } from './issues';
import { scanPage } from './markdown/blocks';
import { parsePipeTable } from './markdown/table';
import { SITE } from './page';
import { webhookResponses } from './webhook-answer';
import { buildRows, type DocRow } from './rows';
import { cleanText, objectSchema, orderSchema, rowSchema, type Schema, type SchemaContext } from './schema';
import { scenarioNotes, scenarioText, scenarioWarning } from './webhook-scenarios';

/** The fields of the AEAD envelope itself; any other row under `resource` belongs to the decrypted payload. */
const ENVELOPE: ReadonlySet<string> = new Set(['algorithm', 'ciphertext', 'nonce', 'associated_data', 'original_type']);
export const EVENT_TYPE = /^[A-Z0-9_]+(?:\.[A-Z0-9_]+)+$/;

export type WebhookPage = { readonly kind: 'moved'; readonly to: string } | { readonly kind: 'webhook'; readonly item: Schema };

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The payload rows: those a separator hung under an envelope row, and (variant pages) the non-envelope rows under resource. */
function payloadOf(resource: DocRow): { fields: DocRow[]; variants: DocRow[] } {
  const fields: DocRow[] = [];
  const variants: DocRow[] = [];
  for (const r of resource.children) {
    if (ENVELOPE.has(r.name)) {
      if (r.separated) fields.push(...r.children);
    } else if (r.type === 'object' && !r.array && r.children.length > 0) variants.push(r);
    else fields.push(r);
  }
  return { fields, variants };
}

function envelopeRow(r: DocRow): DocRow {
  return r.separated ? { ...r, separated: false, children: [] } : r;
}

/** Reads one webhook page. Throws PageError (through `issues.fail`) when it has no usable request table. */
export function readWebhookPage(source: string, eventType: string, issues: PageIssues): WebhookPage {
  const { frontMatter, blocks } = scanPage(source, issues);
  const title = text(frontMatter.get('title')?.value);
  const moved = movedTarget(title);
  if (moved !== undefined) return { kind: 'moved', to: moved };
  const tableBlock = blocks.find((b) => b.kind === 'table' && /请求参数/.test(b.rows[0]?.text ?? ''));
  if (!tableBlock || tableBlock.kind !== 'table') {
    issues.fail(1, 'no `| 请求参数 | … |` table: the page does not document a notification');
  }
  const table = parsePipeTable((tableBlock as { rows: Parameters<typeof parsePipeTable>[0] }).rows);
  if (!table) issues.fail(tableBlock?.line ?? 1, 'the request table cannot be read');
  const { roots } = buildRows(table!, issues);
  const ctx: SchemaContext = { issues };
  const headersRow = roots.find((r) => r.name === 'headers');
  const bodyRow = roots.find((r) => r.name === 'body');
  if (!bodyRow) issues.fail(tableBlock?.line ?? 1, 'the request table has no `body` row: nothing describes the notification');
  const resource = bodyRow!.children.find((r) => r.name === 'resource');
  if (!resource) issues.fail(bodyRow!.line, '`body` has no `resource` row: the encrypted payload is not described');
  const ciphertextRow = resource!.children.find((r) => r.name === 'ciphertext');
  if (!ciphertextRow) issues.fail(resource!.line, '`resource` has no `ciphertext` row');
  if (!ciphertextRow!.aesGcm) issues.warn(ciphertextRow!.line, '`ciphertext` is not marked data-encrypted=by-aes-gcm; imported as AEAD_AES_256_GCM all the same (the only scheme of notifications)');

  const { fields, variants } = payloadOf(resource!);
  let contentSchema: Schema;
  if (variants.length > 0) {
    if (fields.length > 0) issues.warn(fields[0]!.line, `"${fields[0]!.name}" sits beside the payload variants; it is added to every variant`);
    contentSchema = {
      oneOf: variants.map((v) => {
        const { description } = { description: cleanText(v.description) };
        return objectSchema([...fields, ...v.children], undefined, ctx, description ? { description } : {});
      }),
    };
  } else if (fields.length > 0) {
    contentSchema = objectSchema(fields, undefined, ctx);
  } else {
    issues.warn(ciphertextRow!.line, 'the page lists no payload fields after the `{colspan=3 .im-table-line}` separator; the payload is a free-form object');
    contentSchema = { type: 'object', additionalProperties: true };
  }

  const notes = scenarioNotes(blocks, tableBlock!);
  if (notes.length > 0) {
    issues.warn(notes[0]!.line, scenarioWarning(notes));
    const own = typeof contentSchema['description'] === 'string' ? `${contentSchema['description']}\n\n` : '';
    contentSchema = orderSchema({ ...contentSchema, description: `${own}${scenarioText(notes)}` });
  }

  const resourceRows = resource!.children.filter((r) => ENVELOPE.has(r.name)).map(envelopeRow);
  const bodyRows = bodyRow!.children.map((r) => (r === resource ? { ...r, children: resourceRows } : r));
  const body = objectSchema(bodyRows, undefined, ctx);
  const props = body['properties'] as Record<string, Schema>;
  const res = props['resource'] as Schema;
  const resProps = res['properties'] as Record<string, Schema>;
  const c = resProps['ciphertext'] as Schema;
  resProps['ciphertext'] = orderSchema({ ...c, 'x-encrypted': 'aes-gcm', contentMediaType: 'application/json', contentSchema });
  const et = props['event_type'];
  if (et) {
    const values = Array.isArray(et['enum']) ? (et['enum'] as unknown[]) : [];
    if (!values.includes(eventType)) {
      if (values.length > 0) issues.warn(bodyRow!.children.find((r) => r.name === 'event_type')?.line ?? bodyRow!.line, `event_type lists ${values.join(', ')} but the page is ${eventType}; ${eventType} added to the enum`);
      props['event_type'] = orderSchema({ ...et, enum: [...values, eventType] });
    }
  }

  const parameters = (headersRow?.children ?? []).map((h) => ({
    name: h.name,
    in: 'header',
    ...(h.required ? { required: true } : {}),
    ...(cleanText(h.description) ? { description: rowSchema(h, undefined, ctx)?.['description'] ?? cleanText(h.description) } : {}),
    schema: (() => {
      const s = { ...(rowSchema(h, undefined, ctx) ?? { type: 'string' }) };
      delete s['description'];
      return s;
    })(),
  }));
  const summary = title ?? eventType;
  const description = text(frontMatter.get('description')?.value);
  const post: Schema = {
    summary: summary.replace(/\{\{.*?\}\}/g, '').trim(),
    ...(description ? { description } : {}),
    externalDocs: { description: summary, url: `${SITE}/webhook/v3/${eventType}` },
    ...(parameters.length > 0 ? { parameters } : {}),
    requestBody: { required: true, content: { 'application/json': { schema: body } } },
    responses: webhookResponses(blocks, ctx),
  };
  return { kind: 'webhook', item: { post } };
}
