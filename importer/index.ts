/**
 * wxpay-gen importer: WeChat Pay doc pages (wechatpay.im markdown source) → OpenAPI path
 * files. Stages: markdown/ (scan) → page.ts (page model) → schema.ts + path-item.ts
 * (OpenAPI) → emit-yaml.ts / root.ts (text) → write.ts (disk), driven by import-pages.ts.
 */
export { importPages, importPagesSync, type ImportOptions, type ImportResult, type PageResult, type PageStatus } from './import-pages';
export { formatIssue, type ImportIssue } from './issues';
export { isUntouchedImport, MARKER_PREFIX } from './emit-yaml';
export { ROOT_TEMPLATE } from './root';
export { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
