/**
 * `import --from <git URL>`: the docs repository fetched shallowly (depth 1) into a cache folder,
 * at `--ref` or its HEAD. A `file://` URL may name a repository or a git bundle (bundles are read
 * whole: git cannot fetch them shallowly). Needs the `git` command.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { WxPayGenError } from '../../generator/errors';

const run = promisify(execFile);

/** A doc source that could not be fetched; the message says what to check. */
export class DocSourceError extends WxPayGenError {
  readonly code = 'docs';
  constructor(message: string) {
    super(message);
  }
}

/** `https://…`, `ssh://…`, `git://…`, `file://…`, or scp-like `git@host:owner/repo.git`. */
export function isGitUrl(from: string): boolean {
  return /^(https?|ssh|git|file):\/\//.test(from) || /^[\w.-]+@[\w.-]+:/.test(from);
}

function isBundle(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(16);
      readSync(fd, head, 0, 16, 0);
      return head.toString('latin1').startsWith('# v2 git bundle') || head.toString('latin1').startsWith('# v3 git bundle');
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

async function git(args: readonly string[], cwd: string): Promise<string> {
  try {
    const r = await run('git', [...args], { cwd, timeout: 300_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    return r.stdout.trim();
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new DocSourceError('the git command is not installed; install git, or pass --from a folder holding the docs');
    throw new DocSourceError(`git ${args[0]} failed: ${(err.stderr ?? err.message).trim().split('\n').slice(-3).join(' ')}`);
  }
}

export interface FetchedDocs {
  /** The checkout. */
  readonly dir: string;
  /** The commit checked out (40 hex digits). */
  readonly commit: string;
}

/** Fetches `url` at `ref` (default HEAD) into `<cacheRoot>/<hash of url>` and checks it out. */
export async function fetchDocs(url: string, ref: string | undefined, cacheRoot: string): Promise<FetchedDocs> {
  const dir = join(cacheRoot, createHash('sha256').update(url).digest('hex').slice(0, 16));
  const local = url.startsWith('file://') ? fileURLToPath(url) : undefined;
  if (local !== undefined && !existsSync(local)) throw new DocSourceError(`${url}: no such file or folder`);
  const bundle = local !== undefined && isBundle(local);
  if (!existsSync(join(dir, '.git'))) {
    mkdirSync(dir, { recursive: true });
    await git(['init', '-q'], dir);
  }
  const source = bundle ? local! : url;
  const want = ref ?? 'HEAD';
  await git(['fetch', '-q', '--no-tags', ...(bundle ? [] : ['--depth', '1']), source, want], dir);
  await git(['-c', 'advice.detachedHead=false', 'checkout', '-q', '--force', '--detach', 'FETCH_HEAD'], dir);
  await git(['clean', '-q', '-fdx'], dir);
  return { dir, commit: await git(['rev-parse', 'HEAD'], dir) };
}

/** The commit of a local docs folder when it is a git checkout, else undefined. */
export async function folderCommit(dir: string): Promise<string | undefined> {
  try {
    return await git(['rev-parse', 'HEAD'], dir);
  } catch {
    return undefined;
  }
}
