/**
 * Type-check cost for a user of each tool: `tsc --noEmit` of a small consumer making the same
 * three calls through (a) our client generated from the scale spec and (b) openapi-typescript's
 * types for the same spec + openapi-fetch. Same tsconfig for both (strict,
 * noUncheckedIndexedAccess, skipLibCheck as most projects have it). Each consumer also holds
 * one `@ts-expect-error` misuse, so a client whose types had collapsed to `any` would fail.
 * A third project with the same tsconfig and a consumer that imports nothing gives the floor:
 * what any tsc run of this configuration costs before any client is involved.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './exec';
import { median } from './stats';

export interface TscFigures {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** `--extendedDiagnostics` of the last run: Files, Lines, Identifiers, Symbols, Types, Instantiations, Memory used (K), Check time (s), Total time (s)… */
  readonly diagnostics: Readonly<Record<string, number>>;
}

export interface TypecheckResult {
  readonly ours: TscFigures;
  readonly openapiFetch: TscFigures;
  /** The same tsconfig with a consumer that imports nothing: tsc's own start-up, lib and @types/node. */
  readonly floor: TscFigures;
}

const KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000';

const OURS_CONSUMER = `import { createClient } from './gen/index.js';

const pem = process.env.WXPAY_KEY ?? '';

export async function threeCalls(): Promise<string[]> {
  const wxpay = createClient({ mchid: '1900000001', serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', privateKey: pem, certs: { ${KEY_ID}: pem } });
  const a = await wxpay.v3.gov.subsidy.qualifications.passthrough.query.post({
    json: { real_name: '张三', id_card_number: '110101199003071234', phone_number: '13800138000', qualification_region_code: 310100, identity_document_type: 'ID_DOC_TYPE_ID_CARD' },
  });
  const b = await wxpay.chain('v3/facemch/users/{face_sid}').get({ face_sid: 'aabbccdd12345', query: { info_type: 'ASK_REAL_NAME', appid: 'wx2b029c08a6233333' } });
  const c = await wxpay['v3/edu-papay/user/{openid}/contracts'].get({ openid: 'oUpF8uMuAJOM2pxb1Q', query: { appid: 'wx8888888888888888', plan_id: '101164396123311331' } });
  // @ts-expect-error not one of the enum values
  await wxpay.chain('v3/facemch/users/{face_sid}').get({ face_sid: 'x', query: { info_type: 'ASK_NOTHING', appid: 'wx' } });
  return [a.data.qualification_list[0]?.state ?? '', b.data.real_name_info?.encrypted_real_name ?? '', String(c.data.data?.length ?? 0)];
}
`;

const OPENAPI_FETCH_CONSUMER = `import createClient from 'openapi-fetch';
import type { paths } from './schema';

export async function threeCalls(): Promise<string[]> {
  const client = createClient<paths>({ baseUrl: 'https://api.mch.weixin.qq.com' });
  const a = await client.POST('/v3/gov/subsidy/qualifications/passthrough/query', {
    params: { header: { 'Wechatpay-Serial': '${KEY_ID}' } },
    body: { real_name: '张三', id_card_number: '110101199003071234', phone_number: '13800138000', qualification_region_code: 310100, identity_document_type: 'ID_DOC_TYPE_ID_CARD' },
  });
  const b = await client.GET('/v3/facemch/users/{face_sid}', { params: { path: { face_sid: 'aabbccdd12345' }, query: { info_type: 'ASK_REAL_NAME', appid: 'wx2b029c08a6233333' } } });
  const c = await client.GET('/v3/edu-papay/user/{openid}/contracts', { params: { path: { openid: 'oUpF8uMuAJOM2pxb1Q' }, query: { appid: 'wx8888888888888888', plan_id: '101164396123311331' } } });
  // @ts-expect-error not one of the enum values
  await client.GET('/v3/facemch/users/{face_sid}', { params: { path: { face_sid: 'x' }, query: { info_type: 'ASK_NOTHING', appid: 'wx' } } });
  return [a.data?.qualification_list[0]?.state ?? '', b.data?.real_name_info?.encrypted_real_name ?? '', String(c.data?.data?.length ?? 0)];
}
`;

const TSCONFIG = JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'preserve',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM'],
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      noEmit: true,
      isolatedModules: true,
    },
    files: ['consumer.ts'],
  },
  null,
  2,
);

function project(dir: string, repo: string, consumer: string, link?: { name: string; target: string }): void {
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (link) symlinkSync(link.target, join(dir, link.name));
  writeFileSync(join(dir, 'tsconfig.json'), TSCONFIG);
  writeFileSync(join(dir, 'consumer.ts'), consumer);
}

export function parseDiagnostics(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z][A-Za-z ()/-]*?):\s+([\d.]+)([Ks]?)\s*$/.exec(line.trim());
    if (m) out[m[1] as string] = Number(m[2]);
  }
  return out;
}

async function tsc(repo: string, dir: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; diagnostics: Record<string, number> }> {
  const r = await runOk(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json'), '--extendedDiagnostics'], {
    cwd: dir,
    env,
  });
  return { ms: r.ms, diagnostics: parseDiagnostics(r.stdout) };
}

/** Sets up both consumer projects in `tmp` and runs tsc on each `reps` times, alternating. */
export async function measureTypecheck(repo: string, tmp: string, oursGenerated: string, typesFile: string, reps: number, env: NodeJS.ProcessEnv): Promise<TypecheckResult> {
  const oursDir = join(tmp, 'tc-ours');
  const oatDir = join(tmp, 'tc-openapi-fetch');
  project(oursDir, repo, OURS_CONSUMER, { name: 'gen', target: oursGenerated });
  project(oatDir, repo, OPENAPI_FETCH_CONSUMER, { name: 'schema.d.ts', target: typesFile });
  const floorDir = join(tmp, 'tc-floor');
  project(floorDir, repo, 'export const nothing = 0;\n');
  const ours: { ms: number; diagnostics: Record<string, number> }[] = [];
  const oat: { ms: number; diagnostics: Record<string, number> }[] = [];
  const floor: { ms: number; diagnostics: Record<string, number> }[] = [];
  for (let i = 0; i < reps; i++) {
    ours.push(await tsc(repo, oursDir, env));
    oat.push(await tsc(repo, oatDir, env));
    floor.push(await tsc(repo, floorDir, env));
  }
  const figures = (rs: typeof ours): TscFigures => ({
    runsMs: rs.map((r) => r.ms),
    medianMs: median(rs.map((r) => r.ms)),
    diagnostics: rs[rs.length - 1]?.diagnostics ?? {},
  });
  return { ours: figures(ours), openapiFetch: figures(oat), floor: figures(floor) };
}
