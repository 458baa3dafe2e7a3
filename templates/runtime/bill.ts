/**
 * Bill CSV (交易账单 / 资金账单) → rows. A bill has four parts: the detail header, detail rows,
 * the summary header and summary rows. Fields are separated by commas; every value of a detail
 * or summary row starts with a backtick (so spreadsheets keep long numbers as text), which is
 * removed here. Rows are split on ",`" (a comma followed by the next value's backtick), so a
 * comma inside a value (a product name) stays in it.
 */

/** A parsed bill: rows keyed by the header's column names. */
export interface Bill {
  readonly header: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
  readonly summaryHeader: readonly string[];
  readonly summary: readonly Readonly<Record<string, string>>[];
}

/** One line of a bill, as `readBill` yields it. */
export type BillRecord =
  | { readonly kind: 'row'; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: 'summary'; readonly values: Readonly<Record<string, string>> };

const BACKTICK = '`';

function splitHeader(line: string): string[] {
  return line.split(',').map((s) => s.trim());
}

function splitValues(line: string): string[] {
  return line.slice(1).split(',`').map((s) => s.replace(/\s+$/, ''));
}

function record(header: readonly string[], values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  header.forEach((name, i) => {
    out[name] = values[i] ?? '';
  });
  // More values than columns: kept under their position, never dropped silently.
  for (let i = header.length; i < values.length; i++) out[String(i)] = values[i] as string;
  return out;
}

/** Reads lines one at a time; keeps which part of the bill it is in. */
export class BillParser {
  private header: string[] | undefined;
  private summaryHeader: string[] | undefined;
  private first = true;

  /** The column names of the detail rows (once the first line is read). */
  get columns(): readonly string[] | undefined {
    return this.header;
  }

  /** The column names of the summary rows (once they are reached). */
  get summaryColumns(): readonly string[] | undefined {
    return this.summaryHeader;
  }

  /** One line (without its line break); undefined for a header or blank line. */
  line(raw: string): BillRecord | undefined {
    let line = raw.replace(/\r$/, '');
    if (this.first) {
      line = line.replace(/^\uFEFF/, '');
      this.first = false;
    }
    if (line.trim() === '') return undefined;
    if (!line.startsWith(BACKTICK)) {
      if (this.header === undefined) this.header = splitHeader(line);
      else this.summaryHeader = splitHeader(line);
      return undefined;
    }
    const values = splitValues(line);
    if (this.summaryHeader !== undefined) return { kind: 'summary', values: record(this.summaryHeader, values) };
    return { kind: 'row', values: record(this.header ?? [], values) };
  }
}

/** Parses a whole bill held in memory (for a large one, stream it through `readBill`). */
export function parseBill(input: string | Uint8Array): Bill {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  const parser = new BillParser();
  const rows: Record<string, string>[] = [];
  const summary: Record<string, string>[] = [];
  for (const line of text.split('\n')) {
    const r = parser.line(line);
    if (r?.kind === 'row') rows.push(r.values);
    else if (r?.kind === 'summary') summary.push(r.values);
  }
  return { header: parser.columns ?? [], rows, summaryHeader: parser.summaryColumns ?? [], summary };
}

/** Largest line accepted by `readBill` (a bill line is well under 4 KiB). */
const MAX_LINE = 1024 * 1024;

/**
 * Streams a bill (a file stream, or `fs.createReadStream(path)` of a download) record by
 * record, holding one line at a time in memory.
 */
export async function* readBill(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<BillRecord, void, undefined> {
  const parser = new BillParser();
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of source) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      const r = parser.line(rest.slice(0, nl));
      if (r) yield r;
      rest = rest.slice(nl + 1);
      nl = rest.indexOf('\n');
    }
    if (rest.length > MAX_LINE) throw new Error(`readBill: a line is longer than ${MAX_LINE} characters; this is not a WeChat Pay bill`);
  }
  rest += decoder.decode();
  const r = parser.line(rest);
  if (r) yield r;
}
