/**
 * The keys each kind of OpenAPI object may have: THE place to extend when wxpay-gen learns a
 * new keyword. A key outside its list is a SpecError with a did-you-mean (`requestBdy` →
 * `requestBody`: a typo must never silently drop a body). A vendor extension (`x-…`) outside
 * KNOWN_EXTENSIONS is only a warning — except one that looks like `x-encrypted`, which is an
 * error: a misspelt `x-encypted: rsa` would send the field in plaintext.
 */
import type { ModelContext } from './context';

const SCHEMA_KEYS = [
  // JSON Schema 2020-12 (OpenAPI 3.1) and OpenAPI's own schema keywords, as real imported specs use them
  'type', 'format', 'title', 'description', 'example', 'examples', 'enum', 'const', 'default',
  'properties', 'required', 'items', 'additionalProperties', 'patternProperties', 'propertyNames',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'nullable', 'readOnly', 'writeOnly', 'deprecated', 'externalDocs', 'xml', 'discriminator',
  '$comment', '$schema', '$id', '$anchor', '$defs', 'contentMediaType', 'contentSchema', 'contentEncoding',
  'allOf', 'oneOf', 'anyOf', 'not', 'if', 'then', 'else', 'prefixItems', 'contains', 'minContains', 'maxContains',
  'dependentRequired', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems',
] as const;

/** Allowed keys per kind of object. */
export const KNOWN_KEYS = {
  operation: ['tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses', 'callbacks', 'deprecated', 'security', 'servers'],
  parameter: ['name', 'in', 'description', 'required', 'deprecated', 'allowEmptyValue', 'style', 'explode', 'allowReserved', 'schema', 'example', 'examples', 'content'],
  requestBody: ['description', 'content', 'required'],
  mediaType: ['schema', 'example', 'examples', 'encoding'],
  response: ['description', 'headers', 'content', 'links'],
  schema: SCHEMA_KEYS,
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type ObjectKind = keyof typeof KNOWN_KEYS;

/** Vendor extensions wxpay-gen (or the importer) reads or writes. */
export const KNOWN_EXTENSIONS: readonly string[] = ['x-encrypted', 'x-enum-descriptions'];

const SETS: Readonly<Record<ObjectKind, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries(KNOWN_KEYS).map(([k, v]) => [k, new Set<string>(v)]),
) as unknown as Record<ObjectKind, ReadonlySet<string>>;
const EXTENSIONS = new Set(KNOWN_EXTENSIONS);
const CHECKED = new WeakMap<ModelContext, WeakSet<object>>();

/** Reports every key of `node` that a `kind` object may not have. */
export function checkKeys(ctx: ModelContext, node: Readonly<Record<string, unknown>>, kind: ObjectKind): void {
  let seen = CHECKED.get(ctx);
  if (!seen) CHECKED.set(ctx, (seen = new WeakSet()));
  if (seen.has(node)) return; // a shared node ($ref, YAML alias) is reported once
  seen.add(node);
  const known = SETS[kind];
  for (const key of Object.keys(node)) {
    if (known.has(key) || EXTENSIONS.has(key)) continue;
    if (looksLikeEncrypted(key)) {
      ctx.report(node, key, `unknown key "${key}" — did you mean "x-encrypted"? A misspelt mark would send the field in plaintext`);
    } else if (key.startsWith('x-')) {
      ctx.warn(node, key, `vendor extension "${key}" is not one wxpay-gen knows (${KNOWN_EXTENSIONS.join(', ')}); it is ignored`);
    } else {
      const hint = nearest(key, [...known, ...KNOWN_EXTENSIONS]);
      ctx.report(node, key, `unknown key "${key}" in ${ARTICLE[kind]}${hint ? `; did you mean "${hint}"?` : `; expected one of ${[...known].slice(0, 12).join(', ')}${known.size > 12 ? ', …' : ''}`}`);
    }
  }
}

const ARTICLE: Readonly<Record<ObjectKind, string>> = {
  operation: 'an operation',
  parameter: 'a parameter',
  requestBody: 'a request body',
  mediaType: 'a media type (content entry)',
  response: 'a response',
  schema: 'a schema',
};

function looksLikeEncrypted(key: string): boolean {
  const k = key.toLowerCase();
  return /crypt|encyp|enrcy/.test(k) || distance(k, 'x-encrypted') <= 3;
}

/** The known key closest to `key`, when it is close enough to be a typo. */
export function nearest(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(key.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** Levenshtein distance, bounded work: keys longer than 64 characters are compared by their first 64. */
function distance(a0: string, b0: string): number {
  const a = a0.slice(0, 64);
  const b = b0.slice(0, 64);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
