export { SpecError, WxPayGenError, formatProblem, type SpecProblem, type ToolErrorCode } from './errors';
export { OutputFolderError, type CheckResult } from './write';
export { DEFAULT_LIMITS, loadSpec, type LoadedSpec, type LoadLimits } from './load';
export { buildModel, type Model, type ModelOperation, type ModelParameter, type ModelResponse, type ModelSchema } from './model';
export { emitAll } from './emit';

export { generate, DEFAULT_OUT, DEFAULT_SPEC, type GenerateOptions, type GenerateResult } from './generate';
export { fastCheck, type FastCheck } from './fingerprint/check';
export { INPUTS, type InputKind } from './fingerprint/inputs';
export { CONFIG_FILE, ConfigError, findConfig, readConfig, type WxpayGenConfig, type ImportConfig, type MockConfig, type FoundConfig } from '../config';
