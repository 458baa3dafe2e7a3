/**
 * What `received` keeps of a request: everything for an accepted one (a test checks what the
 * server decrypted and answered); for a rejected one its verdict, reason, routing and
 * headers, but only the first bytes of its body and no parsed JSON once the body was cut.
 */
import type { ReceivedRequest } from './types';

export function keepRecord(record: ReceivedRequest, rejectedBodyBytes: number): ReceivedRequest {
  const bodyBytes = Buffer.byteLength(record.body, 'utf8');
  if (record.verdict === 'ok' || bodyBytes <= rejectedBodyBytes) return { ...record, bodyBytes };
  const { json: _dropped, ...rest } = record;
  const cut = Buffer.from(record.body, 'utf8').subarray(0, rejectedBodyBytes).toString('utf8').replace(/\uFFFD$/, '');
  return { ...rest, body: cut, bodyBytes, bodyTruncated: true };
}

/** Rough heap cost of a record: its body, and the parsed JSON built from it. */
export function recordCost(record: ReceivedRequest): number {
  return 2 * record.body.length + record.url.length + 512;
}
