/**
 * The contract between the generator and the runtime: every generated operation is
 * described by one plain-data `OperationDescriptor` (emitted into `operations.gen.ts`),
 * and the runtime needs nothing else to sign, encrypt, validate, send, verify and decrypt.
 * It carries only what the runtime reads; documentation lives in the generated types.
 */
import type { HttpMethod, LowerHttpMethod } from './methods.js';
import type { FieldLocation } from './pointer.js';

export type { HttpMethod, LowerHttpMethod } from './methods.js';
export type { FieldLocation } from './pointer.js';

/** Primitive and container types a field can have. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** A compact JSON-schema subset, enough to validate a request before sending it. */
export interface FieldSchema {
  readonly type: FieldType;
  readonly enum?: readonly (string | number | boolean)[];
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly required?: readonly string[];
  readonly items?: FieldSchema;
  /** Only `binary` (bytes: an upload's file) changes what the runtime accepts. */
  readonly format?: string;
}

/**
 * A path over a call's argument object or an answer's body, one segment per object key;
 * the segment `EVERY_ITEM` (`'*'`) stands for every element of an array. Built from the
 * table's `FieldLocation`s by `slotPaths` (fields.ts), the one place that knows the slots.
 */
export type FieldPath = readonly string[];

/** How the request body goes on the wire. */
export type BodyKind = 'none' | 'json' | 'multipart';

/** How the success response body is read. */
export type ResponseKind = 'json' | 'empty' | 'binary';

export interface OperationDescriptor {
  /** Upper-case HTTP method. */
  readonly method: HttpMethod;
  /** The path template as on the wire, with a leading slash: `/v3/facemch/users/{face_sid}`. */
  readonly path: string;
  /**
   * The spec servers of the operation (`https://api.mch.weixin.qq.com/hk`), the first its default;
   * absent: the API's default host. A server's path prefix is part of the URL sent and signed.
   */
  readonly servers?: readonly string[];
  readonly body: BodyKind;
  /** Schemas of each argument slot, for validation before sending. */
  readonly request: {
    /** Object schema whose properties are the path parameters. */
    readonly path?: FieldSchema;
    readonly query?: FieldSchema;
    readonly headers?: FieldSchema;
    readonly json?: FieldSchema;
    /** Multipart uploads: object schema with `file` (binary) and `meta` (object). */
    readonly multipart?: FieldSchema;
  };
  /** How the documented success response is read. */
  readonly response: { readonly kind: ResponseKind };
  /** Every `x-encrypted: rsa` field of the operation: where it is in the request, and in the answer (all `in: 'body'`). */
  readonly encrypted: {
    readonly request: readonly FieldLocation[];
    readonly response: readonly FieldLocation[];
  };
  /**
   * The JSON-encoded string fields (`contentMediaType: application/json` + `contentSchema`), absent when
   * there are none: the caller gives and gets their decoded value; the client sends `JSON.stringify` of it
   * (after encrypting sensitive fields inside) and parses it in the answer (before decrypting). Outer
   * fields come before the fields inside their content.
   */
  readonly jsonEncoded?: {
    readonly request: readonly FieldLocation[];
    readonly response: readonly FieldLocation[];
  };
}

/** The generated operations table: endpoint key (`v3/…`, no leading slash) → method (lower case) → descriptor. */
export type OperationTable = Readonly<Record<string, Readonly<Partial<Record<LowerHttpMethod, OperationDescriptor>>>>>;
