/**
 * Which absolute URLs the client will sign a request to (raw calls with `url`, downloads):
 * never an arbitrary host with the merchant's signature. Allowed are the client's own base
 * (`baseURL`, default `https://api.mch.weixin.qq.com`) and WeChat Pay's API hosts over https;
 * with a `baseURL` given, a URL on the default host goes to `baseURL` instead (the way every
 * call does), so a `download_url` of `https://api.mch.weixin.qq.com/…` reaches a test double.
 *
 * When the client's `servers` option lands (hosts), the hosts it maps from and to belong here too:
 * a URL on a mapped spec server goes where the map says, like a generated call.
 */
import { ValidationError } from './errors.js';

/** WeChat Pay's API hosts: the main one, its backup domain, and the Hong Kong (cross-border) one. */
export const WECHATPAY_HOSTS: ReadonlySet<string> = new Set(['api.mch.weixin.qq.com', 'api2.mch.weixin.qq.com', 'apihk.mch.weixin.qq.com']);

const DEFAULT_ORIGIN = 'https://api.mch.weixin.qq.com';

/** What the check needs from the client. */
export interface TargetContext {
  readonly origin: string;
  readonly basePath: string;
}

/** Where a request to an absolute URL goes, and the path + query that is sent and signed. */
export interface ResolvedTarget {
  readonly origin: string;
  /** Path and query exactly as sent (and signed). */
  readonly path: string;
}

/**
 * Resolves `url` (absolute) to where it is sent, or throws a ValidationError (nothing is
 * signed) for a host that is neither the client's nor WeChat Pay's.
 */
export function resolveTarget(ctx: TargetContext, url: string, what = 'url'): ResolvedTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ValidationError([{ path: what, message: 'must be an absolute http(s) URL' }]);
  }
  if (u.username || u.password) throw new ValidationError([{ path: what, message: 'must not carry credentials' }]);
  const path = u.pathname + u.search;
  if (u.origin === ctx.origin) return { origin: u.origin, path };
  if (u.protocol === 'https:' && WECHATPAY_HOSTS.has(u.hostname)) {
    if (u.origin === DEFAULT_ORIGIN && ctx.origin !== DEFAULT_ORIGIN) return { origin: ctx.origin, path: ctx.basePath + path };
    return { origin: u.origin, path };
  }
  throw new ValidationError([
    { path: what, message: `is on ${u.host}, which is neither this client's baseURL nor a WeChat Pay host: the merchant signature is never sent there` },
  ]);
}
