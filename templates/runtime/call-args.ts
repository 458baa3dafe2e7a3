/**
 * The names a call's one argument object already uses: the request slots and every call
 * option. A path parameter is passed by name in that same object, so it may not take one of
 * these names (the generator refuses such a spec).
 */
import type { CallOptions } from './types.js';

const OPTION_NAMES = ['signal', 'timeout', 'maxResponseBytes', 'decryptKey', 'retry', 'server'] as const satisfies readonly (keyof CallOptions)[];

// Every CallOptions key must be listed above: a new option that is not fails to compile here.
type Unlisted = Exclude<keyof CallOptions, (typeof OPTION_NAMES)[number]>;
const everyOptionListed: [Unlisted] extends [never] ? true : never = true;

/** Slots and options of a call's argument: `json`, `query`, `headers`, `multipart`, `signal`, `timeout`, … */
export const CALL_ARG_NAMES: ReadonlySet<string> = new Set<string>(everyOptionListed ? ['json', 'query', 'headers', 'multipart', ...OPTION_NAMES] : []);
