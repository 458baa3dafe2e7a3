/**
 * Minimal X.509 v3 certificates for the mock's platform certificates: DER written by hand
 * (no dependency), signed SHA256withRSA, with no extensions. Enough for node:crypto's
 * `X509Certificate` (serial, validity, public key, `verify`) — which is all a client uses.
 */
import { sign, type KeyObject } from 'node:crypto';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const out = [a * 40 + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function integerHex(hex: string): Buffer {
  let b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if ((b[0] ?? 0) & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`, 'ascii')) : tlv(0x18, Buffer.from(`${iso}Z`, 'ascii'));
}

function name(cn: string): Buffer {
  return seq(tlv(0x31, seq(oid('2.5.4.10'), tlv(0x0c, Buffer.from('Tenpay.com', 'utf8')))), tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));
}

export interface CertificateSpec {
  /** Upper-case hex serial (no leading zeros beyond one byte's worth). */
  readonly serial: string;
  readonly commonName: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly publicKey: KeyObject;
  /** The issuer's key (self-signed: the certificate's own private key). */
  readonly signingKey: KeyObject;
}

/** A PEM certificate for `spec`. */
export function createCertificate(spec: CertificateSpec): string {
  const algorithm = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const tbs = seq(
    tlv(0xa0, integerHex('02')),
    integerHex(spec.serial),
    algorithm,
    name('Tenpay.com Root CA (mock)'),
    seq(time(spec.notBefore), time(spec.notAfter)),
    name(spec.commonName),
    spec.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, spec.signingKey);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
