/** Stage 5: the only disk writer of the importer — atomic (temp file + rename), only when the bytes change. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * Makes the folders of `files`, parents first, one `mkdir` per folder (a whole-corpus import
 * writes ~900 files into ~830 folders, and a recursive mkdir per folder costs a failed call per
 * existing parent). Resolves the folders that did not exist before: no file in them can exist yet.
 */
export function makeFolders(files: readonly string[]): Set<string> {
  const needed = new Set<string>();
  for (const file of files) {
    for (let dir = dirname(file); !needed.has(dir) && !madeFolders.has(dir); dir = dirname(dir)) {
      needed.add(dir);
      if (dirname(dir) === dir) break;
    }
  }
  const fresh = new Set<string>();
  // parents before children: a folder's name is longer than its parent's
  for (const dir of [...needed].sort((a, b) => a.length - b.length)) {
    try {
      mkdirSync(dir);
      fresh.add(dir);
    } catch (e) {
      // an existing folder (an ancestor may answer EACCES or EROFS rather than EEXIST)
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' && !isFolder(dir)) throw e;
    }
    madeFolders.add(dir);
  }
  return fresh;
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Temporary names: the process id, a random part drawn once, a counter. */
const TMP_SALT = randomBytes(4).toString('hex');
let tmpCount = 0;

/** Writes `text` to `file` through a temporary file in the same folder, so readers never see half a file. */
export function writeAtomic(file: string, text: string): void {
  const dir = dirname(file);
  makeFolders([file]);
  const tmp = `${file}.${process.pid}.${TMP_SALT}${(tmpCount++).toString(36)}.tmp`;
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
