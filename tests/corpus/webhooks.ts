/**
 * The webhook side of the sweep: for every event of the whole site, a notification built from
 * the spec by the mock's sender (mock/notify-build.ts: AES-256-GCM with the APIv3 key, signed
 * with the simulated WeChat Pay key) — once with every documented field (the spec's examples,
 * else placeholders) and once with only the required ones, for each payload variant — handed
 * to the generated client's `notifications.parse`, and delivered over loopback HTTP
 * (mock/notify-send.ts) to its `nodeHandler`. A notification is `ok` only when it verified,
 * decrypted and validated and the handler's callback got the payload that was encrypted.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { Model, ModelSchema } from '../../generator/model';
import { buildNotification, deliverNotification, type MockKeys } from '../../mock';
import { exampleOf } from '../../mock/example';

export type HookPass = 'examples' | 'minimal';

export interface HookOutcome {
  readonly event: string;
  /** Payload variant (0 unless the page lists several). */
  readonly variant: number;
  readonly pass: HookPass;
  readonly via: 'parse' | 'nodeHandler';
  /** `ok`, or the failure's class (`signature:bad-signature`, `validation`, `decryption`, `data-mismatch`, `http:401`, …). */
  readonly cls: string;
  readonly detail?: string;
}

interface Parsed {
  readonly event_type: string;
  readonly data: unknown;
}

/** The notification side of a generated client, untyped. */
export interface NotifyClientModule {
  createClient(options: Record<string, unknown>): {
    notifications: {
      parse(input: { headers: Record<string, string>; body: string }): Promise<Parsed>;
      nodeHandler(cb: (n: Parsed) => unknown, options?: { onError?: (e: unknown) => void }): (req: unknown, res: unknown) => Promise<void>;
    };
  };
}

/** A payload with only the required fields (nested ones too), from the schema's examples. */
export function minimalOf(schema: ModelSchema, name: string): unknown {
  if (schema.type === 'object' && schema.properties && !schema.encrypted && schema.example === undefined) {
    const out: Record<string, unknown> = {};
    for (const key of schema.required ?? []) {
      const sub = schema.properties[key];
      if (sub) out[key] = minimalOf(sub, key);
    }
    return out;
  }
  if (schema.type === 'array' && schema.items && schema.example === undefined) return [minimalOf(schema.items, name)];
  return exampleOf(schema, name);
}

function classify(e: unknown): { cls: string; detail: string } {
  const err = e as { name?: string; reason?: string; message?: string; issues?: readonly { path: string; message: string }[] };
  if (err?.name === 'SignatureError') return { cls: `signature:${err.reason ?? '?'}`, detail: err.message ?? '' };
  if (err?.name === 'ValidationError') return { cls: 'validation', detail: (err.issues ?? []).slice(0, 3).map((i) => `${i.path} ${i.message}`).join('; ') };
  if (err?.name === 'DecryptionError') return { cls: 'decryption', detail: err.message ?? '' };
  return { cls: `error:${err?.name ?? typeof e}`, detail: err?.message ?? String(e) };
}

/** Every event × variant × pass, through `parse` and through `nodeHandler` over loopback HTTP. */
export async function webhookPass(model: Model, mod: NotifyClientModule, keys: MockKeys): Promise<HookOutcome[]> {
  const wxpay = mod.createClient({
    mchid: keys.mchid, serial: keys.serial, privateKey: keys.merchantPrivateKey,
    certs: { [keys.publicKeyId]: keys.wechatpayPublicKey }, apiV3Key: keys.apiV3Key,
  });
  const delivered: Parsed[] = [];
  const failures: unknown[] = [];
  const handler = wxpay.notifications.nodeHandler((n) => void delivered.push(n), { onError: (e) => void failures.push(e) });
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
  const out: HookOutcome[] = [];
  try {
    for (const hook of model.webhooks) {
      for (const [variant, schema] of hook.payload.entries()) {
        for (const pass of ['examples', 'minimal'] as const) {
          const payload = pass === 'examples' ? exampleOf(schema, 'data') : minimalOf(schema, 'data');
          const at = { event: hook.eventType, variant, pass };
          const built = buildNotification(keys, hook.eventType, payload);
          try {
            const n = await wxpay.notifications.parse({ headers: { ...built.headers }, body: built.body });
            const same = n.event_type === hook.eventType && isDeepStrictEqual(n.data, payload);
            out.push({ ...at, via: 'parse', cls: same ? 'ok' : 'data-mismatch', ...(same ? {} : { detail: JSON.stringify(n.data).slice(0, 120) }) });
          } catch (e) {
            out.push({ ...at, via: 'parse', ...classify(e) });
          }
          delivered.length = 0;
          failures.length = 0;
          const r = await deliverNotification(url, buildNotification(keys, hook.eventType, payload), keys);
          const a = r.attempts[0];
          const got = delivered[0];
          if (!r.delivered) out.push({ ...at, via: 'nodeHandler', cls: `http:${a?.status ?? 0}`, detail: failures.length > 0 ? `${classify(failures[0]).cls}: ${classify(failures[0]).detail}` : (a?.body ?? '') });
          else if (delivered.length !== 1 || got?.event_type !== hook.eventType || !isDeepStrictEqual(got.data, payload)) out.push({ ...at, via: 'nodeHandler', cls: 'data-mismatch', detail: `${delivered.length} callbacks` });
          else out.push({ ...at, via: 'nodeHandler', cls: 'ok' });
        }
      }
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return out;
}
