/**
 * Payment parameters (调起支付签名): what the merchant's server hands its front end after a
 * JSAPI / mini-program / APP order returned `prepay_id`. Field names, formats and the signed
 * strings are those of the official SDKs (wechatpay-go `services/payments/{jsapi,app}`
 * `PrepayWithRequestPayment`, wechatpay-java `JsapiServiceExtension` / `AppServiceExtension`):
 *
 * - JSAPI and mini-program: `paySign` = SHA256withRSA over `appId\ntimeStamp\nnonceStr\npackage\n`;
 * - APP: `sign` = SHA256withRSA over `appid\ntimestamp\nnoncestr\nprepayid\n`.
 *
 * Every call takes a fresh nonce (32 characters) and the current Unix time in seconds, as a string.
 */
import type { KeyObject } from 'node:crypto';
import { nonce, signMessage } from './crypto.js';
import { ConfigError, ValidationError } from './errors.js';
import type { ValidationIssue } from './errors.js';

/** The argument of `payments.jsapi` / `payments.app`. */
export interface PaymentParamsArgs {
  /** The AppID the order was placed with (公众号 / 小程序 / 移动应用 AppID). */
  readonly appId: string;
  /** `prepay_id` of the order's answer. */
  readonly prepayId: string;
}

/** The argument of `payments.app`: `partnerId` defaults to the client's `mchid` (a service provider passes the sub-merchant's). */
export interface AppPaymentParamsArgs extends PaymentParamsArgs {
  readonly partnerId?: string;
}

/** For `wx.requestPayment` (mini-program) and `WeixinJSBridge.invoke('getBrandWCPayRequest', …)` (JSAPI). */
export interface JsapiPaymentParams {
  readonly appId: string;
  /** Unix time in seconds, as a string. */
  readonly timeStamp: string;
  readonly nonceStr: string;
  /** `prepay_id=…` */
  readonly package: string;
  readonly signType: 'RSA';
  readonly paySign: string;
}

/** For the APP SDK's `PayReq` (`sendReq`). */
export interface AppPaymentParams {
  readonly appid: string;
  /** The merchant number. */
  readonly partnerid: string;
  readonly prepayid: string;
  readonly package: 'Sign=WXPay';
  readonly noncestr: string;
  /** Unix time in seconds, as a string. */
  readonly timestamp: string;
  readonly sign: string;
}

/** `wxpay.payments`: signs payment parameters with the merchant private key; no network call. */
export interface PaymentsApi {
  /** JSAPI and mini-program payment parameters (mini-programs use the same). */
  jsapi(args: PaymentParamsArgs): JsapiPaymentParams;
  /** APP payment parameters. */
  app(args: AppPaymentParamsArgs): AppPaymentParams;
}

/** What the helpers need from the client. */
export interface PaymentsContext {
  readonly mchid: string;
  readonly privateKey: KeyObject;
  /** Seconds since the epoch (injectable for tests); default the system clock. */
  readonly now?: () => number;
}

function check(args: unknown, names: readonly string[], optional: readonly string[] = []): Record<string, string | undefined> {
  if (!args || typeof args !== 'object' || Array.isArray(args)) {
    throw new ValidationError([{ path: '(arguments)', message: 'must be an object' }]);
  }
  const o = args as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const out: Record<string, string | undefined> = {};
  for (const name of [...names, ...optional]) {
    const v = o[name];
    if (v === undefined && optional.includes(name)) continue;
    // A line break would shift the signed lines: the front end would then fail with a signature error.
    if (typeof v !== 'string' || v.length === 0) issues.push({ path: name, message: 'must be a non-empty string' });
    else if (/[\r\n]/.test(v)) issues.push({ path: name, message: 'must not contain line breaks' });
    else out[name] = v;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}

function sign(ctx: PaymentsContext, message: string): string {
  try {
    return signMessage(message, ctx.privateKey);
  } catch {
    throw new ConfigError('the merchant private key cannot sign');
  }
}

function timestampOf(ctx: PaymentsContext): string {
  return String(Math.floor(ctx.now ? ctx.now() : Date.now() / 1000));
}

/** Builds `wxpay.payments` for a client. */
export function paymentsApi(ctx: PaymentsContext): PaymentsApi {
  return Object.freeze({
    jsapi(args: PaymentParamsArgs): JsapiPaymentParams {
      const a = check(args, ['appId', 'prepayId']);
      const appId = a['appId'] as string;
      const timeStamp = timestampOf(ctx);
      const nonceStr = nonce();
      const pkg = `prepay_id=${a['prepayId'] as string}`;
      const paySign = sign(ctx, `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`);
      return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
    },
    app(args: AppPaymentParamsArgs): AppPaymentParams {
      const a = check(args, ['appId', 'prepayId'], ['partnerId']);
      const appid = a['appId'] as string;
      const prepayid = a['prepayId'] as string;
      const timestamp = timestampOf(ctx);
      const noncestr = nonce();
      const signature = sign(ctx, `${appid}\n${timestamp}\n${noncestr}\n${prepayid}\n`);
      return { appid, partnerid: a['partnerId'] ?? ctx.mchid, prepayid, package: 'Sign=WXPay', noncestr, timestamp, sign: signature };
    },
  });
}
