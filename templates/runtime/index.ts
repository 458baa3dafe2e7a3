export { segmentName, chainOf } from './naming.js';
export type { ClientOptions, CallOptions, ApiResponse, KeyInput, SerialOptional } from './types.js';
export type { OperationDescriptor, OperationTable, FieldSchema, FieldPath, HttpMethod } from './operation.js';
