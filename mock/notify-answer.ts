/**
 * The sender's check of a merchant's success answer against the answer its event documents
 * (`responses: '200'` JSON schema, e.g. ENTRUST.TERMINATE_RETENTION's retention_type and
 * coupon_info): by the client's own validation rule (mock/validate.ts → the runtime's walkSchema),
 * so the sender refuses exactly what the generated handler refuses. 204, or 200 without a body,
 * answers no data: a documented success. Failure answers are not checked (they carry no data).
 */
import type { ModelSchema } from '../generator/model';
import { checkValue, type Issues } from './validate';

/** `matches` plus, when not, what is wrong (field pointer and issue, never the value's text). */
export interface AnswerVerdict {
  readonly matches: boolean;
  readonly issues: readonly string[];
}

/** Judges one success answer's body against the documented answer. */
export function judgeAnswer(schema: ModelSchema, status: number, body: string): AnswerVerdict {
  if (status === 204 || body.trim() === '') return { matches: true, issues: [] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { matches: false, issues: ['the answer body is not JSON'] };
  }
  const issues: Issues = [];
  checkValue(schema, value, '', 'body', issues);
  const texts = issues.map((i) => `${i.field === '' ? '(answer)' : i.field} ${i.issue}`);
  return { matches: texts.length === 0, issues: texts };
}
