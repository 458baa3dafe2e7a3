import { transformSchema } from 'openapi-typescript';
import { astToString } from 'openapi-typescript';
import ts from 'typescript';

type Ctx = Parameters<typeof transformSchema>[1];
type Doc = Parameters<typeof transformSchema>[0];

/**
 * `schema.gen.ts`: the `paths` types of the whole spec, made by openapi-typescript's
 * `transformSchema` from the resolved document. Our load and model stages have already
 * resolved every `$ref` and validated the spec, so openapi-typescript's own
 * bundle-and-lint pass (Redocly) is skipped: on a 1,000-operation spec it was most of the time.
 * `format: binary` becomes `Uint8Array` (uploads take bytes, downloads give a Buffer).
 */
export function emitSchemaTypes(document: Readonly<Record<string, unknown>>): string {
  const schema = JSON.parse(JSON.stringify(document)) as Doc;
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
    resolve: () => {
      throw new Error('wxpay-gen: unexpected $ref after loading; the load stage resolves every $ref');
    },
  };
  return astToString(transformSchema(schema, ctx));
}
