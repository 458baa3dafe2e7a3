import type * as Oat from 'openapi-typescript';
import type { Model } from '../model';
import { modelDocument } from './model-document';
import { schemaTools } from './one-compiler';

type Ctx = Parameters<typeof Oat.transformSchema>[1];
type Doc = Parameters<typeof Oat.transformSchema>[0];

/**
 * `schema.gen.d.ts`: the `paths` types of the whole spec, made by openapi-typescript's
 * `transformSchema` from the document derived from the model (model-document.ts: every schema
 * inlined, each field's TSDoc written from the model). The load and model stages have already
 * resolved every `$ref` and validated the spec, so openapi-typescript's own bundle-and-lint pass
 * (Redocly) is skipped: on a 1,000-operation spec it was most of the time.
 * `format: binary` becomes `Uint8Array` (uploads take bytes, downloads give a Buffer).
 */
export function emitSchemaTypes(model: Model): string {
  const { transformSchema, astToString, resolveRef, ts } = schemaTools();
  // a fresh document no one else holds: openapi-typescript may write into it (discriminator enums)
  const schema = modelDocument(model) as unknown as Doc;
  const silent = { silent: true };
  const ctx: Ctx = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: { objects: {}, refsHandled: [] },
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: true,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined as unknown as Ctx['redoc'],
    silent: true,
    inject: undefined,
    transform: (s) => ('format' in s && s.format === 'binary' ? ts.factory.createTypeReferenceNode('Uint8Array') : undefined),
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: (ref) => resolveRef(schema, ref, silent),
  };
  return astToString(transformSchema(schema, ctx));
}
