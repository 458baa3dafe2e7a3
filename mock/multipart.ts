/**
 * multipart/form-data as WeChat Pay's upload endpoints take it: a `meta` part (JSON, and the
 * exact bytes the request signature covers) and a `file` part. Parsed by hand: Node has no
 * server-side multipart parser, and the format needed here is small.
 */
import { createHash } from 'node:crypto';

export interface Part {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly body: Buffer;
}

/** The parts of a multipart body, or why it is not one. */
export function parseMultipart(body: Buffer, contentType: string | undefined): Part[] | string {
  const m = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return 'Content-Type must be multipart/form-data with a boundary';
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return 'the body has no part delimited by the boundary';
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts.length > 0 ? parts : 'the body has no parts';
    if (body.subarray(at, at + 2).toString() !== '\r\n') return 'a boundary line is not followed by CRLF';
    const headEnd = body.indexOf('\r\n\r\n', at + 2);
    if (headEnd < 0) return 'a part has no header end (CRLF CRLF)';
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next < 0) return 'a part is not closed by the boundary';
    const head = body.subarray(at + 2, headEnd).toString('utf8');
    const disposition = /^content-disposition:\s*form-data\s*;(.*)$/im.exec(head)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return 'a part has no Content-Disposition name';
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const type = /^content-type:\s*(.+)$/im.exec(head)?.[1]?.trim();
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), ...(type !== undefined ? { contentType: type } : {}), body: body.subarray(headEnd + 4, next) });
    at = next + 2;
  }
}

/** What the server records of an uploaded file: never its bytes, only what identifies them. */
export function describeFile(part: Part): { filename?: string; contentType?: string; size: number; sha256: string } {
  return {
    ...(part.filename !== undefined ? { filename: part.filename } : {}),
    ...(part.contentType !== undefined ? { contentType: part.contentType } : {}),
    size: part.body.length,
    sha256: createHash('sha256').update(part.body).digest('hex'),
  };
}
