import { describeFile, parseMultipart } from '../../mock/multipart';

const CT = 'multipart/form-data; boundary=XyZ';
const part = (name: string, body: string, extra = ''): string => `--XyZ\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${body}\r\n`;

describe('parseMultipart', () => {
  it('reads named parts with filename and content type, bytes intact', () => {
    const body = Buffer.from(`${part('meta', '{"filename":"a.png"}', '\r\nContent-Type: application/json')}${part('file', '\u0000\u0001bin', '; filename="a.png"\r\nContent-Type: image/png')}--XyZ--\r\n`, 'latin1');
    const parts = parseMultipart(body, CT);
    expect(Array.isArray(parts)).toBe(true);
    const [meta, file] = parts as Exclude<typeof parts, string>;
    expect(meta).toMatchObject({ name: 'meta', contentType: 'application/json' });
    expect(meta?.body.toString()).toBe('{"filename":"a.png"}');
    expect(file).toMatchObject({ name: 'file', filename: 'a.png', contentType: 'image/png' });
    expect(file?.body).toEqual(Buffer.from('\u0000\u0001bin', 'latin1'));
    expect(describeFile(file!)).toEqual({ filename: 'a.png', contentType: 'image/png', size: 5, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it.each([
    ['no boundary in the content type', Buffer.from(part('meta', '{}')), 'multipart/form-data', /boundary/],
    ['not multipart at all', Buffer.from('{}'), 'application/json', /multipart\/form-data/],
    ['no delimiter in the body', Buffer.from('hello'), CT, /no part/],
    ['a part never closed', Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="meta"\r\n\r\n{}'), CT, /not closed/],
    ['a part without a name', Buffer.from('--XyZ\r\nContent-Disposition: form-data\r\n\r\n{}\r\n--XyZ--'), CT, /no Content-Disposition name/],
    ['a part without a header end', Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="m"'), CT, /header end/],
  ])('%s is an explanation, not a crash', (_name, body, ct, why) => {
    const r = parseMultipart(body, ct);
    expect(typeof r).toBe('string');
    expect(r).toMatch(why);
  });
});
