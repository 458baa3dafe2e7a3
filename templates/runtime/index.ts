export { buildClient } from './client.js';
export {
  WxPayError,
  ApiError,
  SignatureError,
  ValidationError,
  EncryptionError,
  DecryptionError,
  TimeoutError,
  NetworkError,
  ConfigError,
} from './errors.js';
export type { WxPayErrorCode, SignatureFailure, ValidationIssue } from './errors.js';
export { segmentName, chainOf } from './naming.js';
export type {
  ClientOptions,
  CallOptions,
  CallArgs,
  ApiResponse,
  KeyInput,
  SerialOptional,
  MultipartArgs,
  Endpoint,
} from './types.js';
export type { OperationDescriptor, OperationTable, FieldSchema, FieldPath, HttpMethod } from './operation.js';
