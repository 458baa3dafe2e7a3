import type { Model } from '../model';
import { modelDocument } from './model-document';
import { printSchemaTypes } from './schema-print';

/**
 * `schema.gen.d.ts`: the `paths` types of the whole spec, from the document derived from the model
 * (model-document.ts: every schema inlined, each field's TSDoc written from the model), in the form
 * openapi-typescript gives such a document (immutable; `format: binary` becomes `Uint8Array`: uploads take
 * bytes, downloads give a Buffer). Printed as text by schema-print.ts, which tests/generator/schema-print.test.ts
 * holds byte for byte to openapi-typescript's transformSchema + TypeScript's printer; building and printing
 * that syntax tree was a third of a whole-corpus generation.
 */
export function emitSchemaTypes(model: Model): string {
  return printSchemaTypes(modelDocument(model));
}
