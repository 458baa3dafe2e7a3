/**
 * A webhook's answer with data (`responses: '200': content: application/json: schema`): the
 * JSON object the merchant answers 200 with, for the few events whose page documents one
 * (ENTRUST.TERMINATE_RETENTION, CROSS_BORDER_PAY.GET_MCH_INFO, …). Every other answer is
 * 204 without a body or the fixed FAIL answer, which the spec only describes in words.
 */
import { isRecord, type ModelContext } from './context';
import { toModelSchema } from './schema';
import type { ModelSchema } from './types';

/** Success statuses WeChat Pay accepts; only 200 carries a body. */
const NO_BODY = new Set(['204']);

/** Pointers of `x-encrypted: rsa` fields in `s`. */
function rsaFields(s: ModelSchema, base: string): string[] {
  const here = s.encrypted ? [base] : [];
  const props = Object.entries(s.properties ?? {}).flatMap(([k, v]) => rsaFields(v, `${base}/${k}`));
  return [...here, ...props, ...(s.items ? rsaFields(s.items, `${base}/items`) : [])];
}

/** The answer schema of a webhook's `post`, or `undefined` when it documents none; problems go to `ctx`. */
export function readAnswer(ctx: ModelContext, eventType: string, op: Record<string, unknown>): ModelSchema | undefined {
  const responses = op['responses'];
  if (responses === undefined) return undefined;
  if (!isRecord(responses)) {
    ctx.report(op, 'responses', `webhook ${eventType}: \`responses\` must be a mapping of status → answer (e.g. '200', '4XX')`);
    return undefined;
  }
  let answer: ModelSchema | undefined;
  for (const [status, r] of Object.entries(responses)) {
    if (!isRecord(r)) {
      ctx.report(responses, status, `webhook ${eventType}: the ${status} answer must be a mapping with \`description\` (and, for 200 with data, \`content\`)`);
      continue;
    }
    const content = r['content'];
    if (content === undefined) continue;
    if (NO_BODY.has(status)) {
      ctx.report(r, 'content', `webhook ${eventType}: a ${status} answer has no body; document an answer with data under '200'`);
      continue;
    }
    if (status !== '200') continue; // the FAIL answer's body is fixed: {"code":"FAIL","message":"…"}
    if (!isRecord(content)) {
      ctx.report(r, 'content', `webhook ${eventType}: \`content\` must be a mapping with \`application/json: { schema }\``);
      continue;
    }
    for (const media of Object.keys(content)) {
      if (media !== 'application/json') ctx.report(content, media, `webhook ${eventType}: a notification's answer is JSON; only \`application/json\` is supported, not ${media}`);
    }
    const json = content['application/json'];
    if (json === undefined) continue;
    if (!isRecord(json) || json['schema'] === undefined) {
      ctx.report(content, 'application/json', `webhook ${eventType}: the answer needs \`schema\`: the JSON object the merchant answers with`);
      continue;
    }
    const schema = toModelSchema(ctx, json['schema'], json, 'schema');
    if (!schema) continue;
    if (schema.type !== 'object') {
      ctx.report(json, 'schema', `webhook ${eventType}: the answer must be \`type: object\` (a JSON object, like {"code":"SUCCESS"}), not \`type: ${schema.type}\``);
      continue;
    }
    const rsa = rsaFields(schema, '');
    if (rsa.length > 0) {
      ctx.warn(json, 'schema', `webhook ${eventType}: the answer marks ${rsa.join(', ')} x-encrypted; the notification handler sends the answer as given, so put the ciphertext in yourself`);
    }
    answer = schema;
  }
  return answer;
}
