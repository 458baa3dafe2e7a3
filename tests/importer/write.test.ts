/**
 * The importer's disk writer: folders made parents first, one mkdir each, and told apart as
 * new (no file in them can exist, so the importer does not look) or already there; files written
 * whole through a temporary name that never stays behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFolders, writeAtomic } from '../../importer/write';

describe('importer writes', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wxpay-write-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('makeFolders makes every folder, and names exactly those it made', () => {
    mkdirSync(join(dir, 'paths', 'v3', 'pay'), { recursive: true });
    const files = [
      join(dir, 'paths', 'v3', 'pay', 'transactions.yaml'), // folder already there
      join(dir, 'paths', 'v3', 'pay', 'transactions', 'jsapi.yaml'), // new under an existing one
      join(dir, 'paths', 'v3', 'refund', 'domestic', 'refunds.yaml'), // two new levels
      join(dir, 'paths', 'v3', 'refund', 'domestic', 'refunds', '{out_refund_no}.yaml'),
      join(dir, 'wechatpay.yaml'),
    ];
    const fresh = makeFolders(files);
    for (const f of files) expect(existsSync(join(f, '..'))).toBe(true);
    expect([...fresh].map((d) => d.slice(dir.length + 1)).sort()).toEqual([
      join('paths', 'v3', 'pay', 'transactions'),
      join('paths', 'v3', 'refund'),
      join('paths', 'v3', 'refund', 'domestic'),
      join('paths', 'v3', 'refund', 'domestic', 'refunds'),
    ]);
  });

  test('a file where a folder must go is an error naming the place', () => {
    writeFileSync(join(dir, 'paths'), 'not a folder');
    expect(() => makeFolders([join(dir, 'paths', 'v3', 'x.yaml')])).toThrow(/ENOTDIR|EEXIST/);
  });

  test('writeAtomic writes the whole text and leaves no temporary file, also when its folder was removed since', () => {
    const file = join(dir, 'a', 'b.yaml');
    writeAtomic(file, 'one\n');
    writeAtomic(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    rmSync(join(dir, 'a'), { recursive: true });
    writeAtomic(file, 'three\n');
    expect(readFileSync(file, 'utf8')).toBe('three\n');
    expect(readdirSync(join(dir, 'a'))).toEqual(['b.yaml']);
  });
});
