/**
 * Where a call goes: the operation's first spec server (else the API's default host), with the
 * server's path prefix kept (`https://api.mch.weixin.qq.com/hk` + `/v3/…`). `baseURL` stands in
 * for the default host wherever a server lives on it (so `/hk` operations follow it, prefix
 * and all); the `servers` option maps any spec server URL to another URL, and wins over
 * `baseURL`; a call's `server` picks another server (one of the operation's, or any URL) and is
 * mapped the same way. The path prefix is part of the URL that is sent and signed.
 */
import { ConfigError } from './errors.js';

/** The API's default host (the root document's first server). */
export const DEFAULT_SERVER = 'https://api.mch.weixin.qq.com';

/** Where requests go: origin (`https://host:port`) and path prefix without a trailing slash (usually `''`). */
export interface Target {
  readonly origin: string;
  readonly basePath: string;
}

export interface ServerOptions {
  /** Replaces the default host (`https://api.mch.weixin.qq.com`), keeping each server's path prefix. */
  readonly baseURL?: string | undefined;
  /** Spec server URL → the URL to use instead (a proxy, a test double, the mock). */
  readonly servers?: Readonly<Record<string, string>> | undefined;
}

/** Resolves spec server URLs to targets; results are cached per URL. */
export interface ServerResolver {
  /** The target for a spec server URL (`undefined`: the default host). */
  resolve(server: string | undefined): Target;
  /**
   * An absolute URL (a bill's `download_url`, a raw call's `url`) under a server the `servers` option
   * maps — the longest such prefix wins — rewritten to where the map says: origin and the path + query
   * to send and sign. `undefined` when no mapped server covers it.
   */
  mapUrl(url: URL): { readonly origin: string; readonly path: string } | undefined;
  /** Whether `origin` is one that the `servers` option sends to (a host the merchant chose). */
  isMappedOrigin(origin: string): boolean;
}

/** `https://x.com/hk/` → `https://x.com/hk` (the form spec URLs are compared in). */
export function normalizeServer(url: string): string {
  return url.replace(/\/+$/, '');
}

function parse(url: string, what: string): Target {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`${what} is not an absolute URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ConfigError(`${what} must be an http(s) URL`);
  if (u.search || u.hash || u.username || u.password) throw new ConfigError(`${what} must not have a query, fragment or credentials`);
  return { origin: u.origin, basePath: u.pathname.replace(/\/+$/, '') };
}

/** Checks the options once (a ConfigError names the option, never quotes a URL) and returns the resolver. */
export function compileServers(options: ServerOptions): ServerResolver {
  const base = options.baseURL !== undefined ? parse(options.baseURL, 'baseURL') : undefined;
  const map = new Map<string, Target>();
  const given = options.servers;
  if (given !== undefined) {
    if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new ConfigError('servers must be an object mapping spec server URLs to URLs');
    for (const from of Object.keys(given)) {
      const to = given[from];
      parse(from, 'a key of servers');
      if (typeof to !== 'string') throw new ConfigError('every value of servers must be a URL string');
      map.set(normalizeServer(from), parse(to, 'a value of servers'));
    }
  }
  const defaultOrigin = new URL(DEFAULT_SERVER).origin;
  const cache = new Map<string, Target>();
  return {
    resolve(server: string | undefined): Target {
      const key = normalizeServer(server ?? DEFAULT_SERVER);
      const hit = cache.get(key);
      if (hit) return hit;
      const mapped = map.get(key);
      let target: Target;
      if (mapped) target = mapped;
      else {
        const spec = parse(key, 'the server');
        target = base && spec.origin === defaultOrigin ? { origin: base.origin, basePath: base.basePath + spec.basePath } : spec;
      }
      if (cache.size < 64) cache.set(key, target);
      return target;
    },
    mapUrl(url: URL) {
      const href = url.origin + url.pathname;
      let best: string | undefined;
      for (const key of map.keys()) {
        if ((href === key || href.startsWith(`${key}/`)) && (best === undefined || key.length > best.length)) best = key;
      }
      const to = best === undefined ? undefined : map.get(best);
      if (best === undefined || to === undefined) return undefined;
      return { origin: to.origin, path: to.basePath + href.slice(best.length) + url.search };
    },
    isMappedOrigin(origin: string): boolean {
      for (const to of map.values()) if (to.origin === origin) return true;
      return false;
    },
  };
}
