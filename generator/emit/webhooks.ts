/**
 * The webhooks' two files (only for a spec with a `webhooks:` map), all from the model:
 * - `webhook-types.gen.d.ts`: one payload type and one notification type per event, the union
 *   `WebhookNotification` discriminated on `event_type`; events whose spec documents an answer with data
 *   also get an answer type, collected in `WebhookAnswers` (event type → answer) for
 *   `satisfies WebhookAnswer<'EVENT'>`. A declaration file: a consumer's tsc (skipLibCheck) reads the
 *   types its code uses instead of checking every declaration of a hundred events on each build.
 * - `webhooks.gen.ts`: those types re-exported, and the `webhooks` table the runtime validates decrypted
 *   payloads with (and, where documented, the answer's schema: the handlers check what the callback
 *   answers when the client validates) — JSON parsed once at import, as operations.gen.ts: a literal of a
 *   hundred events checked against WebhookTable cost consumers a quarter of a second per build.
 */
import type { Model, ModelSchema, ModelWebhook } from '../model';
import { fieldDoc, holdsCiphertext } from './field-doc';
import { layoutJson } from './json-layout';
import { NameTable, propertyKey, quote } from './names';
import { markdownLink } from './tsdoc';
import { fieldSchema, templateLiteral } from './operations';

export const WEBHOOKS_FILE = 'webhooks.gen.ts';
export const WEBHOOK_TYPES_FILE = 'webhook-types.gen.d.ts';

/** The text of both files. */
export interface WebhookFiles {
  /** `webhook-types.gen.d.ts`. */
  readonly types: string;
  /** `webhooks.gen.ts`. */
  readonly module: string;
}

/** `TRANSACTION.SUCCESS` → `TransactionSuccess`. */
export function eventTypeBase(eventType: string): string {
  return eventType
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

function doc(text: string | undefined, indent: string): string {
  if (!text) return '';
  const safe = text.replace(/\*\//g, '*\\/').replace(/\r/g, '');
  const lines = safe.split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

function literal(v: string | number | boolean): string {
  return typeof v === 'string' ? quote(v) : String(v);
}

function schemaDoc(s: ModelSchema): string | undefined {
  const parts: string[] = [];
  const text = fieldDoc(s, s.description, 'response');
  if (text !== undefined) parts.push(text);
  if (s.example !== undefined && (typeof s.example !== 'object' || s.example === null) && !holdsCiphertext(s)) parts.push(`@example ${JSON.stringify(s.example)}`);
  return parts.length ? parts.join('\n') : undefined;
}

/** A ModelSchema as a TypeScript type (properties readonly, optional unless required). */
export function typeOf(s: ModelSchema, indent = ''): string {
  if (s.enum) return s.enum.map(literal).join(' | ');
  switch (s.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const inner = s.items ? typeOf(s.items, indent) : 'unknown';
      return /^[A-Za-z]+$/.test(inner) ? `${inner}[]` : `Array<${inner}>`;
    }
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      if (props.length === 0) return 'Record<string, unknown>';
      const req = new Set(s.required ?? []);
      const inner = `${indent}  `;
      const lines = props.map(([name, sub]) => `${doc(schemaDoc(sub), inner)}${inner}readonly ${propertyKey(name)}${req.has(name) ? '' : '?'}: ${typeOf(sub, inner)};`);
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
  }
}

function webhookDoc(w: ModelWebhook): string {
  const head = [w.summary, w.description].filter(Boolean).join('\n\n');
  const link = w.externalDocs ? `\n\nSee: ${markdownLink(w.externalDocs.url, w.externalDocs.description)}` : '';
  return `${head || w.eventType}${link}${w.deprecated ? '\n@deprecated' : ''}`;
}

/** Both files' texts, or `undefined` when the spec has no webhooks. */
export function emitWebhooks(model: Model): WebhookFiles | undefined {
  if (model.webhooks.length === 0) return undefined;
  const names = new NameTable();
  for (const reserved of ['Notification', 'UnknownEventNotification', 'WebhookTable', 'WebhookNotification', 'WebhookAnswers', 'WebhookAnswer', 'webhooks']) names.take(reserved);
  const out: string[] = ["import type { Notification, UnknownEventNotification } from './runtime/index.js';", ''];
  const members: string[] = [];
  const answers: string[] = [];
  for (const w of model.webhooks) {
    const base = eventTypeBase(w.eventType);
    const payload = names.take(`${base}Payload`);
    const notification = names.take(`${base}Notification`);
    const variants = w.payload.map((p) => typeOf(p));
    out.push(`${doc(`The decrypted \`resource\` of ${w.eventType}${w.summary ? ` (${w.summary})` : ''}.`, '')}export type ${payload} = ${variants.length ? variants.join(' | ') : 'unknown'};`, '');
    out.push(`${doc(webhookDoc(w), '')}export type ${notification} = Notification<${quote(w.eventType)}, ${payload}>;`, '');
    members.push(notification);
    if (w.answer) {
      const answer = names.take(`${base}Answer`);
      out.push(`${doc(`What the merchant may answer (200, JSON) to ${w.eventType}, as its page documents; resolve it from the handler's callback (or nothing: 204).`, '')}export type ${answer} = ${typeOf(w.answer)};`, '');
      answers.push(`  readonly ${quote(w.eventType)}: ${answer};`);
    }
  }
  out.push(
    doc('Every notification of the spec, discriminated on `event_type`; `UnknownEventNotification` stands for event types the spec does not have (verified and decrypted all the same).', '') +
      `export type WebhookNotification =\n${[...members, 'UnknownEventNotification'].map((m) => `  | ${m}`).join('\n')};`,
    '',
  );
  out.push(
    doc('The answers with data, by event type: only the events whose spec documents one (`responses: \'200\'` with a JSON schema). Any other event is answered 204 (the callback resolves nothing).', '') +
      `export type WebhookAnswers = ${answers.length ? `{\n${answers.join('\n')}\n}` : 'Record<never, never>'};`,
    '',
    `${doc("The answer of one event: `return { … } satisfies WebhookAnswer<'ENTRUST.TERMINATE_RETENTION'>`.", '')}export type WebhookAnswer<E extends keyof WebhookAnswers> = WebhookAnswers[E];`,
    '',
  );
  const table = Object.fromEntries(model.webhooks.map((w) => [w.eventType, { payload: w.payload.map((p) => fieldSchema(p)), ...(w.answer ? { answer: fieldSchema(w.answer) } : {}) }]));
  const module = [
    "import type { WebhookTable } from './runtime/index.js';",
    '',
    "export type * from './webhook-types.gen.js';",
    '',
    `${doc('Payload schemas by event type, for validating decrypted notifications (types and enums of the fields present; required fields present too when the client has strictNotifications); and, where documented, the answer\'s schema (checked in full, required fields included: the merchant writes it).', '')}export const webhooks = JSON.parse(${templateLiteral(layoutJson(table))}) as WebhookTable;`,
    '',
  ];
  return { types: out.join('\n'), module: module.join('\n') };
}
