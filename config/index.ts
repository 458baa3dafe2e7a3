/** wxpay-gen.config.json: one file, read by every command and by the library; flags override it. */
export { CONFIG_FILE, DEFAULT_OUT, DEFAULT_SPEC, ConfigError, findConfig, readConfig, writeConfig, withImport, type FoundConfig } from './file';
export { validateConfig, type WxpayGenConfig, type ImportConfig, type MockConfig, type ConfigProblem } from './schema';
export { didYouMean, editDistance } from './did-you-mean';
