import { EXIT, exitStatusOf } from '../../bin/exit';
import { reportFailure, UsageError } from '../../bin/failure';
import { SpecError, WxPayGenError } from '../../generator/errors';
import { OutputFolderError } from '../../generator/write';
import { PageError } from '../../importer/issues';
import { RootError } from '../../importer/root';
import { MockKeyError } from '../../mock/keys';

const capture = (): { lines: string[]; io: { out: (l: string) => void; err: (l: string) => void } } => {
  const lines: string[] = [];
  return { lines, io: { out: (l) => lines.push(l), err: (l) => lines.push(l) } };
};

describe('one table maps every tool error to an exit status', () => {
  it.each([
    ['SpecError', new SpecError([{ file: 'a.yaml', line: 2, column: 3, pointer: '/paths', message: 'bad' }]), 'spec', EXIT.specErrors],
    ['PageError', new PageError(4, 'no heading'), 'page', EXIT.specErrors],
    ['RootError', new RootError(1, 'not a mapping'), 'root', EXIT.specErrors],
    ['OutputFolderError', new OutputFolderError('not ours'), 'output', EXIT.usage],
    ['MockKeyError', new MockKeyError('bad key file'), 'mock-keys', EXIT.usage],
    ['UsageError', new UsageError('port in use'), 'usage', EXIT.usage],
  ] as const)('%s: shares the base, has a stable code, maps to its status', (name, error, code, status) => {
    expect(error).toBeInstanceOf(WxPayGenError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(exitStatusOf(code)).toBe(status);
    const { lines, io } = capture();
    expect(reportFailure(error, io, 'wxpay-gen')).toBe(status);
    expect(lines.join('\n')).toContain(code === 'spec' ? 'a.yaml:2:3  /paths  bad' : error.message);
  });

  it('anything else is not mapped: rethrown, to become exit 70 (internal error)', () => {
    const bug = new TypeError('x is undefined');
    expect(() => reportFailure(bug, capture().io, 'wxpay-gen')).toThrow(bug);
    const impostor = Object.assign(new Error('has a code'), { code: 'spec' });
    expect(() => reportFailure(impostor, capture().io, 'wxpay-gen')).toThrow(impostor);
    expect(exitStatusOf('ENOENT')).toBeUndefined();
    expect(EXIT.internal).toBe(70);
  });
});
