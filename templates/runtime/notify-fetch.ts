/**
 * `notifications.fetchHandler(cb)` → `(request: Request) => Promise<Response>` for Next.js route
 * handlers, Hono (`(c) => handler(c.req.raw)`), Bun.serve and Deno.serve. It reads the raw body
 * from the request's stream itself, up to the limit (then cancels the stream: 413).
 */
import { ConfigError } from './errors.js';
import { readBoundedStream } from './limits.js';
import type { Notification, NotificationCallbackResult, NotificationHandlerOptions, NotificationInput } from './notification-types.js';
import { errorAnswer, failAnswer, handlerLimit, report, successAnswer } from './notify-answer.js';
import type { NotifyAnswer } from './notify-answer.js';

/** The handler of a fetch-style server. */
export type FetchNotificationHandler = (request: Request) => Promise<Response>;

function toResponse(answer: NotifyAnswer): Response {
  return new Response(answer.status === 204 ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/** The body bytes, or `undefined` when over `limit` (the stream is then cancelled). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!request.body) return new Uint8Array(0);
  return readBoundedStream(request.body, limit);
}

/** Builds the fetch-style handler. */
export function makeFetchHandler<N extends Notification>(
  parse: (input: NotificationInput) => N,
  callback: (notification: N) => NotificationCallbackResult | Promise<NotificationCallbackResult>,
  options: NotificationHandlerOptions = {},
): FetchNotificationHandler {
  if (typeof callback !== 'function') throw new ConfigError('fetchHandler needs a callback function');
  const limit = handlerLimit(options.limit);
  const onError = options.onError;
  return async (request) => {
    if (request.method !== 'POST') return toResponse(failAnswer(405, 'notifications are POST requests'));
    let body: Uint8Array | undefined;
    try {
      body = await readLimited(request, limit);
    } catch (error) {
      report(onError, error);
      return toResponse(failAnswer(400, 'the notification body could not be read'));
    }
    if (body === undefined) return toResponse(failAnswer(413, `the notification body is over ${limit} bytes`));
    let notification: N;
    try {
      notification = parse({ headers: request.headers, body });
    } catch (error) {
      report(onError, error);
      return toResponse(errorAnswer(error, 'parse'));
    }
    try {
      return toResponse(successAnswer(await callback(notification)));
    } catch (error) {
      report(onError, error);
      return toResponse(errorAnswer(error, 'callback'));
    }
  };
}
