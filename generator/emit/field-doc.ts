import type { ModelSchema } from '../model';

/** Which way a field travels: what the caller gives (`request`) or gets back (`response`). */
export type FieldPlace = 'request' | 'response';

const SENSITIVE: Readonly<Record<FieldPlace, string>> = {
  request: 'Sensitive (`x-encrypted: rsa`): pass the plaintext; the client encrypts it with the WeChat Pay public key before sending.',
  response: 'Sensitive (`x-encrypted: rsa`): sent encrypted; the client decrypts it, so this is the plaintext.',
};
const SENSITIVE_ITEMS: Readonly<Record<FieldPlace, string>> = {
  request: 'Sensitive (`x-encrypted: rsa`, every element): pass the plaintext; the client encrypts each element with the WeChat Pay public key before sending.',
  response: 'Sensitive (`x-encrypted: rsa`, every element): sent encrypted; the client decrypts each element, so these are the plaintexts.',
};

const JSON_ENCODED: Readonly<Record<FieldPlace, string>> = {
  request: 'JSON-encoded on the wire (`contentMediaType: application/json`): pass the value; the client sends it as a JSON string.',
  response: 'JSON-encoded on the wire (`contentMediaType: application/json`): the client parses the JSON string, so this is the value.',
};

/** The schema whose values a field holds: an array of scalars is described by its items. */
function valueSchema(s: ModelSchema): ModelSchema {
  return s.type === 'array' && s.items !== undefined && s.items.type !== 'object' && s.items.type !== 'array' ? s.items : s;
}

/**
 * The TSDoc text of a field, from the model: its description, the meaning of each enum value
 * (`x-enum-descriptions`), and for an `x-encrypted: rsa` field that the caller deals in plaintext.
 * `description` is the parameter's own when the field is a parameter (else the schema's).
 */
export function fieldDoc(s: ModelSchema, description: string | undefined, place: FieldPlace): string | undefined {
  const parts: string[] = [];
  if (description !== undefined && description.trim() !== '') parts.push(description.trim());
  const values = valueSchema(s);
  if (values.enumDescriptions) {
    for (const v of values.enum ?? []) {
      const meaning = values.enumDescriptions[String(v)];
      if (meaning !== undefined) parts.push(`- \`${String(v)}\`: ${meaning}`);
    }
  }
  if (s.encrypted) parts.push(SENSITIVE[place]);
  else if (values !== s && values.encrypted) parts.push(SENSITIVE_ITEMS[place]);
  if (s.jsonContent) parts.push(JSON_ENCODED[place]);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** Whether a value of `s` holds ciphertext somewhere (its example would show it): never shown as an example. */
export function holdsCiphertext(s: ModelSchema): boolean {
  if (s.encrypted) return true;
  if (s.jsonContent !== undefined && holdsCiphertext(s.jsonContent)) return true;
  if (s.items !== undefined && holdsCiphertext(s.items)) return true;
  return Object.values(s.properties ?? {}).some(holdsCiphertext);
}
