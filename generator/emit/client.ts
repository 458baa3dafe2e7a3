import {
  IndentationText, NewLineKind, Project, QuoteKind, StructureKind,
  type InterfaceDeclarationStructure, type JSDocStructure, type MethodSignatureStructure,
  type OptionalKind, type PropertySignatureStructure, type StatementStructures,
} from 'ts-morph';
import { isSerialHeader } from '../../templates/runtime/serial';
import type { Model, ModelOperation } from '../model';
import { fieldDoc } from './field-doc';
import { describeLocation } from './locations';
import { printSourceFile } from './print';
import { NameTable, operationTypeBase, pascalOfChain, propertyKey, quote } from './names';

/** The two files of the client: its types, and the module that creates it. */
export interface ClientFiles {
  /** `types.gen.d.ts`: argument and result types per operation, the chain tree, `Endpoints`, `WxPayClient`. */
  readonly types: string;
  /** `client.gen.ts`: `createClient`, and the types re-exported. */
  readonly client: string;
}

/**
 * Builds both files from structures and prints each once. The types go in a declaration
 * file: consumers' `tsc` (with the usual `skipLibCheck`) then resolves only the types their
 * code touches instead of checking thousands of declarations on every build.
 */
export function emitClient(model: Model): ClientFiles {
  const names = new NameTable();
  for (const reserved of ['createClient', 'WxPayClient', 'Endpoints', 'WxPayChain', 'paths', 'operations', 'buildClient', 'ClientOptions', 'CallOptions', 'ApiResponse', 'SerialOptional', 'MultipartArgs', 'MerchantApi', 'WebhookNotification', 'webhooks']) names.take(reserved);
  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/index.js', isTypeOnly: true, namedImports: runtimeImports(model) },
    ...(model.operations.length > 0 ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: './schema.gen.js', isTypeOnly: true, namedImports: ['paths'] }] : []),
    ...(model.webhooks.length > 0 ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: './webhooks.gen.js', isTypeOnly: true, namedImports: ['WebhookNotification'] }] : []),
  ];
  const methodsByKey = new Map<string, OptionalKind<MethodSignatureStructure>[]>();
  for (const op of model.operations) {
    const base = operationTypeBase(op);
    const args = names.take(`${base}Args`);
    const data = names.take(`${base}Data`);
    statements.push(argsInterface(op, args), { kind: StructureKind.TypeAlias, name: data, isExported: true, type: dataType(op), docs: [`The data of a successful \`${op.method} ${op.path}\`${op.encrypted.response.length ? ', sensitive fields already decrypted' : ''}.`] });
    const list = methodsByKey.get(op.key) ?? [];
    list.push({ name: op.method.toLowerCase(), parameters: [{ name: 'args', type: args, hasQuestionToken: !argsRequired(op) }], returnType: `Promise<ApiResponse<${data}>>`, docs: [operationDoc(op)] });
    methodsByKey.set(op.key, list);
  }
  const tree = buildTree(model.operations);
  const nodeName = new Map<string, string>();
  const nodeStatements: InterfaceDeclarationStructure[] = [];
  const visit = (node: TreeNode): string => {
    const name = node.chain.length === 0 ? 'WxPayChain' : names.take(`${pascalOfChain(node.chain)}Node`);
    nodeName.set(node.chain.join('.'), name);
    const properties: OptionalKind<PropertySignatureStructure>[] = [...node.children.entries()].map(([seg, child]) => ({ name: propertyKey(seg), type: visit(child), isReadonly: true }));
    const methods = node.key !== undefined ? methodsByKey.get(node.key) ?? [] : [];
    nodeStatements.push({
      kind: StructureKind.Interface, name, isExported: true, properties, methods,
      docs: [node.key !== undefined ? `\`/${node.key}\`` : node.chain.length === 0 ? 'The chain style: `client.v3.…`, one property per path segment.' : `\`/${node.segments.join('/')}/…\``],
    });
    return name;
  };
  visit(tree);
  statements.push(...nodeStatements);
  const endpoints = model.operations.filter((op, i, all) => i === 0 || all[i - 1]!.key !== op.key);
  statements.push({
    kind: StructureKind.Interface, name: 'Endpoints', isExported: true,
    docs: ['Every endpoint by its path, for `client[\'v3/…\']` and `client.chain(\'v3/…\')`.'],
    properties: endpoints.map((op) => ({ name: quote(op.key), type: nodeName.get(op.chain.join('.')) ?? 'never', isReadonly: true })),
  });
  statements.push({
    kind: StructureKind.Interface, name: 'WxPayClient', isExported: true, extends: ['Endpoints', 'WxPayChain', model.webhooks.length > 0 ? 'MerchantApi<WebhookNotification>' : 'MerchantApi'],
    docs: ['A WeChat Pay APIv3 client: every call is signed, sensitive fields are encrypted and decrypted, every answer is verified.'],
    methods: [{ name: 'chain', typeParameters: [{ name: 'K', constraint: 'keyof Endpoints' }], parameters: [{ name: 'path', type: 'K' }], returnType: 'Endpoints[K]', docs: ['The endpoint at `path`, e.g. `chain(\'v3/facemch/users/{face_sid}\')`.'] }],
  });
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, newLineKind: NewLineKind.LineFeed, useTrailingCommas: true },
  });
  const types = printSourceFile(project, 'types.gen.d.ts', { statements });
  const client = printSourceFile(project, 'client.gen.ts', {
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/index.js', namedImports: ['buildClient', 'type ClientOptions'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './operations.gen.js', namedImports: ['operations'] },
      ...(model.webhooks.length > 0 ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: './webhooks.gen.js', namedImports: ['webhooks'] }] : []),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './types.gen.js', isTypeOnly: true, namedImports: ['WxPayClient'] },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './types.gen.js', isTypeOnly: true },
      {
        kind: StructureKind.Function, name: 'createClient', isExported: true,
        parameters: [{ name: 'options', type: 'ClientOptions' }], returnType: 'WxPayClient',
        statements: [model.webhooks.length > 0 ? 'return buildClient<WxPayClient>(operations, options, webhooks);' : 'return buildClient<WxPayClient>(operations, options);'],
        docs: ['Creates a client. Keys are parsed once, here; a malformed key throws at once.'],
      },
    ],
  });
  return { types, client };
}

interface TreeNode {
  readonly chain: readonly string[];
  /** The URL segments this node stands for (`edu-papay`, `{openid}`). */
  readonly segments: readonly string[];
  key?: string;
  readonly children: Map<string, TreeNode>;
}

function buildTree(ops: readonly ModelOperation[]): TreeNode {
  const root: TreeNode = { chain: [], segments: [], children: new Map() };
  for (const op of ops) {
    let node = root;
    const segments = op.key.split('/');
    for (const [i, seg] of op.chain.entries()) {
      let child = node.children.get(seg);
      if (!child) {
        child = { chain: [...node.chain, seg], segments: segments.slice(0, i + 1), children: new Map() };
        node.children.set(seg, child);
      }
      node = child;
    }
    node.key = op.key;
  }
  return root;
}

/** Only what the file uses, so consumers with `noUnusedLocals` compile it cleanly. */
function runtimeImports(model: Model): string[] {
  const ops = model.operations;
  return [
    'MerchantApi',
    ...(ops.length > 0 ? ['ApiResponse', 'CallOptions'] : []),
    ...(ops.some((op) => op.body === 'multipart') ? ['MultipartArgs'] : []),
    ...(ops.some((op) => op.parameters.some((p) => p.in === 'header' && isSerialHeader(p.name))) ? ['SerialOptional'] : []),
  ];
}

function opType(op: ModelOperation): string {
  return `paths[${quote(op.path)}][${quote(op.method.toLowerCase())}]`;
}

function argsRequired(op: ModelOperation): boolean {
  return op.parameters.some((p) => p.required && (p.in !== 'header' || !isSerialHeader(p.name))) || (op.body !== 'none' && op.bodyRequired);
}

function argsInterface(op: ModelOperation, name: string): InterfaceDeclarationStructure {
  const t = opType(op);
  const properties: OptionalKind<PropertySignatureStructure>[] = [];
  for (const p of op.parameters.filter((q) => q.in === 'path')) {
    const doc = fieldDoc(p.schema, p.description ?? p.schema.description, 'request');
    properties.push({ name: propertyKey(p.name), type: `${t}['parameters']['path'][${quote(p.name)}]`, isReadonly: true, ...(doc !== undefined ? { docs: [escapeDoc(doc)] } : {}) });
  }
  const query = op.parameters.filter((p) => p.in === 'query');
  if (query.length > 0) {
    properties.push({ name: 'query', hasQuestionToken: !query.some((p) => p.required), type: `NonNullable<${t}['parameters']['query']>`, isReadonly: true, docs: ['Query parameters, encoded once onto the URL.'] });
  }
  const headers = op.parameters.filter((p) => p.in === 'header');
  if (headers.length > 0) {
    const serial = headers.some((p) => isSerialHeader(p.name));
    const required = headers.some((p) => p.required && !isSerialHeader(p.name));
    const type = `NonNullable<${t}['parameters']['header']>`;
    properties.push({ name: 'headers', hasQuestionToken: !required, type: serial ? `SerialOptional<${type}>` : type, isReadonly: true, docs: [serial ? 'Request headers; `Wechatpay-Serial` is filled in by the client when left out.' : 'Request headers.'] });
  }
  if (op.body === 'json') {
    properties.push({ name: 'json', hasQuestionToken: !op.bodyRequired, type: `NonNullable<${t}['requestBody']>['content']['application/json']`, isReadonly: true, docs: ['The JSON body; `x-encrypted` fields are given in plaintext and encrypted by the client.'] });
  } else if (op.body === 'multipart') {
    properties.push({ name: 'multipart', hasQuestionToken: !op.bodyRequired, type: `MultipartArgs<NonNullable<${t}['requestBody']>['content']['multipart/form-data']['meta']>`, isReadonly: true, docs: ['The upload: the `file` bytes and the `meta` JSON that describes them (and is signed).'] });
  }
  return { kind: StructureKind.Interface, name, isExported: true, extends: ['CallOptions'], properties, docs: [`Arguments of \`${op.method} ${op.path}\`.`] };
}

function dataType(op: ModelOperation): string {
  if (op.success.kind === 'empty') return 'undefined';
  return `${opType(op)}['responses'][${op.success.status}]['content'][${quote(op.success.contentType ?? 'application/json')}]`;
}

function operationDoc(op: ModelOperation): JSDocStructure {
  const parts: string[] = [];
  if (op.summary) parts.push(escapeDoc(op.summary));
  if (op.description && op.description !== op.summary) parts.push(escapeDoc(op.description));
  const enc = [
    ...op.encrypted.request.map((loc) => `request \`${describeLocation(loc, op.body)}\``),
    ...op.encrypted.response.map((loc) => `response \`${describeLocation(loc, 'response')}\``),
  ];
  if (enc.length > 0) parts.push(`Sensitive fields, encrypted and decrypted by the client: ${enc.join(', ')}.`);
  parts.push(`\`${op.method} ${op.path}\``);
  const tags = [];
  if (op.externalDocs) tags.push({ kind: StructureKind.JSDocTag as const, tagName: 'see', text: `{@link ${op.externalDocs.url}${op.externalDocs.description ? ` | ${escapeDoc(op.externalDocs.description)}` : ''}}` });
  if (op.deprecated) tags.push({ kind: StructureKind.JSDocTag as const, tagName: 'deprecated' });
  return { kind: StructureKind.JSDoc, description: parts.join('\n\n'), tags };
}

function escapeDoc(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/\r\n?/g, '\n').trim();
}
