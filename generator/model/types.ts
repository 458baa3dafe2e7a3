/**
 * The intermediate model: plain data, built from the loaded OpenAPI document by
 * `buildModel`, read by every emitter and by the mock server. Nothing here imports the
 * TypeScript compiler or the YAML parser.
 */
import type { FieldLocation, FieldType, HttpMethod, ResponseKind, BodyKind } from '../../templates/runtime/operation';

export type { FieldLocation } from '../../templates/runtime/operation';

import type { SpecProblem } from '../errors';

/** Where in the spec something came from (for messages). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly pointer: string;
}

/** A resolved schema: the spec's schema with every `$ref` inlined, vendor extensions interpreted. */
export interface ModelSchema {
  readonly type: FieldType;
  readonly description?: string;
  readonly enum?: readonly (string | number | boolean)[];
  /** Meaning of each enum value, from `x-enum-descriptions`. */
  readonly enumDescriptions?: Readonly<Record<string, string>>;
  /** Object properties in spec order. */
  readonly properties?: Readonly<Record<string, ModelSchema>>;
  readonly required?: readonly string[];
  /** Keys beyond `properties` are allowed (`additionalProperties: true` or a schema): a free-form object. */
  readonly additionalProperties?: true;
  readonly items?: ModelSchema;
  readonly format?: string;
  readonly example?: unknown;
  /** `x-encrypted: rsa`. */
  readonly encrypted?: true;
  /**
   * `x-encrypted: aes-gcm` (a notification's `resource.ciphertext`): the string holds base64
   * AEAD_AES_256_GCM ciphertext of JSON; these are the schemas of that JSON (`contentSchema`,
   * or each variant of its `oneOf`).
   */
  readonly encryptedContent?: readonly ModelSchema[];
  /**
   * `contentMediaType: application/json` with a `contentSchema` (in a path's request or answer): the
   * string carries JSON described by this schema. The client takes and gives the decoded value and
   * encodes / parses it on the wire.
   */
  readonly jsonContent?: ModelSchema;
}

/** A spec server: where an operation is sent (`https://api.mch.weixin.qq.com/hk`), without a trailing slash. */
export interface ModelServer {
  readonly url: string;
  readonly description?: string;
}

export interface ModelParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: ModelSchema;
}

export interface ModelResponse {
  readonly status: number;
  readonly description?: string;
  readonly kind: ResponseKind;
  /** Media type of the body (`application/json`, `application/octet-stream`, …); absent when empty. */
  readonly contentType?: string;
  readonly schema?: ModelSchema;
  /** The media type's `example`, if the spec gives one. */
  readonly example?: unknown;
}

export interface ModelOperation {
  /** `GET v3/facemch/users/{face_sid}`: unique, used for sorting and messages. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Path template with the leading slash, as on the wire. */
  readonly path: string;
  /** The endpoint key of the client: the path without its leading slash. */
  readonly key: string;
  /** Property chain of the client (`['v3', 'facemch', 'users', '_face_sid_']`). */
  readonly chain: readonly string[];
  readonly summary?: string;
  readonly description?: string;
  readonly externalDocs?: { readonly url: string; readonly description?: string };
  readonly deprecated: boolean;
  /** The operation's servers (its own, else its path item's), the first its default; absent: the API's default host. */
  readonly servers?: readonly ModelServer[];
  /** Spec file (relative to the root document's folder) that defines this operation. */
  readonly file: string;
  readonly parameters: readonly ModelParameter[];
  readonly body: BodyKind;
  readonly bodyRequired: boolean;
  /** The `application/json` or `multipart/form-data` request body schema. */
  readonly bodySchema?: ModelSchema;
  /** The documented success response (lowest 2xx). */
  readonly success: ModelResponse;
  /**
   * Every `x-encrypted` field, as `{ in, pointer }`: `in: 'body'` with a pointer into the body
   * (for an upload, into `{ file, meta }`), or `query` / `header` / `path` with the parameter's
   * name as the first token. `EVERY_ITEM` (`*`) stands for every element of an array.
   */
  readonly encrypted: {
    readonly request: readonly FieldLocation[];
    /** All `in: 'body'`. */
    readonly response: readonly FieldLocation[];
  };
  /**
   * Every JSON-encoded string field (`jsonContent`), as `{ in, pointer }` like `encrypted`, outer fields
   * before the ones inside them (a pointer may lead through an encoded field into its content).
   */
  readonly jsonEncoded: {
    readonly request: readonly FieldLocation[];
    readonly response: readonly FieldLocation[];
  };
}

/** One entry of the root `webhooks:` map: a notification WeChat Pay POSTs to the merchant. */
export interface ModelWebhook {
  /** The map key, which is the notification's `event_type` (`TRANSACTION.SUCCESS`). */
  readonly eventType: string;
  readonly summary?: string;
  readonly description?: string;
  readonly externalDocs?: { readonly url: string; readonly description?: string };
  readonly deprecated: boolean;
  /** Spec file (relative to the root document's folder) that defines it. */
  readonly file: string;
  /** The documented request headers (Wechatpay-Signature, …). */
  readonly headers: readonly ModelParameter[];
  /** The notification body `{ id, create_time, event_type, resource_type, summary, resource }`. */
  readonly body: ModelSchema;
  /** The decrypted `resource.ciphertext`: one schema, or several variants. */
  readonly payload: readonly ModelSchema[];
  /**
   * The answer with data (`responses: '200'` JSON schema), for the few events whose page documents
   * one (ENTRUST.TERMINATE_RETENTION): the object the merchant answers 200 with. Absent otherwise.
   */
  readonly answer?: ModelSchema;
}

export interface Model {
  readonly title: string;
  readonly version: string;
  /** Root spec path relative to the current working directory, as given (for the banner). */
  readonly specName: string;
  readonly servers: readonly string[];
  /** Sorted by key, then method. */
  readonly operations: readonly ModelOperation[];
  /** The root `webhooks:` map, sorted by event type (empty when the spec has none). */
  readonly webhooks: readonly ModelWebhook[];
  /** What was ignored (unknown vendor extensions), located like problems; absent when nothing was. */
  readonly warnings?: readonly SpecProblem[];
}
