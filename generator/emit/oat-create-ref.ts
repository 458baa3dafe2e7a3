/**
 * openapi-typescript's `createRef(parts)` joins JSON-pointer pieces into `#/a/b~1c`, and is called for every
 * node it transforms with the parent's whole pointer as the first part, which it splits, decodes and escapes
 * again each time: Redocly's pointer helpers were ~6 % of a whole-corpus generation. Each part's piece of the
 * result depends on that part alone, so the piece of the last first part is remembered (siblings share their
 * parent's pointer) and the short pieces that follow (`properties`, a field name) in a bounded table: the
 * same function, each parent's pointer taken apart once instead of once per child.
 */
type CreateRef = (parts: readonly unknown[]) => string;

const MAX_REMEMBERED = 50_000;

export function rememberingCreateRef(original: CreateRef): CreateRef {
  let lastFirst: unknown;
  let lastFirstPiece = '';
  const pieces = new Map<string, string>();
  const pieceOf = (part: unknown): string => {
    if (typeof part !== 'string' || part.length > 64) return original([part]).slice(1);
    let piece = pieces.get(part);
    if (piece === undefined) {
      piece = original([part]).slice(1);
      if (pieces.size < MAX_REMEMBERED) pieces.set(part, piece);
    }
    return piece;
  };
  return (parts) => {
    let pointer = '#';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part === undefined || part === null || part === '') continue;
      if (i === 0) {
        if (part !== lastFirst) {
          lastFirst = part;
          lastFirstPiece = original([part]).slice(1);
        }
        pointer += lastFirstPiece;
      } else {
        pointer += pieceOf(part);
      }
    }
    return pointer;
  };
}
