/**
 * A streaming request, for downloads: the answer's body is handed over as a `Readable`
 * instead of being collected, so a 200 MB bill passes through with bounded memory (and past
 * the size cap of ordinary answers). node:http(s) by default; a caller's fetch is adapted.
 */
import { request as httpRequest } from 'node:http';
import type { Agent, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { neverConnected, TransportError } from './transport.js';
import type { WireRequest } from './transport.js';

/** Status and headers (lower-case names) of the answer, its body still to be read. */
export interface StreamResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readable;
}

/** Sends one request; resolves once the answer's headers are in. */
export type StreamTransport = (request: WireRequest) => Promise<StreamResponse>;

function lowerHeaders(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

/** node:http(s); `agent` as the client's (else Node's global agents). */
export function nodeStreamTransport(agent?: Agent): StreamTransport {
  return (req) =>
    new Promise<StreamResponse>((resolve, reject) => {
      const secure = req.url.startsWith('https:');
      const signal = req.signal;
      const outgoing = (secure ? httpsRequest : httpRequest)(req.url, { method: req.method, headers: req.headers, ...(agent ? { agent } : {}) });
      let connected = false;
      let settled = false;
      outgoing.on('socket', (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once(secure ? 'secureConnect' : 'connect', () => { connected = true; });
      });
      const onAbort = (): void => {
        outgoing.destroy();
        if (!settled) {
          settled = true;
          reject(signal?.reason);
        }
      };
      if (signal) {
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
      }
      outgoing.on('error', (e) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? signal.reason : new TransportError('send', e, connected));
      });
      outgoing.on('response', (res: IncomingMessage) => {
        settled = true;
        // From here the signal aborts the body stream (the download's pipeline listens to it).
        signal?.removeEventListener('abort', onAbort);
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: lowerHeaders(res.rawHeaders), body: res });
      });
      outgoing.end(req.body);
    });
}

/** A fetch function (global or the caller's) adapted; its body stream becomes a Readable. */
export function fetchStreamTransport(fetchImpl: typeof fetch, dispatcher?: unknown): StreamTransport {
  return async (req) => {
    const init: Record<string, unknown> = { method: req.method, headers: req.headers, redirect: 'manual' };
    if (req.body !== undefined) init['body'] = req.body;
    if (req.signal) init['signal'] = req.signal;
    if (dispatcher !== undefined) init['dispatcher'] = dispatcher;
    let res: Response;
    try {
      res = await fetchImpl(req.url, init as RequestInit);
    } catch (e) {
      throw req.signal?.aborted ? req.signal.reason : new TransportError('send', e, !neverConnected(e));
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = res.body ? Readable.fromWeb(res.body as Parameters<typeof Readable.fromWeb>[0]) : Readable.from([]);
    return { status: res.status, statusText: res.statusText, headers, body };
  };
}
