/**
 * `notifications.nodeHandler(cb)` → `(req, res)` for node:http, Express and Fastify (`reply.raw`).
 * It reads the raw body itself, so nothing re-serialises it; a body already read by
 * `express.raw()` (a Buffer in `req.body`) or given as a string is used as it is. A body a JSON
 * parser already consumed cannot be verified: that is answered FAIL (500) and reported as a
 * ConfigError. Bodies over the limit are refused with 413 as soon as the limit is passed,
 * without being buffered whole.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from './errors.js';
import type { Notification, NotificationCallbackResult, NotificationHandlerOptions, NotificationInput } from './notification-types.js';
import { errorAnswer, failAnswer, handlerLimit, report, successAnswer } from './notify-answer.js';
import type { NotifyAnswer } from './notify-answer.js';

/** An incoming request, possibly with a body a framework already read (`express.raw()`). */
export type NodeNotificationRequest = IncomingMessage & { body?: unknown; _body?: unknown };

/** The handler: mount it as a node:http request listener or an Express / Connect route. */
export type NodeNotificationHandler = (req: NodeNotificationRequest, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

function send(res: ServerResponse, answer: NotifyAnswer, close = false): void {
  if (res.headersSent || res.writableEnded) return;
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body) headers['Content-Length'] = String(Buffer.byteLength(answer.body));
  if (close) headers['Connection'] = 'close';
  res.writeHead(answer.status, headers);
  res.end(answer.body || undefined);
}

type Read = { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly answer: NotifyAnswer; readonly error?: unknown };

const tooLarge = (limit: number): Read => ({ ok: false, answer: failAnswer(413, `the notification body is over ${limit} bytes`) });

/** Reads the request body up to `limit` bytes; stops reading (and keeps nothing) past it. */
function readBody(req: NodeNotificationRequest, limit: number): Promise<Read> {
  const pre = req.body;
  if (typeof pre === 'string' || pre instanceof Uint8Array) {
    const body = typeof pre === 'string' ? Buffer.from(pre, 'utf8') : Buffer.from(pre.buffer, pre.byteOffset, pre.byteLength);
    return Promise.resolve(body.length > limit ? tooLarge(limit) : { ok: true, body });
  }
  if (req.readableEnded || req._body === true) {
    const error = new ConfigError(
      'the notification body was already read and parsed by another middleware: mount nodeHandler before express.json() (or give it express.raw({ type: "*/*" }))',
    );
    return Promise.resolve({ ok: false, answer: failAnswer(500, 'the merchant server cannot read the raw notification body (configuration)'), error });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: Read): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      resolve(r);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        finish(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const onError = (error: unknown): void => finish({ ok: false, answer: failAnswer(400, 'the notification body could not be read'), error });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Builds the node:http / Express handler. */
export function makeNodeHandler<N extends Notification>(
  parse: (input: NotificationInput) => N,
  callback: (notification: N) => NotificationCallbackResult | Promise<NotificationCallbackResult>,
  options: NotificationHandlerOptions = {},
): NodeNotificationHandler {
  if (typeof callback !== 'function') throw new ConfigError('nodeHandler needs a callback function');
  const limit = handlerLimit(options.limit);
  const onError = options.onError;
  return async (req, res) => {
    if (req.method !== 'POST') {
      send(res, failAnswer(405, 'notifications are POST requests'));
      return;
    }
    const read = await readBody(req, limit);
    if (!read.ok) {
      if (read.error !== undefined) report(onError, read.error);
      send(res, read.answer, read.answer.status === 413);
      if (read.answer.status === 413) req.resume(); // discard the rest as it arrives, keep nothing
      return;
    }
    let notification: N;
    try {
      notification = parse({ headers: req.headers, body: read.body });
    } catch (error) {
      report(onError, error);
      send(res, errorAnswer(error, 'parse'));
      return;
    }
    let result: NotificationCallbackResult;
    try {
      result = await callback(notification);
    } catch (error) {
      report(onError, error);
      send(res, errorAnswer(error, 'callback'));
      return;
    }
    send(res, successAnswer(result));
  };
}
