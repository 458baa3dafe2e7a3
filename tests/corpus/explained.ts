/**
 * The sweep's failure classes that are understood, each with why. A class not listed here
 * fails the sweep; so does any `leak`, whatever the percentages. Written for pages nobody has
 * seen yet: classes, not operations.
 */
export const EXPLAINED: Readonly<Record<string, string>> = {
  'generator-refused':
    'the generator refuses the path (SpecError): two pages document paths that differ only in parameter names ' +
    '(e.g. /v3/apply4subject/applyment/{business_code}/cancel and …/{applyment_id}/cancel), which OpenAPI forbids; ' +
    'the importer warns about the pair and the user keeps one page (both are the same URL on the wire).',
};

/** Problems of the generator that `generator-refused` covers (anything else is unexplained). */
export const EXPLAINED_REFUSALS: readonly RegExp[] = [/differ only in (their )?parameter names/];
