import { ConfigError, ValidationError } from '../../templates/runtime/errors';
import { resolveTarget } from '../../templates/runtime/targets';
import { compileServers, DEFAULT_SERVER } from '../../templates/runtime/servers';

/** Where a call goes (DESIGN.md §8): expectations written from the design, one row per rule. */
const HK = 'https://api.mch.weixin.qq.com/hk';
const APIHK = 'https://apihk.mch.weixin.qq.com';
const GLOBAL = 'https://apihk.mch.weixin.qq.com/global';

describe('server resolution', () => {
  it.each([
    ['no options, no server: the default host', {}, undefined, 'https://api.mch.weixin.qq.com', ''],
    ['no options: the HK server keeps its /hk prefix', {}, HK, 'https://api.mch.weixin.qq.com', '/hk'],
    ['no options: apihk', {}, APIHK, 'https://apihk.mch.weixin.qq.com', ''],
    ['no options: apihk /global', {}, GLOBAL, 'https://apihk.mch.weixin.qq.com', '/global'],
    ['a trailing slash on the spec URL is the same server', {}, `${GLOBAL}/`, 'https://apihk.mch.weixin.qq.com', '/global'],
    ['baseURL replaces the default host', { baseURL: 'http://127.0.0.1:8080' }, undefined, 'http://127.0.0.1:8080', ''],
    ['baseURL with a path prefix', { baseURL: 'http://127.0.0.1:8080/proxy/' }, undefined, 'http://127.0.0.1:8080', '/proxy'],
    ['baseURL replaces the host of a server on the default host, its prefix stays', { baseURL: 'http://127.0.0.1:8080/proxy' }, HK, 'http://127.0.0.1:8080', '/proxy/hk'],
    ['baseURL leaves another host alone', { baseURL: 'http://127.0.0.1:8080' }, GLOBAL, 'https://apihk.mch.weixin.qq.com', '/global'],
    ['servers maps a spec server to any URL', { servers: { [GLOBAL]: 'http://127.0.0.1:9000/g' } }, GLOBAL, 'http://127.0.0.1:9000', '/g'],
    ['servers keys match with or without a trailing slash', { servers: { [`${APIHK}/`]: 'http://127.0.0.1:9001' } }, APIHK, 'http://127.0.0.1:9001', ''],
    ['servers wins over baseURL', { baseURL: 'http://127.0.0.1:8080', servers: { [HK]: 'http://127.0.0.1:9002/x' } }, HK, 'http://127.0.0.1:9002', '/x'],
    ['servers may map the default host itself', { servers: { [DEFAULT_SERVER]: 'http://127.0.0.1:9003' } }, undefined, 'http://127.0.0.1:9003', ''],
    ['a server the spec never names (a per-call URL) is used as it is', {}, 'http://127.0.0.1:9004/elsewhere', 'http://127.0.0.1:9004', '/elsewhere'],
  ] as const)('%s', (_name, options, server, origin, basePath) => {
    expect(compileServers(options).resolve(server)).toEqual({ origin, basePath });
  });

  it.each([
    ['baseURL not a URL', { baseURL: 'api.mch.weixin.qq.com' }],
    ['baseURL with a query', { baseURL: 'https://x.example/?a=1' }],
    ['baseURL ftp', { baseURL: 'ftp://x.example' }],
    ['servers not an object', { servers: 'https://x.example' as unknown as Record<string, string> }],
    ['a servers key not a URL', { servers: { hk: 'https://x.example' } }],
    ['a servers value not a URL', { servers: { [HK]: 'x.example' } }],
    ['a servers value with credentials', { servers: { [HK]: 'https://user:secret@x.example' } }],
  ] as const)('%s is a ConfigError that does not quote the URL', (_name, options) => {
    let thrown: unknown;
    try {
      compileServers(options);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(String((thrown as Error).message)).not.toMatch(/x\.example|secret/);
  });

  it('a per-call server that is not a URL is a ConfigError', () => {
    expect(() => compileServers({}).resolve('not a url')).toThrow(ConfigError);
  });
});

describe('absolute URLs (downloads, raw calls) follow the servers option', () => {
  // Expectations written from the design (DESIGN.md §8 and issue #12: "only WeChat Pay hosts, or those mapped by the client's servers option").
  const ctxOf = (options: Parameters<typeof compileServers>[0]) => {
    const servers = compileServers(options);
    const base = servers.resolve(undefined);
    return { origin: base.origin, basePath: base.basePath, servers };
  };
  it.each([
    ['a URL under a mapped server goes where the map says, prefix replaced', { servers: { [GLOBAL]: 'http://127.0.0.1:9000/g' } },
      `${GLOBAL}/v3/billdownload/file?token=x`, 'http://127.0.0.1:9000', '/g/v3/billdownload/file?token=x'],
    ['the HK prefix mapped; the default host not mapped stays', { servers: { [HK]: 'http://127.0.0.1:9002' } },
      'https://api.mch.weixin.qq.com/hk/v3/x', 'http://127.0.0.1:9002', '/v3/x'],
    ['the default host, unmapped, is WeChat Pay itself', { servers: { [HK]: 'http://127.0.0.1:9002' } },
      'https://api.mch.weixin.qq.com/v3/y?a=1', 'https://api.mch.weixin.qq.com', '/v3/y?a=1'],
    ['the longest mapped prefix wins', { servers: { [DEFAULT_SERVER]: 'http://127.0.0.1:9003', [HK]: 'http://127.0.0.1:9002' } },
      'https://api.mch.weixin.qq.com/hk/v3/x', 'http://127.0.0.1:9002', '/v3/x'],
    ['a prefix matches whole segments only (/hkx is not under /hk)', { servers: { [DEFAULT_SERVER]: 'http://127.0.0.1:9003', [HK]: 'http://127.0.0.1:9002' } },
      'https://api.mch.weixin.qq.com/hkx/v3', 'http://127.0.0.1:9003', '/hkx/v3'],
    ['a URL on a host the map sends to is allowed as it is', { servers: { [HK]: 'http://127.0.0.1:9002' } },
      'http://127.0.0.1:9002/v3/billdownload/file?token=1', 'http://127.0.0.1:9002', '/v3/billdownload/file?token=1'],
  ] as const)('%s', (_name, options, url, origin, path) => {
    expect(resolveTarget(ctxOf(options), url)).toEqual({ origin, path });
  });

  it('a host that is neither the client\'s, mapped, nor WeChat Pay\'s is refused before anything is signed', () => {
    const ctx = ctxOf({ servers: { [HK]: 'http://127.0.0.1:9002' } });
    expect(() => resolveTarget(ctx, 'https://evil.example/v3/billdownload/file')).toThrow(ValidationError);
    expect(() => resolveTarget(ctx, 'http://127.0.0.1:9999/v3/x')).toThrow(ValidationError);
  });
});
