/**
 * A TypeScript file that holds every operation's client types (types.gen.d.ts, written out from the model)
 * identical to the `paths` types of schema.gen.d.ts (the shape of openapi-typescript, which
 * tests/generator/schema-print.test.ts holds it to), in the indexed-access form the client types had when
 * they were defined from `paths`: the arguments slot by slot (path parameters, `query`, `headers` with
 * `Wechatpay-Serial` optional, `json`, `multipart`'s `meta`), whether the arguments may be left out, and
 * the data of the success answer. Identity, not assignability: readonly-ness, optionality and every
 * member's type must be the same. It compiles cleanly exactly when they all are.
 */
import { isSerialHeader } from '../../templates/runtime/serial';
import type { Model, ModelOperation } from '../../generator/model';

const q = (s: string): string => JSON.stringify(s);

/** The `paths`-based type of the arguments of `op`, as `interface E extends CallOptions { … }` members. */
function expectedArgs(op: ModelOperation, p: string): string[] {
  const members: string[] = [];
  for (const param of op.parameters.filter((x) => x.in === 'path')) members.push(`readonly ${q(param.name)}: ${p}['parameters']['path'][${q(param.name)}];`);
  const query = op.parameters.filter((x) => x.in === 'query');
  if (query.length > 0) members.push(`readonly query${query.some((x) => x.required) ? '' : '?'}: NonNullable<${p}['parameters']['query']>;`);
  const headers = op.parameters.filter((x) => x.in === 'header');
  if (headers.length > 0) {
    const type = `NonNullable<${p}['parameters']['header']>`;
    const serial = headers.some((x) => isSerialHeader(x.name));
    members.push(`readonly headers${headers.some((x) => x.required && !isSerialHeader(x.name)) ? '' : '?'}: ${serial ? `SerialOptional<${type}>` : type};`);
  }
  const optional = op.bodyRequired ? '' : '?';
  if (op.body === 'json') members.push(`readonly json${optional}: NonNullable<${p}['requestBody']>['content']['application/json'];`);
  if (op.body === 'multipart') members.push(`readonly multipart${optional}: MultipartArgs<NonNullable<${p}['requestBody']>['content']['multipart/form-data']['meta']>;`);
  return members;
}

/** Whether the call may be made without arguments: nothing required but `Wechatpay-Serial`. */
function argsOptional(op: ModelOperation): boolean {
  return !op.parameters.some((x) => x.required && (x.in !== 'header' || !isSerialHeader(x.name))) && !(op.body !== 'none' && op.bodyRequired);
}

/**
 * The file, importing the client from `client` (its folder, as a module specifier without extension, e.g.
 * `./out/index`) and `paths` from `schema` (`./out/schema.gen`).
 */
export function equivalenceSource(model: Model, client: string, schema: string): string {
  const lines = [
    `import type { CallOptions, Endpoints, MultipartArgs, SerialOptional } from ${q(client)};`,
    `import type { paths } from ${q(schema)};`,
    'type Eq<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;',
    'type Assert<T extends true> = T;',
    '// the check is not vacuous: readonly-ness and optionality are told apart',
    '// @ts-expect-error readonly vs mutable',
    'export type ReadonlyMatters = Assert<Eq<{ readonly a: string }, { a: string }>>;',
    '// @ts-expect-error optional vs required',
    'export type OptionalMatters = Assert<Eq<{ readonly a?: string }, { readonly a: string }>>;',
    'export type CallOptionsUsed = CallOptions | MultipartArgs | SerialOptional<{ readonly a: string }>;',
  ];
  model.operations.forEach((op, i) => {
    const method = op.method.toLowerCase();
    const p = `paths[${q(op.path)}][${q(method)}]`;
    const fn = `Endpoints[${q(op.key)}][${q(method)}]`;
    lines.push(`interface E${i} extends CallOptions { ${expectedArgs(op, p).join(' ')} }`);
    lines.push(`export type Args${i} = Assert<Eq<Parameters<${fn}>, [args${argsOptional(op) ? '?' : ''}: E${i}]>>;`);
    const data = op.success.kind === 'empty' ? 'undefined' : `${p}['responses'][${op.success.status}]['content'][${q(op.success.contentType ?? 'application/json')}]`;
    lines.push(`export type Data${i} = Assert<Eq<Awaited<ReturnType<${fn}>>['data'], ${data}>>;`);
  });
  return `${lines.join('\n')}\n`;
}
