/**
 * The root `webhooks:` map → ModelWebhooks. Each entry is keyed by its `event_type` and is a
 * path item with only `post`, whose `application/json` request body is the notification and whose
 * `resource.ciphertext` is `x-encrypted: aes-gcm` with the payload as `contentSchema`. An answer
 * with data (`responses: '200'` with a JSON schema) is read by webhook-answer.ts.
 */
import { isRecord, type ModelContext } from './context';
import { readParameter } from './operation';
import { aesGcmPointers, toModelSchema } from './schema';
import { readAnswer } from './webhook-answer';
import type { ModelParameter, ModelSchema, ModelWebhook } from './types';

const EVENT_TYPE = /^[A-Z0-9_]+(?:\.[A-Z0-9_]+)+$/;
const ITEM_KEYS = new Set(['post', 'summary', 'description', 'parameters']);
const CIPHERTEXT = '/resource/ciphertext';

/** Reads every webhook; problems go to `ctx`. */
export function readWebhooks(ctx: ModelContext, webhooks: unknown, doc: object): ModelWebhook[] {
  if (webhooks === undefined) return [];
  if (!isRecord(webhooks)) {
    ctx.report(doc, 'webhooks', '`webhooks` must be a mapping of EVENT_TYPE → path item with `post` (or a $ref to webhooks/<EVENT_TYPE>.yaml)');
    return [];
  }
  const out: ModelWebhook[] = [];
  for (const [eventType, item] of Object.entries(webhooks)) {
    if (!EVENT_TYPE.test(eventType)) {
      ctx.report(webhooks, eventType, `webhook "${eventType}" must be named by its event_type: upper-case words joined by dots, e.g. TRANSACTION.SUCCESS`);
      continue;
    }
    const w = readWebhook(ctx, eventType, item, webhooks);
    if (w) out.push(w);
  }
  return out.sort((a, b) => (a.eventType < b.eventType ? -1 : a.eventType > b.eventType ? 1 : 0));
}

function readWebhook(ctx: ModelContext, eventType: string, item: unknown, holder: Record<string, unknown>): ModelWebhook | undefined {
  if (!isRecord(item)) {
    ctx.report(holder, eventType, `webhook ${eventType} must be a path item with \`post\``);
    return undefined;
  }
  for (const k of Object.keys(item)) {
    if (!ITEM_KEYS.has(k) && !k.startsWith('x-')) ctx.report(item, k, `unexpected key "${k}" in webhook ${eventType}: WeChat Pay only POSTs notifications (expected post, summary, description)`);
  }
  const op = item['post'];
  if (!isRecord(op)) {
    ctx.report(item, 'post' in item ? 'post' : undefined, `webhook ${eventType} needs a \`post\` operation whose requestBody is the notification`);
    return undefined;
  }
  const before = ctx.problems.length;
  ctx.scope = 'request';
  const headers: ModelParameter[] = [];
  const params = op['parameters'];
  if (params !== undefined) {
    if (!Array.isArray(params)) ctx.report(op, 'parameters', '`parameters` must be a list');
    else {
      params.forEach((raw, i) => {
        const p = readParameter(ctx, raw, params, i);
        if (p && p.in !== 'header') ctx.report(params, i, `a notification has no ${p.in} parameters; only headers (Wechatpay-Signature, …)`);
        else if (p) headers.push(p);
      });
    }
  }
  ctx.scope = 'webhook';
  const body = readJsonBody(ctx, eventType, op);
  ctx.scope = 'answer';
  const answer = readAnswer(ctx, eventType, op);
  ctx.scope = 'response';
  if (!body || ctx.problems.length > before) return undefined;
  const pointers = aesGcmPointers(body);
  if (pointers.length !== 1 || pointers[0] !== CIPHERTEXT) {
    ctx.report(op, 'requestBody', `webhook ${eventType}: the notification body needs exactly one \`x-encrypted: aes-gcm\` string, at resource.ciphertext${pointers.length ? ` (found ${pointers.join(', ')})` : ''}`);
    return undefined;
  }
  const ciphertext = body.properties?.['resource']?.properties?.['ciphertext'];
  const eventEnum = body.properties?.['event_type']?.enum;
  if (eventEnum && !eventEnum.includes(eventType)) {
    ctx.report(op, 'requestBody', `webhook ${eventType}: its event_type enum (${eventEnum.join(', ')}) does not include ${eventType}`);
    return undefined;
  }
  const text = (k: string): string | undefined => (typeof op[k] === 'string' ? (op[k] as string) : typeof item[k] === 'string' ? (item[k] as string) : undefined);
  const docs = op['externalDocs'];
  const summary = text('summary');
  const description = text('description');
  return {
    eventType,
    ...(summary !== undefined ? { summary } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(isRecord(docs) && typeof docs['url'] === 'string' ? { externalDocs: { url: docs['url'], ...(typeof docs['description'] === 'string' ? { description: docs['description'] } : {}) } } : {}),
    deprecated: op['deprecated'] === true,
    file: ctx.fileOf(item),
    headers,
    body,
    payload: ciphertext?.encryptedContent ?? [],
    ...(answer ? { answer } : {}),
  };
}

function readJsonBody(ctx: ModelContext, eventType: string, op: Record<string, unknown>): ModelSchema | undefined {
  const rb = op['requestBody'];
  const content = isRecord(rb) ? rb['content'] : undefined;
  const json = isRecord(content) ? content['application/json'] : undefined;
  if (!isRecord(json) || json['schema'] === undefined) {
    ctx.report(isRecord(rb) ? (isRecord(content) ? content : rb) : op, isRecord(rb) ? undefined : 'requestBody' in op ? 'requestBody' : undefined,
      `webhook ${eventType} needs \`requestBody.content.application/json.schema\`: the notification body`);
    return undefined;
  }
  const schema = toModelSchema(ctx, json['schema'], json, 'schema');
  if (schema && schema.type !== 'object') ctx.report(json, 'schema', `webhook ${eventType}: the notification body must be \`type: object\``);
  return schema;
}
