import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** The text of a spec file, or why it cannot be one. Never throws; never blocks on a FIFO or reads a device. */
export type ReadText = { ok: true; text: string; bytes: number } | { ok: false; reason: string; notFound?: true };

/**
 * Reads a regular file of at most `maxBytes` as UTF-8 text (a UTF-8 byte-order mark is
 * dropped). Devices, FIFOs, sockets and folders are refused before they are opened for
 * reading; a file that grows past the limit while being read is refused too. UTF-16 and
 * other non-UTF-8 text is refused with a message saying so.
 */
export function readSpecText(absPath: string, maxBytes: number): ReadText {
  let fd: number | undefined;
  try {
    const pre = statSync(absPath);
    if (!pre.isFile()) return { ok: false, reason: `is not a regular file (${kindOf(pre)}); a spec file must be a plain YAML file` };
    if (pre.size > maxBytes) return tooLarge(pre.size, maxBytes);
    fd = openSync(absPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: `is not a regular file (${kindOf(st)}); a spec file must be a plain YAML file` };
    if (st.size > maxBytes) return tooLarge(st.size, maxBytes);
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let r = -1; r !== 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, n);
    if (n > maxBytes) return tooLarge(n, maxBytes);
    return decode(buf.subarray(0, n));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'file not found', notFound: true };
    return { ok: false, reason: `cannot be read (${code ?? (e as Error).message})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tooLarge(size: number, max: number): ReadText {
  return { ok: false, reason: `is ${size.toLocaleString('en')} bytes, more than the ${max.toLocaleString('en')}-byte limit for a spec file (limits.maxFileBytes); split it into files joined by $ref` };
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a plain file';
}

function decode(bytes: Buffer): ReadText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8' };
  }
  if (bytes.includes(0)) {
    return { ok: false, reason: 'contains NUL bytes: it is binary, or UTF-16/UTF-32 text; save it as UTF-8' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'is not valid UTF-8; save it as UTF-8' };
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, bytes: bytes.length };
}
