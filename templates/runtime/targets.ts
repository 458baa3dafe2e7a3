/**
 * Which absolute URLs the client will sign a request to (raw calls with `url`, downloads):
 * never an arbitrary host with the merchant's signature. Allowed are the client's own base
 * (`baseURL`, default `https://api.mch.weixin.qq.com`) and WeChat Pay's API hosts over https;
 * with a `baseURL` given, a URL on the default host goes to `baseURL` instead (the way every
 * call does), so a `download_url` of `https://api.mch.weixin.qq.com/…` reaches a test double.
 * A URL under a server that the client's `servers` option maps goes where the map says, like a
 * generated call; a URL on a host the map sends to (the merchant's own choice) is allowed as it is.
 */
import { ValidationError } from './errors.js';
import type { ServerResolver } from './servers.js';

/** WeChat Pay's API hosts: the main one, its backup domain, and the Hong Kong (cross-border) one. */
export const WECHATPAY_HOSTS: ReadonlySet<string> = new Set(['api.mch.weixin.qq.com', 'api2.mch.weixin.qq.com', 'apihk.mch.weixin.qq.com']);

const DEFAULT_ORIGIN = 'https://api.mch.weixin.qq.com';

/** What the check needs from the client. */
export interface TargetContext {
  readonly origin: string;
  readonly basePath: string;
  /** The client's `servers` option, compiled. */
  readonly servers?: ServerResolver;
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
  const mapped = ctx.servers?.mapUrl(u);
  if (mapped) return mapped;
  if (u.origin === ctx.origin || ctx.servers?.isMappedOrigin(u.origin) === true) return { origin: u.origin, path };
  if (u.protocol === 'https:' && WECHATPAY_HOSTS.has(u.hostname)) {
    if (u.origin === DEFAULT_ORIGIN && ctx.origin !== DEFAULT_ORIGIN) return { origin: ctx.origin, path: ctx.basePath + path };
    return { origin: u.origin, path };
  }
  throw new ValidationError([
    { path: what, message: `is on ${u.host}, which is neither this client's baseURL, a host of its servers option, nor a WeChat Pay host: the merchant signature is never sent there` },
  ]);
}
