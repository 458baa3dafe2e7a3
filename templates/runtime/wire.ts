/**
 * What goes on the wire: the percent-encoded path and query (built once and then signed and
 * sent as they are), the `multipart/form-data` body of an upload, the Authorization header.
 */
import type { PathTemplate } from './path-template.js';

export { compilePath } from './path-template.js';
export type { PathTemplate } from './path-template.js';
import { toJson } from './serialize.js';

/**
 * Strict RFC 3986 component encoding. Beyond `encodeURIComponent` it also encodes
 * `! ' ( ) *`, so the WHATWG URL parser used by fetch has nothing left to re-encode: the
 * path and query we sign are byte for byte the ones the server receives.
 */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function scalar(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return toJson(value, field);
}

/** Fills in the path parameters, each percent-encoded as one segment. */
export function fillPath(tpl: PathTemplate, args: Readonly<Record<string, unknown>>): string {
  if (tpl.params.length === 0) return tpl.pieces[0] as string;
  let out = tpl.pieces[0] as string;
  for (let i = 0; i < tpl.params.length; i++) {
    out += encodeComponent(scalar(args[tpl.params[i] as string], tpl.params[i] as string)) + (tpl.pieces[i + 1] as string);
  }
  return out;
}

/**
 * `?a=1&b=x%20y` from a query object, in the object's key order; `undefined` / `null` are
 * left out; an array value becomes one `key=value` pair per element. Empty → `''`.
 */
export function buildQuery(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return '';
  let out = '';
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    const k = encodeComponent(key);
    if (Array.isArray(value)) {
      value.forEach((el: unknown, i) => {
        if (el === undefined || el === null) return;
        out += `${out ? '&' : '?'}${k}=${encodeComponent(scalar(el, `query.${key}[${i}]`))}`;
      });
    } else {
      out += `${out ? '&' : '?'}${k}=${encodeComponent(scalar(value, `query.${key}`))}`;
    }
  }
  return out;
}

/** The Authorization header value of the WECHATPAY2-SHA256-RSA2048 scheme. */
export function authorization(mchid: string, nonceStr: string, signature: string, timestamp: string, serial: string): string {
  return `WECHATPAY2-SHA256-RSA2048 mchid="${mchid}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${serial}"`;
}

/** The signed request string: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`. */
export function requestMessage(method: string, url: string, timestamp: string, nonceStr: string, body: string): string {
  return `${method}\n${url}\n${timestamp}\n${nonceStr}\n${body}\n`;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  bmp: 'image/bmp',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  avi: 'video/x-msvideo',
  wmv: 'video/x-ms-wmv',
  mpeg: 'video/mpeg',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  flv: 'video/x-flv',
  f4v: 'video/x-f4v',
  m4v: 'video/x-m4v',
  rmvb: 'application/vnd.rn-realmedia-vbr',
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
};

/** Content type for a file name, by extension (`application/octet-stream` when unknown). */
export function contentTypeFor(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot >= 0 ? filename.slice(dot + 1).toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

function quoteParam(value: string): string {
  return value.replace(/[\r\n"\\]/g, (c) => encodeURIComponent(c));
}

/**
 * The `multipart/form-data` body of a WeChat Pay upload: a `meta` part holding `metaJson`
 * (the very string that is signed as BODY) and a `file` part holding the bytes.
 */
export function multipartBody(boundaryStr: string, metaJson: string, file: Uint8Array, filename: string, contentType: string): Buffer {
  const head =
    `--${boundaryStr}\r\n` +
    'Content-Disposition: form-data; name="meta"\r\n' +
    'Content-Type: application/json\r\n\r\n' +
    `${metaJson}\r\n` +
    `--${boundaryStr}\r\n` +
    `Content-Disposition: form-data; name="file"; filename="${quoteParam(filename)}"\r\n` +
    `Content-Type: ${contentType}\r\n\r\n`;
  const tail = `\r\n--${boundaryStr}--\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), file, Buffer.from(tail, 'utf8')]);
}
