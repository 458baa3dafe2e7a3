/** An operation's `servers` (OpenAPI: the operation's own, else its path item's): where it is sent. */
import { isRecord, type ModelContext } from './context';
import type { ModelServer } from './types';

/** The servers of an operation, checked; undefined when neither it nor its path item lists any. */
export function readServers(ctx: ModelContext, op: Record<string, unknown>, item: object): ModelServer[] | undefined {
  const pathItem = item as Record<string, unknown>;
  const holder = op['servers'] !== undefined ? op : pathItem['servers'] !== undefined ? pathItem : undefined;
  if (!holder) return undefined;
  const list = holder['servers'];
  if (!Array.isArray(list) || list.length === 0) {
    ctx.report(holder, 'servers', '`servers` must be a non-empty list of `{ url, description? }`');
    return undefined;
  }
  const out: ModelServer[] = [];
  list.forEach((s, i) => {
    const url = isRecord(s) ? s['url'] : undefined;
    if (typeof url !== 'string') {
      ctx.report(list, i, 'a server must be a mapping with a `url` string');
      return;
    }
    const problem = serverUrlProblem(url);
    if (problem !== undefined) {
      ctx.report(s as object, 'url', problem);
      return;
    }
    const description = (s as Record<string, unknown>)['description'];
    out.push({ url: url.replace(/\/+$/, ''), ...(typeof description === 'string' ? { description } : {}) });
  });
  return out.length === list.length ? out : undefined;
}

function serverUrlProblem(url: string): string | undefined {
  if (/\{[^}]*\}/.test(url)) return `server "${url}" uses server variables, which wxpay-gen does not support; list each URL as its own server`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `server "${url}" is not an absolute URL (e.g. https://apihk.mch.weixin.qq.com)`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `server "${url}" must be an http(s) URL`;
  if (u.search || u.hash || u.username || u.password) return `server "${url}" must not have a query, fragment or credentials`;
  return undefined;
}
