/**
 * `isBase64Shaped` (the fast check in front of every AES-GCM and RSA-OAEP decryption) accepts
 * exactly the strings of the rule it replaced, `/^[A-Za-z0-9+/]+={0,2}$/`, plus the empty string.
 * The expected answer of every case is that regular expression, written here independently.
 */
import { randomBytes } from 'node:crypto';
import { isBase64Shaped } from '../../templates/runtime/crypto';

const RULE = /^[A-Za-z0-9+/]+={0,2}$/;
const expected = (s: string): boolean => s === '' || RULE.test(s);

describe('isBase64Shaped', () => {
  test.each([
    '', 'QQ==', 'QUI=', 'QUJD', 'A', 'A=', 'A==', 'A===', '=', '==', '===', '=A', 'A=A', 'A=B=', 'QQ=\n', 'QQ==\n', '\nQQ==',
    'QU-D', 'QU_D', 'QU JD', 'QUJD\u0000', 'QUJ\u00e9', '中文', 'QUJD\r\n', 'AB==CD==', '+/+/', '////', '++==', 'A=\u0000',
  ])('%j', (s) => {
    expect(isBase64Shaped(s)).toBe(expected(s));
  });

  test('20,000 random strings over the alphabet, "=", and hostile characters agree with the rule', () => {
    const alphabet = 'ABCXYZabcxyz0189+/=-_ \n\t\u0000é中\uD800';
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    let accepted = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const len = next() % 9;
      let s = '';
      for (let j = 0; j < len; j++) {
        // mostly alphabet, "=" often at the end, a hostile character now and then
        const r = next() % 100;
        s += r < 70 ? alphabet[next() % 18] : r < 92 ? '=' : alphabet[18 + (next() % (alphabet.length - 18))];
      }
      const want = expected(s);
      if (want) accepted++;
      if (isBase64Shaped(s) !== want) disagreements.push(s);
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(2_000); // the sample holds many valid strings, not only invalid ones
  });

  test('real base64 of random bytes of every length mod 3 is accepted', () => {
    for (let n = 1; n < 64; n++) expect(isBase64Shaped(randomBytes(n).toString('base64'))).toBe(true);
  });
});
