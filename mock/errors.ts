/** WeChat Pay's error answers: `{ code, message, detail? }` with the HTTP status WeChat Pay uses for each code. */

/** Where a bad field was found, as in WeChat Pay's `detail.location`. */
export type FieldLocation = 'path' | 'query' | 'header' | 'body';

/** WeChat Pay's `detail` of a PARAM_ERROR: which field, its value (never for sensitive fields), what is wrong, where. */
export interface FieldIssue {
  /** A parameter name, or a JSON pointer into the body (`/real_name`). */
  readonly field: string;
  readonly value?: string | number | boolean;
  readonly issue: string;
  readonly location: FieldLocation;
}

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly detail?: FieldIssue | Readonly<Record<string, unknown>>;
}

/** An error answer: the status and body the mock sends, and a one-line reason safe to log. */
export interface Rejection {
  readonly status: number;
  readonly body: ErrorBody;
  /** What went wrong, for the log line; names fields, never values. */
  readonly reason: string;
}

export function signError(reason: string): Rejection {
  return { status: 401, body: { code: 'SIGN_ERROR', message: `签名错误：${reason}` }, reason };
}

export function paramError(issue: FieldIssue): Rejection {
  const where = issue.location === 'body' ? `body field ${issue.field}` : `${issue.location} parameter ${issue.field}`;
  return {
    status: 400,
    body: { code: 'PARAM_ERROR', message: `参数错误：${where} ${issue.issue}`, detail: issue },
    reason: `${where} ${issue.issue}`,
  };
}

export function notFound(): Rejection {
  return { status: 404, body: { code: 'RESOURCE_NOT_EXISTS', message: '请求的资源不存在：no operation has this path' }, reason: 'no operation has this path' };
}

export function methodNotAllowed(allow: readonly string[]): Rejection {
  const reason = `this path takes ${allow.join(', ')}`;
  return { status: 405, body: { code: 'METHOD_NOT_ALLOWED', message: `请求方法不被允许：${reason}` }, reason };
}

export function systemError(status = 500): Rejection {
  return { status, body: { code: 'SYSTEM_ERROR', message: '系统错误，请稍后重试' }, reason: 'simulated system error' };
}
