/** Stage 5: the only disk writer of the importer — atomic (temp file + rename), only when the bytes change. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The file's text, or `undefined` when it does not exist. */
export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Folders this process has made (or found): a whole-corpus import writes ~1,000 files into them, and a recursive mkdir per file was ~6 % of its time. */
const madeFolders = new Set<string>();

/** Writes `text` to `file` through a temporary file in the same folder, so readers never see half a file. */
export function writeAtomic(file: string, text: string): void {
  const dir = dirname(file);
  if (!madeFolders.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeFolders.add(dir);
  }
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    try {
      writeFileSync(tmp, text, 'utf8');
    } catch (e) {
      // the folder was removed since (by someone else): make it again, once
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, text, 'utf8');
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
