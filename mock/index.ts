/** wxpay-gen's WeChat Pay simulator: serves a spec's operations over HTTP as WeChat Pay would. */
export { startMockServer, DEFAULT_SPEC, DEFAULT_HOST } from './server';
export type { MockServer, MockServerOptions, ReceivedRequest, SentResponse, FaultSelector, MockClientOptions } from './types';
export { FAULT_NAMES, FAULT_HEADER, SIGNTEST_PREFIX, UNKNOWN_SERIAL } from './faults';
export type { Fault, FaultInput, FaultName } from './faults';
export { prepareKeys, KEY_FILES, MockKeyError, DEFAULT_MCHID } from './keys';
export type { MockKeys, MockKeysInput, MockIdentity, MockKeyPems } from './keys';
export type { ErrorBody, FieldIssue, FieldLocation } from './errors';
export { requestMessage, AUTH_SCHEME, MAX_CLOCK_SKEW } from './auth';
export { responseMessage } from './sign';
export { sensitivePlaceholder } from './example';
export { buildNotification, signNotification, NOTIFY_FAULT_NAMES } from './notify-build';
export type { BuiltNotification, BuildNotificationOptions, NotifyFaultName, NotifyKeys } from './notify-build';
export { deliverNotification, RETRY_SCHEDULE_SECONDS } from './notify-send';
export type { DeliverOptions, DeliveryResult, NotifyAttempt } from './notify-send';
export { DEFAULT_LIMITS } from './limits';
export type { MockLimits } from './limits';
export { sendNotification, examplePayload } from './notify';
export type { NotifyOptions } from './notify';
