/**
 * The `Wechatpay-Serial` header: which WeChat Pay key a request's sensitive fields are
 * encrypted with, and which key signed an answer. HTTP header names are case-insensitive.
 */

/** The header name as WeChat Pay writes it. */
export const SERIAL_HEADER = 'Wechatpay-Serial';

const LOWER = SERIAL_HEADER.toLowerCase();

/** Whether `name` is `Wechatpay-Serial` in any letter case. */
export function isSerialHeader(name: string): boolean {
  return name.length === LOWER.length && name.toLowerCase() === LOWER;
}
