/**
 * `types.gen.d.ts`, printed as text from the model: per operation its `…Args` / `…Data` types (types-args.ts),
 * the chain tree of node interfaces with each operation's TSDoc, `Endpoints`, `WxPayClient`. Self-contained:
 * it imports only the runtime's and the webhooks' types, never schema.gen.d.ts, so a consumer's tsc parses the
 * operations' types once (schema.gen.d.ts is there for whoever imports `paths` on purpose).
 */
import { isSerialHeader } from '../../templates/runtime/serial';
import type { Model, ModelOperation } from '../model';
import { describeLocation } from './locations';
import { NameTable, operationTypeBase, pascalOfChain, propertyKey, quote } from './names';
import { escapeDoc, markdownLink, tsDoc, type DocTag } from './tsdoc';
import { argsDeclaration, argsRequired, dataDeclaration } from './types-args';

/** Names the file declares or imports, never given to an operation's types. */
const RESERVED_NAMES = ['createClient', 'WxPayClient', 'Endpoints', 'WxPayChain', 'paths', 'operations', 'buildClient', 'ClientOptions', 'CallOptions', 'ApiResponse', 'SerialOptional', 'MultipartArgs', 'MerchantApi', 'WebhookNotification', 'webhooks'];

/** The text of types.gen.d.ts (without the banner). */
export function emitTypes(model: Model): string {
  const names = new NameTable();
  for (const reserved of RESERVED_NAMES) names.take(reserved);
  const imports = [`import type { ${runtimeImports(model).join(', ')} } from './runtime/index.js';\n`];
  if (model.webhooks.length > 0) imports.push("import type { WebhookNotification } from './webhook-types.gen.js';\n");
  const statements: string[] = [imports.join('')];
  const methodsByKey = new Map<string, string[]>();
  for (const op of model.operations) {
    const base = operationTypeBase(op);
    const args = names.take(`${base}Args`);
    const data = names.take(`${base}Data`);
    statements.push(argsDeclaration(op, args), dataDeclaration(op, data));
    const list = methodsByKey.get(op.key) ?? [];
    list.push(`${operationDoc(op)}  ${op.method.toLowerCase()}(args${argsRequired(op) ? '' : '?'}: ${args}): Promise<ApiResponse<${data}>>;\n`);
    methodsByKey.set(op.key, list);
  }
  const nodeName = new Map<string, string>();
  const nodes: string[] = [];
  const visit = (node: TreeNode): string => {
    const name = node.chain.length === 0 ? 'WxPayChain' : names.take(`${pascalOfChain(node.chain)}Node`);
    nodeName.set(node.chain.join('.'), name);
    const properties = [...node.children.entries()].map(([seg, child]) => `  readonly ${propertyKey(seg)}: ${visit(child)};\n`);
    const methods = node.key !== undefined ? methodsByKey.get(node.key) ?? [] : [];
    const doc = node.key !== undefined ? `\`/${node.key}\`` : node.chain.length === 0 ? 'The chain style: `client.v3.…`, one property per path segment.' : `\`/${node.segments.join('/')}/…\``;
    nodes.push(interfaceText(doc, name, [], [...properties, ...methods]));
    return name;
  };
  visit(buildTree(model.operations));
  statements.push(...nodes);
  const endpoints = model.operations.filter((op, i, all) => i === 0 || all[i - 1]!.key !== op.key);
  statements.push(interfaceText('Every endpoint by its path, for `client[\'v3/…\']` and `client.chain(\'v3/…\')`.', 'Endpoints', [], endpoints.map((op) => `  readonly ${quote(op.key)}: ${nodeName.get(op.chain.join('.')) ?? 'never'};\n`)));
  statements.push(interfaceText(
    'A WeChat Pay APIv3 client: every call is signed, sensitive fields are encrypted and decrypted, every answer is verified.',
    'WxPayClient',
    ['Endpoints', 'WxPayChain', model.webhooks.length > 0 ? 'MerchantApi<WebhookNotification>' : 'MerchantApi'],
    [`${tsDoc('The endpoint at `path`, e.g. `chain(\'v3/facemch/users/{face_sid}\')`.', 1)}  chain<K extends keyof Endpoints>(path: K): Endpoints[K];\n`],
  ));
  return statements.join('\n');
}

function interfaceText(doc: string, name: string, extendsList: readonly string[], members: readonly string[]): string {
  return `${tsDoc(doc, 0)}export interface ${name}${extendsList.length > 0 ? ` extends ${extendsList.join(', ')}` : ''} {\n${members.join('')}}\n`;
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

/** The TSDoc of an operation's method: summary, description, its sensitive fields, method and path, the doc page. */
function operationDoc(op: ModelOperation): string {
  const parts: string[] = [];
  if (op.summary) parts.push(escapeDoc(op.summary));
  if (op.description && op.description !== op.summary) parts.push(escapeDoc(op.description));
  const enc = [
    ...op.encrypted.request.map((loc) => `request \`${describeLocation(loc, op.body)}\``),
    ...op.encrypted.response.map((loc) => `response \`${describeLocation(loc, 'response')}\``),
  ];
  if (enc.length > 0) parts.push(`Sensitive fields, encrypted and decrypted by the client: ${enc.join(', ')}.`);
  parts.push(`\`${op.method} ${op.path}\``);
  if (op.externalDocs) parts.push(`See: ${markdownLink(op.externalDocs.url, op.externalDocs.description)}`);
  const tags: DocTag[] = op.deprecated ? [{ name: 'deprecated' }] : [];
  return tsDoc(parts.join('\n\n'), 1, tags);
}
