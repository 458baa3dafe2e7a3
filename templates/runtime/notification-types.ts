/**
 * The shapes of WeChat Pay notifications (回调通知) as the client hands them back. The
 * generated client narrows `Notification` to a union discriminated on `event_type`, one member
 * per webhook of the spec, plus an `UnknownNotification` for event types the spec does not have.
 */
import type { FieldSchema } from './operation.js';

/** `resource` of a notification: the AEAD_AES_256_GCM-encrypted payload, as sent. */
export interface NotificationResource {
  readonly original_type: string;
  readonly algorithm: 'AEAD_AES_256_GCM';
  readonly ciphertext: string;
  readonly associated_data?: string;
  readonly nonce: string;
}

/** A verified, decrypted notification: the body as WeChat Pay sent it, plus `data`, the decrypted payload. */
export interface Notification<E extends string = string, D = unknown> {
  /** Notification id: the same delivery repeated carries the same id. */
  readonly id: string;
  /** RFC 3339, e.g. `2015-05-20T13:29:35+08:00`. */
  readonly create_time: string;
  readonly event_type: E;
  /** `encrypt-resource`. */
  readonly resource_type: string;
  readonly summary: string;
  readonly resource: NotificationResource;
  /** The decrypted `resource.ciphertext`, parsed as JSON (and validated when the client validates). */
  readonly data: D;
}

/** A notification whose event type the spec does not describe: verified and decrypted all the same, its `data` not typed. */
export type UnknownNotification = Notification<string, unknown>;

/**
 * The member of a generated notification union that stands for event types the spec does not
 * have. Its `data` is typed `never` so that `if (n.event_type === 'TRANSACTION.SUCCESS')` narrows
 * `n.data` to that event's payload (a `string`-typed member with `unknown` data would absorb it);
 * at run time such a notification is verified and decrypted all the same: treat its data as unknown.
 */
export type UnknownEventNotification = Notification<string, never>;

/**
 * What the generated client knows about one webhook: the decrypted payload's schema (or its
 * variants: any one may match), and the answer with data its page documents, if any.
 */
export interface WebhookDescriptor {
  readonly payload?: readonly FieldSchema[];
  /** The JSON object the merchant may answer 200 with (checked when the client validates). */
  readonly answer?: FieldSchema;
}

/** The generated webhooks table: event_type → descriptor. */
export type WebhookTable = Readonly<Record<string, WebhookDescriptor>>;

/** A header set: a `Headers` object, or a plain object (node:http's `req.headers`, any case). */
export type HeadersLike = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The argument of `notifications.parse`. */
export interface NotificationInput {
  readonly headers: HeadersLike;
  /** The raw request body exactly as received: never a re-serialised object. */
  readonly body: string | Uint8Array;
}

/** Options of `nodeHandler` / `fetchHandler`. */
export interface NotificationHandlerOptions {
  /** Largest body accepted, in bytes (default 1 MiB); a larger one is refused with 413 without being buffered whole. */
  readonly limit?: number;
  /**
   * Called with every error the handler answered FAIL for (verification, decryption, validation,
   * the callback's own throw): for your logs. The answer has already been decided; a throw here is ignored.
   */
  readonly onError?: (error: unknown) => void;
}

/**
 * What a handler's callback may resolve to: nothing (the handler answers 204), or — for the few
 * event types whose page documents an answer with data (e.g. ENTRUST.TERMINATE_RETENTION,
 * CROSS_BORDER_PAY.GET_MCH_INFO) — the JSON object to answer 200 with
 * (`return { … } satisfies WebhookAnswer<'ENTRUST.TERMINATE_RETENTION'>`). With `validate` on, an
 * answer that breaks the documented one is answered FAIL 500 and reported as a ValidationError.
 */
export type NotificationCallbackResult = void | undefined | Readonly<Record<string, unknown>>;
