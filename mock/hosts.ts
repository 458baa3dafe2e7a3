/**
 * The mock stands in for every WeChat Pay host on one port: an operation is served at its
 * servers' path prefixes (`https://api.mch.weixin.qq.com/hk` → `/hk/v3/…`; no servers of its
 * own: the default host, no prefix), and `clientOptions().servers` maps each spec server URL to
 * the mock with that prefix — so a call sent to the wrong host's path is a 404 here too.
 */
import type { Model, ModelOperation } from '../generator/model';

/** `https://apihk.mch.weixin.qq.com/global/` → `/global`; `https://api.mch.weixin.qq.com` → ``. */
export function serverPrefix(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** The path prefixes an operation is served at (distinct, in server order). */
export function operationPrefixes(op: ModelOperation): string[] {
  return op.servers ? [...new Set(op.servers.map((s) => serverPrefix(s.url)))] : [''];
}

/** Every spec server URL of the model → the mock's URL with that server's prefix. */
export function mockServers(model: Model, mockUrl: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const op of model.operations) for (const s of op.servers ?? []) out[s.url] = `${mockUrl}${serverPrefix(s.url)}`;
  return out;
}
