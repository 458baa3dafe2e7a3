import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

/**
 * `schema.gen.ts`: the `paths` types of the whole spec, made by openapi-typescript from the
 * resolved document. `format: binary` becomes `Uint8Array` (uploads take bytes, downloads give a Buffer).
 */
export async function emitSchemaTypes(document: Readonly<Record<string, unknown>>): Promise<string> {
  const input = JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(input, {
    silent: true,
    immutable: true,
    transform: (schema) => ('format' in schema && schema.format === 'binary' ? ts.factory.createTypeReferenceNode('Uint8Array') : undefined),
  });
  return astToString(ast);
}
