/** The request's `Authorization: WECHATPAY2-SHA256-RSA2048 …` check, as WeChat Pay does it. */
import type { KeyObject } from 'node:crypto';
import { verifyMessage } from './crypto';
import { signError, type Rejection } from './errors';

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** How far (seconds) a request timestamp may be from the server clock. */
export const MAX_CLOCK_SKEW = 300;

export interface AuthorizationFields {
  readonly mchid: string;
  readonly nonce_str: string;
  readonly signature: string;
  readonly timestamp: string;
  readonly serial_no: string;
}

const FIELDS = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;

/** Parses the header; a string is the reason it is malformed. */
export function parseAuthorization(header: string | undefined): AuthorizationFields | string {
  if (header === undefined || header === '') return 'the Authorization header is missing';
  const space = header.indexOf(' ');
  const scheme = space < 0 ? header : header.slice(0, space);
  if (scheme !== AUTH_SCHEME) return `the Authorization scheme must be ${AUTH_SCHEME}`;
  const rest = space < 0 ? '' : header.slice(space + 1).trim();
  const found: Record<string, string> = {};
  const item = /\s*([a-z_]+)="([^"]*)"\s*(,|$)/y;
  let at = 0;
  while (at < rest.length) {
    item.lastIndex = at;
    const m = item.exec(rest);
    if (!m || m[1] === undefined || m[2] === undefined) return 'the Authorization parameters must be key="value" pairs separated by commas';
    if (m[1] in found) return `the Authorization parameter ${m[1]} is given twice`;
    found[m[1]] = m[2];
    at = item.lastIndex;
  }
  for (const f of FIELDS) {
    if (!found[f]) return `the Authorization parameter ${f} is missing or empty`;
  }
  return found as unknown as AuthorizationFields;
}

export interface AuthCheck {
  readonly method: string;
  /** Path and query exactly as on the wire. */
  readonly url: string;
  readonly body: Buffer;
  readonly authorization: string | undefined;
  readonly mchid: string;
  readonly serial: string;
  readonly merchantPublicKey: KeyObject;
  /** Server clock, seconds. */
  readonly now: number;
}

/** The exact bytes the merchant signs: `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n`. */
export function requestMessage(method: string, url: string, timestamp: string, nonce: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${method}\n${url}\n${timestamp}\n${nonce}\n`, 'utf8'), body, Buffer.from('\n')]);
}

/** Undefined when the request is properly signed; otherwise the 401 SIGN_ERROR to answer. */
export function checkAuthorization(c: AuthCheck): Rejection | undefined {
  const auth = parseAuthorization(c.authorization);
  if (typeof auth === 'string') return signError(auth);
  if (auth.mchid !== c.mchid) return signError('mchid in the Authorization header is not the merchant of these keys');
  if (auth.serial_no !== c.serial) return signError('serial_no in the Authorization header is not the serial of the merchant certificate');
  if (!/^\d{1,12}$/.test(auth.timestamp)) return signError('timestamp in the Authorization header must be whole seconds since the epoch');
  if (Math.abs(c.now - Number(auth.timestamp)) > MAX_CLOCK_SKEW) return signError(`timestamp is more than ${MAX_CLOCK_SKEW} s away from the server clock`);
  const message = requestMessage(c.method, c.url, auth.timestamp, auth.nonce_str, c.body);
  if (!verifyMessage(message, auth.signature, c.merchantPublicKey)) return signError('signature does not verify with the merchant public key over METHOD\\nURL\\nTIMESTAMP\\nNONCE\\nBODY\\n');
  return undefined;
}
