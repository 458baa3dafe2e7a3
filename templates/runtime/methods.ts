/**
 * The HTTP methods of WeChat Pay APIv3, in the one order every part of wxpay-gen lists
 * them (runtime, generator, importer, mock).
 */

/** Lower-case, as they appear as path-item keys and client method names. */
export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A lower-case method name. */
export type LowerHttpMethod = (typeof HTTP_METHODS)[number];

/** Upper-case, as on the wire. */
export type HttpMethod = Uppercase<LowerHttpMethod>;

const LOWER: ReadonlySet<string> = new Set(HTTP_METHODS);

/** Whether `name` is one of HTTP_METHODS (lower case). */
export function isHttpMethod(name: string): name is LowerHttpMethod {
  return LOWER.has(name);
}
