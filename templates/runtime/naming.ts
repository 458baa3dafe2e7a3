/**
 * How an endpoint key (`v3/edu-papay/user/{openid}/contracts`) maps onto the chain of
 * property names of the client (`v3.eduPapay.user._openid_.contracts`). Shared by the
 * generator (which names the types) and the runtime (which builds the objects), so the
 * two can never disagree.
 */
import { segmentParam } from './path-template.js';

/** `edu-papay` → `eduPapay`, `{openid}` → `_openid_`, `v3` → `v3`. */
export function segmentName(segment: string): string {
  const param = segmentParam(segment);
  if (param !== undefined) return `_${param}_`;
  return segment.replace(/[-.]+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Splits an endpoint key into its chain of property names. A key ending in `/` (the PHP SDK's
 * `{empty}` placeholder: `v3/applyment4sub/applyment/`) ends in the segment `_empty_`, as in the
 * PHP SDK's `$instance->v3->applyment4sub->applyment->_empty_`.
 */
export function chainOf(key: string): string[] {
  const chain = key.split('/').filter((s) => s.length > 0).map(segmentName);
  return key.length > 1 && key.endsWith('/') ? [...chain, '_empty_'] : chain;
}
