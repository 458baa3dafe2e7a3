/** Signs an answer as WeChat Pay does — `TIMESTAMP\nNONCE\nBODY\n` with its private key — and lets faults bend the result. */
import type { KeyObject } from 'node:crypto';
import { makeNonce, signMessage } from './crypto';
import { brokenJson, signtestSignature, STALE_SECONDS, tamperBody, tamperSignature, UNKNOWN_SERIAL, type Fault } from './faults';
import { systemError } from './errors';
import type { Reply } from './handle';
import { SERIAL_HEADER } from '../templates/runtime/serial';

export function responseMessage(timestamp: string, nonce: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), body, Buffer.from('\n')]);
}

export interface SignedReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The reply a fault puts in place of the real one (5xx, 204, broken JSON), or the reply itself. */
export function replaceReply(reply: Reply, fault: Fault | undefined): Reply {
  switch (fault?.name) {
    case 'server-error': {
      const r = systemError(fault.status ?? 500);
      return { status: r.status, body: Buffer.from(JSON.stringify(r.body), 'utf8'), contentType: 'application/json; charset=utf-8' };
    }
    case 'no-content':
      return { status: 204, body: Buffer.alloc(0) };
    case 'broken-json':
      return { ...reply, body: brokenJson(reply.body), contentType: 'application/json; charset=utf-8' };
    default:
      return reply;
  }
}

/** Adds Request-ID, Content-Type and the Wechatpay-* signature headers, applying signature faults. */
export function signReply(reply: Reply, key: KeyObject, publicKeyId: string, nowMs: number, requestId: string, fault: Fault | undefined): SignedReply {
  const timestamp = String(Math.floor(nowMs / 1000) - (fault?.name === 'stale-timestamp' ? STALE_SECONDS : 0));
  const nonce = makeNonce();
  let signature = signMessage(responseMessage(timestamp, nonce, reply.body), key);
  if (fault?.name === 'tampered-signature') signature = tamperSignature(signature);
  if (fault?.name === 'signtest') signature = signtestSignature();
  const body = fault?.name === 'tampered-body' ? tamperBody(reply.body) : reply.body;
  if (reply.unsigned) {
    const plain: Record<string, string> = { ...(reply.headers ?? {}), 'Request-ID': requestId, 'Content-Length': String(reply.body.length) };
    if (reply.contentType) plain['Content-Type'] = reply.contentType;
    return { status: reply.status, headers: plain, body: reply.body };
  }
  const headers: Record<string, string> = {
    ...(reply.headers ?? {}),
    'Request-ID': requestId,
    'Wechatpay-Nonce': nonce,
    [SERIAL_HEADER]: fault?.name === 'unknown-serial' ? UNKNOWN_SERIAL : publicKeyId,
    'Wechatpay-Signature': signature,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    'Wechatpay-Timestamp': timestamp,
    'Content-Length': String(body.length),
  };
  if (reply.contentType && reply.status !== 204) headers['Content-Type'] = reply.contentType;
  return { status: reply.status, headers, body };
}
