/**
 * Delivers a built notification to a merchant's notify_url as WeChat Pay does: POST, a 5 s
 * answer deadline, success = 200 or 204; anything else (4XX/5XX with `{"code":"FAIL",…}`, a
 * timeout, a refused connection) is a failure, after which WeChat Pay tries again on its
 * documented schedule. The retry delays can be scaled (a test runs them in milliseconds).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ModelSchema } from '../generator/model';
import { judgeAnswer } from './notify-answer';
import { signNotification, type BuiltNotification, type NotifyKeys } from './notify-build';

/** 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, in seconds: the waits before each retry. */
export const RETRY_SCHEDULE_SECONDS: readonly number[] = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];
/** WeChat Pay waits 5 s for an answer. */
export const ANSWER_TIMEOUT_MS = 5000;

/** One delivery attempt and the merchant's answer. */
export interface NotifyAttempt {
  /** 1 for the first delivery. */
  readonly attempt: number;
  /** HTTP status, or 0 when there was no answer (connection refused, timeout). */
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** 200 or 204: WeChat Pay stops delivering. */
  readonly success: boolean;
  /**
   * Whether the answer is one the docs allow: 200/204 (the body, if any, is not read), or a 4XX/5XX
   * with a JSON `{ code, message }` body. A failure answer that is not documented is still a failure.
   * For an event whose spec documents an answer with data, a success answer is valid only when
   * its body matches that answer (`answerMatches`).
   */
  readonly valid: boolean;
  /**
   * Only for a success answer to an event whose spec documents an answer with data: whether the
   * body matches it (204 or an empty 200 answers no data, which matches).
   */
  readonly answerMatches?: boolean;
  /** With `answerMatches: false`: what does not match (`/retention_type must be one of COUPON`). */
  readonly answerIssues?: readonly string[];
  /** Why there was no answer (`timeout`, a socket error code). */
  readonly error?: string;
}

export interface DeliverOptions {
  /** Follow the retry schedule until a success answer (default: one attempt). */
  readonly retry?: boolean;
  /** Multiplies every retry delay (default 1; `0.001` turns minutes into milliseconds). */
  readonly retryScale?: number;
  /** At most this many attempts in all (default 16: the first and the 15 retries). */
  readonly maxAttempts?: number;
  /** Per-attempt answer deadline in ms (default 5000). */
  readonly timeoutMs?: number;
  /** Called after each attempt (the CLI prints it). */
  readonly onAttempt?: (attempt: NotifyAttempt) => void;
  /** Stops waiting between retries. */
  readonly signal?: AbortSignal;
  /** The event's documented answer with data (the model webhook's `answer`): success answers are checked against it. */
  readonly answer?: ModelSchema;
}

export interface DeliveryResult {
  readonly id: string;
  readonly eventType: string;
  readonly attempts: readonly NotifyAttempt[];
  /** The last attempt got a success answer. */
  readonly delivered: boolean;
}

function isDocumentedFail(status: number, body: string): boolean {
  if (status < 400 || status > 599) return false;
  try {
    const j: unknown = JSON.parse(body);
    return typeof j === 'object' && j !== null && typeof (j as Record<string, unknown>)['code'] === 'string' && typeof (j as Record<string, unknown>)['message'] === 'string';
  } catch {
    return false;
  }
}

/** One POST; resolves with the answer (never rejects). */
export function postOnce(url: string, headers: Readonly<Record<string, string>>, body: string, timeoutMs: number, attempt: number): Promise<NotifyAttempt> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ attempt, status: 0, body: '', headers: {}, success: false, valid: false, error: 'invalid URL' });
      return;
    }
    const bytes = Buffer.from(body, 'utf8');
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const done = (a: NotifyAttempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(a);
    };
    const req = send(target, { method: 'POST', headers: { ...headers, 'Content-Length': String(bytes.length), 'User-Agent': 'Mozilla/4.0 (wxpay-gen notify)' }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= 64 * 1024) chunks.push(c);
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        const hdrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') hdrs[k] = v;
        const success = status === 200 || status === 204;
        done({ attempt, status, body: text, headers: hdrs, success, valid: success || isDocumentedFail(status, text) });
      });
      res.on('error', (e: NodeJS.ErrnoException) => done({ attempt, status: 0, body: '', headers: {}, success: false, valid: false, error: e.code ?? 'error' }));
    });
    const timer = setTimeout(() => {
      done({ attempt, status: 0, body: '', headers: {}, success: false, valid: false, error: 'timeout' });
      req.destroy();
    }, timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => done({ attempt, status: 0, body: '', headers: {}, success: false, valid: false, error: e.code ?? 'error' }));
    req.end(bytes);
  });
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function withAnswerVerdict(a: NotifyAttempt, answer: ModelSchema): NotifyAttempt {
  const verdict = judgeAnswer(answer, a.status, a.body);
  return { ...a, valid: a.valid && verdict.matches, answerMatches: verdict.matches, ...(verdict.matches ? {} : { answerIssues: verdict.issues }) };
}

/** Delivers `built` to `url`: once, or (with `retry`) on the schedule until a success answer. */
export async function deliverNotification(url: string, built: BuiltNotification, keys: NotifyKeys, options: DeliverOptions = {}): Promise<DeliveryResult> {
  const scale = options.retryScale ?? 1;
  if (typeof scale !== 'number' || !(scale >= 0) || !Number.isFinite(scale)) throw new TypeError('retryScale must be a finite number ≥ 0');
  const max = options.retry ? Math.min(options.maxAttempts ?? RETRY_SCHEDULE_SECONDS.length + 1, RETRY_SCHEDULE_SECONDS.length + 1) : 1;
  if (!Number.isInteger(max) || max < 1) throw new TypeError('maxAttempts must be a whole number ≥ 1');
  const timeoutMs = options.timeoutMs ?? ANSWER_TIMEOUT_MS;
  const attempts: NotifyAttempt[] = [];
  for (let n = 1; n <= max; n++) {
    // The first delivery goes as built; each retry is the same notification signed afresh.
    const wireMsg = n === 1 ? { headers: built.headers, body: built.body } : signNotification(built.signedBody, keys, built.fault);
    const posted = await postOnce(url, wireMsg.headers, wireMsg.body, timeoutMs, n);
    const a = options.answer && posted.success ? withAnswerVerdict(posted, options.answer) : posted;
    attempts.push(a);
    options.onAttempt?.(a);
    if (a.success || n === max) break;
    const delay = (RETRY_SCHEDULE_SECONDS[n - 1] ?? 0) * 1000 * scale;
    if (!(await wait(delay, options.signal))) break;
  }
  return { id: built.id, eventType: built.eventType, attempts, delivered: attempts.at(-1)?.success === true };
}
