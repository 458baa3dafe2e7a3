/**
 * The contract between the generator and the runtime: every generated operation is
 * described by one plain-data `OperationDescriptor` (emitted into `operations.gen.ts`),
 * and the runtime needs nothing else to sign, encrypt, validate, send, verify and decrypt.
 */

/** HTTP methods used by WeChat Pay APIv3. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Primitive and container types a field can have. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/**
 * A compact JSON-schema subset, enough to validate a request before sending it.
 * `encrypted: true` is the spec's `x-encrypted: rsa` (only ever on `type: 'string'`).
 */
export interface FieldSchema {
  readonly type: FieldType;
  readonly enum?: readonly (string | number | boolean)[];
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly required?: readonly string[];
  readonly items?: FieldSchema;
  readonly format?: string;
  readonly encrypted?: true;
}

/**
 * A path to a field, one segment per object key; the segment `'[]'` stands for every
 * element of an array. Request paths start at the argument slot (`json`, `query`,
 * `headers`, or a path-parameter name); response paths start at the body root.
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
  /** Names of the path parameters, in the order they appear in `path`. */
  readonly pathParams: readonly string[];
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
  readonly body: BodyKind;
  /** The documented success response. */
  readonly response: {
    readonly status: number;
    readonly kind: ResponseKind;
    readonly schema?: FieldSchema;
  };
  /** Every `x-encrypted: rsa` field of the operation. */
  readonly encrypted: {
    readonly request: readonly FieldPath[];
    readonly response: readonly FieldPath[];
  };
}

/** The generated operations table: endpoint key (`v3/…`, no leading slash) → method (lower case) → descriptor. */
export type OperationTable = Readonly<Record<string, Readonly<Partial<Record<Lowercase<HttpMethod>, OperationDescriptor>>>>>;
