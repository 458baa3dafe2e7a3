/**
 * The wxpay-gen runtime: copied verbatim into every generated client, depends on Node
 * built-ins only (`node:crypto`, global `fetch`).
 *
 * `buildClient(operations, options)` parses the keys once and returns a plain object tree;
 * every method takes one argument — path parameters by name, `json` / `query` / `headers`
 * (or `multipart: { file, filename?, contentType?, meta }` for uploads), and the call options
 * `signal`, `timeout`, `decryptKey` — and resolves to `{ status, headers, data }`.
 *
 * Behaviour worth knowing:
 * - Every request is signed (WECHATPAY2-SHA256-RSA2048) over the exact wire path, query and
 *   body; an upload is signed over its `meta` JSON, as WeChat Pay specifies.
 * - `Wechatpay-Serial` is always sent: the caller's, else the first `PUB_KEY_ID_…` of `certs`,
 *   else the newest certificate, else the last key. Sensitive request fields are encrypted
 *   with the key it names; a serial missing from `certs` is then an EncryptionError.
 * - Every 2xx response is verified before it is parsed — except `binary` downloads, which
 *   WeChat Pay does not sign (check them against the digest of the signed download-URL answer).
 * - Errors all extend `WxPayError` (stable `code`: api, signature, validation, encryption,
 *   decryption, timeout, network, config, response-too-large, malformed-response). WeChat Pay's
 *   own error code is `ApiError.errorCode`.
 * - An answer is read up to `maxResponseBytes` (default 10 MiB, per client and per call);
 *   beyond it the call fails with ResponseTooLargeError and the connection is closed.
 *   A call cancelled through its `signal` rejects with the signal's reason, as `fetch` does.
 * - Query arrays are sent as repeated keys (`a=1&a=2`). Response header names are lower case.
 */
export { buildClient } from './client.js';
export {
  WxPayError,
  ApiError,
  SignatureError,
  ValidationError,
  EncryptionError,
  DecryptionError,
  TimeoutError,
  NetworkError,
  ConfigError,
  ResponseTooLargeError,
  MalformedResponseError,
  DownloadError,
} from './errors.js';
export type { WxPayErrorCode, SignatureFailure, ValidationIssue, DownloadFailure, MalformedPart } from './errors.js';
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT } from './limits.js';
export { parseBill, readBill, BillParser } from './bill.js';
export type { Bill, BillRecord } from './bill.js';
export type { DownloadOptions, DownloadResult, DownloadedFile } from './download.js';
export type { CertificatesApi, PlatformCertificate, PlatformCertificatesOptions } from './certificates.js';
export { segmentName, chainOf } from './naming.js';
export type { MerchantApi } from './extras.js';
export type { NotificationsApi, NotificationCallback } from './notifications-api.js';
export type {
  Notification,
  UnknownNotification,
  UnknownEventNotification,
  NotificationResource,
  NotificationInput,
  NotificationHandlerOptions,
  NotificationCallbackResult,
  HeadersLike,
  WebhookDescriptor,
  WebhookTable,
} from './notification-types.js';
export type { NodeNotificationHandler, NodeNotificationRequest } from './notify-node.js';
export type { FetchNotificationHandler } from './notify-fetch.js';
export type { RawRequest } from './raw.js';
export type { RetryOptions } from './retry.js';
export { WECHATPAY_HOSTS } from './targets.js';
export type { PaymentsApi, PaymentParamsArgs, AppPaymentParamsArgs, JsapiPaymentParams, AppPaymentParams } from './payments.js';
export type {
  ClientOptions,
  CallOptions,
  CallArgs,
  ApiResponse,
  KeyInput,
  SerialOptional,
  MultipartArgs,
  Endpoint,
} from './types.js';
export type { OperationDescriptor, OperationTable, FieldSchema, FieldPath, FieldLocation, HttpMethod } from './operation.js';
