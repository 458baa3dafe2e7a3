import { slotPaths } from '../../templates/runtime/fields';
import type { BodyKind, FieldLocation } from '../../templates/runtime/operation';
import { EVERY_ITEM } from '../../templates/runtime/pointer';

/** A field location as the caller writes it: `json.receivers[].name`, `query.appid`, `face_sid`; response fields from the body root. */
export function describeLocation(loc: FieldLocation, body: BodyKind | 'response'): string {
  const [path] = slotPaths([loc], body);
  let out = '';
  for (const seg of path ?? []) out += seg === EVERY_ITEM ? '[]' : out === '' ? seg : `.${seg}`;
  return out === '' ? '(the whole body)' : out;
}
