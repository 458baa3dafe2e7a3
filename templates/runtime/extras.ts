/**
 * What the client offers beside the generated endpoints: payment parameters, the raw signed
 * call, notifications, and (in their own files) downloads and platform certificates. Hung on
 * the client's root under names no endpoint can take (every endpoint key starts with `v3/…`).
 */
import type { ClientContext } from './request.js';
import { paymentsApi } from './payments.js';
import type { PaymentsApi } from './payments.js';
import type { Notification, WebhookTable } from './notification-types.js';
import { notificationsApi } from './notifications-api.js';
import type { NotificationsApi } from './notifications-api.js';
import { rawRequest } from './raw.js';
import type { RawRequest } from './raw.js';
import { PlatformStore } from './certificates.js';
import type { CertificatesApi, PlatformCertificate } from './certificates.js';
import { download } from './download.js';
import type { DownloadedFile, DownloadOptions, DownloadResult } from './download.js';
import type { ApiResponse } from './types.js';

/** The client's own helpers, beside the endpoints. */
export interface MerchantApi<N extends Notification = Notification> {
  /** Payment parameters for the front end (JSAPI / mini-program / APP), signed with the merchant key. */
  readonly payments: PaymentsApi;
  /** Notifications (回调通知): verified over the raw bytes, decrypted with the APIv3 key, typed by `event_type`. */
  readonly notifications: NotificationsApi<N>;
  /**
   * A signed, verified call to an endpoint not (yet) in the spec: `{ method, path | url, query,
   * json, headers, encrypt, decrypt }` plus the call options. Untyped by design.
   */
  request(args: RawRequest): Promise<ApiResponse<unknown>>;
  /**
   * A bill or file at a `download_url`: signed GET (client's baseURL or a WeChat Pay host only),
   * gunzipped for `tartype=GZIP`, checked against `hashType` / `hashValue` (over the file after
   * gunzip). With `to` (a path or a writable stream) it streams with bounded memory.
   */
  download(url: string, options: DownloadOptions & { readonly to: string | NodeJS.WritableStream }): Promise<DownloadResult>;
  download(url: string, options?: DownloadOptions & { readonly to?: undefined }): Promise<DownloadedFile>;
  /** Platform certificates: download (decrypt with the APIv3 key, verify), list, stop the background refresh. */
  readonly certificates: CertificatesApi;
}

/** Root property names the helpers take. */
export const EXTRA_NAMES: ReadonlySet<string> = new Set(['payments', 'notifications', 'request', 'download', 'certificates']);

/** The helpers of one client. */
export function merchantApi(ctx: ClientContext, webhooks: WebhookTable = {}): MerchantApi {
  return {
    payments: paymentsApi({ mchid: ctx.mchid, privateKey: ctx.keys.privateKey }),
    notifications: notificationsApi({ certs: ctx.keys.certs, apiV3Key: ctx.keys.apiV3Key, validate: ctx.validate, strictNotifications: ctx.strictNotifications, webhooks }),
    request: (args: RawRequest) => rawRequest(ctx, args),
    download: ((url: string, options?: DownloadOptions) => download(ctx, url, options)) as MerchantApi['download'],
    certificates: certificatesApi(ctx),
  };
}

/** `wxpay.certificates`: the client's store (made on first use when the option did not make one). */
function certificatesApi(ctx: ClientContext): CertificatesApi {
  let own: PlatformStore | undefined;
  const store = (): PlatformStore => ctx.platform ?? (own ??= new PlatformStore(ctx, { background: false }));
  return Object.freeze({
    download: (options?: { readonly signal?: AbortSignal; readonly timeout?: number }): Promise<readonly PlatformCertificate[]> => store().refresh(options),
    list: (): readonly PlatformCertificate[] => (ctx.platform ?? own)?.list() ?? [],
    stop: (): void => (ctx.platform ?? own)?.stop(),
  });
}
