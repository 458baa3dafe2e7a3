/**
 * The bench's loopback WeChat Pay stand-in, run in its own process (so the client process's
 * `process.cpuUsage()` is the client's alone). Every answer is a validly signed 200
 * (SHA256withRSA over `TIMESTAMP\nNONCE\nBODY\n`, the Wechatpay-* headers), which every client
 * verifies. The body never changes, so one signature per second serves every answer of that
 * second: the server stays cheap and the clients, not the server, are what is measured.
 *
 * On request (`{ type: 'check', count }` over IPC) the next `count` requests are checked as
 * WeChat Pay would: Authorization format, mchid, serial, timestamp, the request signature with
 * the merchant public key, `Wechatpay-Serial`, and the three sensitive fields decrypted with
 * the platform private key and compared with the plaintext the bench sent. The rest are only
 * read, the same for every client. Usage: node server.js <keys.json>
 */
import { constants, createPrivateKey, createPublicKey, privateDecrypt, randomBytes, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENCRYPTED_FIELDS, REQUEST_BODY, RESPONSE_BODY, type BenchKeys } from './fixture';

export type ServerMessage =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'report'; readonly requests: number; readonly connections: number; readonly checked: number; readonly failures: readonly string[] };

export type ControlMessage = { readonly type: 'check'; readonly count: number } | { readonly type: 'report' };

const SCHEME = 'WECHATPAY2-SHA256-RSA2048 ';
const AUTH_FIELDS = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;

/** `WECHATPAY2-SHA256-RSA2048 k="v",…` → its five fields (in any order, as WeChat Pay accepts), or undefined. */
function parseAuthorization(header: string): Record<(typeof AUTH_FIELDS)[number], string> | undefined {
  if (!header.startsWith(SCHEME)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(SCHEME.length).split(',')) {
    const m = /^\s*([a-z_]+)="([^"]*)"\s*$/.exec(part);
    if (!m || fields.has(m[1] as string)) return undefined;
    fields.set(m[1] as string, m[2] as string);
  }
  if (fields.size !== AUTH_FIELDS.length || !AUTH_FIELDS.every((f) => fields.has(f))) return undefined;
  return Object.fromEntries(fields) as Record<(typeof AUTH_FIELDS)[number], string>;
}

function main(): void {
  const keysFile = process.argv[2];
  if (!keysFile || !process.send) throw new Error('usage: fork(server.js, [keys.json]) with IPC');
  const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as BenchKeys;
  const platformPrivate = createPrivateKey(keys.platformPrivatePem);
  const merchantPublic = createPublicKey(keys.merchantPublicPem);
  const body = Buffer.from(RESPONSE_BODY, 'utf8');

  let signedAt = -1;
  let nonce = '';
  let signature = '';
  const headersFor = (): Record<string, string | number> => {
    const now = Math.floor(Date.now() / 1000);
    if (now !== signedAt) {
      signedAt = now;
      nonce = randomBytes(16).toString('hex');
      signature = sign('sha256', Buffer.concat([Buffer.from(`${now}\n${nonce}\n`), body, Buffer.from('\n')]), platformPrivate).toString('base64');
    }
    return {
      'Content-Type': 'application/json',
      'Content-Length': body.length,
      'Request-ID': '08F78BB5AF0610D302A8BB5AF0610D300',
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': keys.platformSerial,
      'Wechatpay-Signature': signature,
      'Wechatpay-Timestamp': String(signedAt),
    };
  };

  let requests = 0;
  let connections = 0;
  let toCheck = 0;
  let checked = 0;
  const failures: string[] = [];

  const check = (req: IncomingMessage, raw: Buffer): string[] => {
    const problems: string[] = [];
    const auth = parseAuthorization(String(req.headers.authorization ?? ''));
    if (!auth) return ['Authorization header is not WECHATPAY2-SHA256-RSA2048 with exactly mchid, nonce_str, signature, timestamp, serial_no'];
    const { mchid, nonce_str: nonceStr, signature: sig, timestamp: ts, serial_no: serial } = auth;
    if (mchid !== keys.mchid) problems.push('wrong mchid');
    if (serial !== keys.merchantSerial) problems.push('wrong serial_no');
    if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) problems.push('timestamp more than 300 s off');
    const message = Buffer.concat([Buffer.from(`${req.method}\n${req.url}\n${ts}\n${nonceStr}\n`), raw, Buffer.from('\n')]);
    if (!verify('sha256', message, merchantPublic, Buffer.from(String(sig), 'base64'))) problems.push('request signature does not verify');
    if (req.headers['wechatpay-serial'] !== keys.platformSerial) problems.push('Wechatpay-Serial header missing or wrong');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) problems.push('Content-Type is not application/json');
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return [...problems, 'body is not JSON'];
    }
    for (const field of ENCRYPTED_FIELDS) {
      try {
        const plain = privateDecrypt(
          { key: platformPrivate, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
          Buffer.from(String(json[field]), 'base64'),
        ).toString('utf8');
        if (plain !== REQUEST_BODY[field]) problems.push(`${field} decrypts to the wrong value`);
      } catch {
        problems.push(`${field} is not RSA-OAEP ciphertext for the platform key`);
      }
    }
    if (json.qualification_region_code !== REQUEST_BODY.qualification_region_code) problems.push('qualification_region_code changed');
    if (json.identity_document_type !== REQUEST_BODY.identity_document_type) problems.push('identity_document_type changed');
    return problems;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      if (toCheck > 0) {
        toCheck--;
        checked++;
        for (const p of check(req, Buffer.concat(chunks))) failures.push(p);
      }
      res.writeHead(200, headersFor());
      res.end(body);
    });
  });
  server.on('connection', () => {
    connections++;
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as AddressInfo).port;
    process.send?.({ type: 'listening', port } satisfies ServerMessage);
  });
  process.on('message', (m: ControlMessage) => {
    if (m.type === 'check') {
      toCheck = m.count;
      checked = 0;
      requests = 0;
      connections = 0;
      failures.length = 0;
    } else if (m.type === 'report') {
      process.send?.({ type: 'report', requests, connections, checked, failures: [...new Set(failures)] } satisfies ServerMessage);
    }
  });
  process.on('disconnect', () => {
    server.close();
    server.closeAllConnections();
  });
}

main();
