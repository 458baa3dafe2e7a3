/**
 * "Moved to …" stubs: the doc site keeps a page at its old URL whose front matter title says
 * where it went (`title: Moved to /openapi/v3/papay/sign/contracts/pre-entrust-sign`, plus a
 * meta refresh). Such a page documents nothing; the importer skips it with a note, for API
 * pages and notification pages alike.
 */
const MOVED_TITLE = /^\s*['"]?Moved to\s+([^\s'"]+)/;

/** Where a page went, from its (parsed) front matter title; `undefined` when it is not a stub. */
export function movedTarget(title: string | undefined): string | undefined {
  return title === undefined ? undefined : MOVED_TITLE.exec(title)?.[1];
}

/** The same, read straight from a page's source (its leading front matter only), without scanning the page. */
export function movedStubTarget(source: string): string | undefined {
  const fm = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source.slice(0, 8192));
  if (!fm) return undefined;
  const title = /^title:(.*)$/m.exec(fm[1] ?? '');
  return movedTarget(title?.[1]);
}

/** The note a skipped stub gets. */
export function movedNote(to: string, what: 'operation' | 'notification'): string {
  return `a "Moved to ${to}" stub: skipped (the page it points to documents the ${what})`;
}
