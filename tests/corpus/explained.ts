/**
 * The sweep's failures that are understood, each with why: by class, optionally narrowed to
 * operations and a pass. A failure no entry covers fails the sweep; so does any `leak`,
 * whatever the percentages. Written for pages nobody has seen yet: classes, not a list of pages.
 */
export interface Explanation {
  readonly cls: string;
  /** Only operations whose id (`GET v3/certificates`) matches. */
  readonly op?: RegExp;
  readonly pass?: 'examples' | 'minimal';
  readonly why: string;
}

export const EXPLAINED: readonly Explanation[] = [
  {
    cls: 'api:RESOURCE_NOT_EXISTS',
    op: /^GET v3(\/global)?\/certificates$/,
    pass: 'examples',
    why: 'the examples pass runs the mock in WeChat Pay public-key mode, where /v3/certificates answers 404 RESOURCE_NOT_EXISTS ' +
      '(无可用的平台证书) as WeChat Pay does for such merchants; the minimal pass runs it in certificates mode, where it answers',
  },
];

export function explain(cls: string, op: string, pass: string): Explanation | undefined {
  return EXPLAINED.find((e) => e.cls === cls && (e.op === undefined || e.op.test(op)) && (e.pass === undefined || e.pass === pass));
}

/**
 * Problems of the generator that a `generator-refused` path may have. None: the whole site
 * generates (pages whose paths differ only in parameter names, which the generator refuses, are
 * merged into one operation by the importer), so any refusal fails the sweep.
 */
export const EXPLAINED_REFUSALS: readonly RegExp[] = [];
