import { CsvError, parse } from 'csv-parse/sync';
import { badRequest } from '../../errors.ts';

export interface CsvRecord {
  /** The line the record starts on, 1-based, counting the header. */
  line: number;
  cells: string[];
}

export type Delimiter = ',' | ';' | '\t';

/** Longest field accepted; a longer one is refused rather than buffered. */
const MAX_FIELD_LENGTH = 64 * 1024;

/** Most rows one import reads (a 2 MiB file of 21-byte lines); a busy account has a few thousand a year. */
export const MAX_CSV_ROWS = 100_000;
/** Most columns in one row (a mapping names columns 0–999). */
export const MAX_CSV_COLUMNS = 1_000;
/** Most cells in one file: parsing cost grows with cells, not bytes (2 MiB of `,` is 2 M cells). */
export const MAX_CSV_CELLS = 500_000;

/** Characters of the CSV parser's own error message kept in ours. */
const MAX_ERROR_DETAIL = 200;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Counts rows and cells with one pass over the text (quotes respected, blank lines skipped) and
 * refuses a file over the limits before the parser spends seconds on it: a 2 MiB file of
 * delimiters or of one-character lines would otherwise hold the event loop for tens of seconds.
 */
function assertParsableSize(csv: string, delimiter: Delimiter, toLine: number | undefined) {
  const separator = delimiter.charCodeAt(0);
  let rows = 0;
  let cells = 0;
  let lines = 0;
  let rowCells = 1;
  let rowHasText = false;
  let quoted = false;
  const endRow = () => {
    if (rowHasText) {
      rows += 1;
      cells += rowCells;
    }
    rowCells = 1;
    rowHasText = false;
  };
  for (let index = 0; index < csv.length; index += 1) {
    const code = csv.charCodeAt(index);
    if (code === QUOTE) quoted = !quoted;
    if (code === LF || code === CR) {
      if (code === LF || csv.charCodeAt(index + 1) !== LF) lines += 1;
      if (!quoted) endRow();
      if (toLine !== undefined && lines >= toLine) break;
      continue;
    }
    rowHasText = true;
    if (code === separator && !quoted) {
      rowCells += 1;
      if (rowCells > MAX_CSV_COLUMNS) {
        throw badRequest(`A row of the CSV has more than ${MAX_CSV_COLUMNS} columns`);
      }
    }
  }
  endRow();
  if (rows > MAX_CSV_ROWS) {
    throw badRequest(`The CSV has more than ${MAX_CSV_ROWS} rows; split it into smaller files`);
  }
  if (cells > MAX_CSV_CELLS) {
    throw badRequest(`The CSV has more than ${MAX_CSV_CELLS} cells; split it into smaller files`);
  }
}

/**
 * Parses CSV text with csv-parse (RFC 4180, a BOM dropped); malformed text, or a file over the
 * row, column or cell limits, is a BAD_REQUEST.
 */
export function parseCsv(csv: string, delimiter: Delimiter, toLine?: number): CsvRecord[] {
  assertParsableSize(csv, delimiter, toLine);
  try {
    const records = parse(csv, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      max_record_size: MAX_FIELD_LENGTH,
      ...(toLine === undefined ? {} : { to_line: toLine }),
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    return records.map(({ record, info, raw }) => {
      const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
      return { line: info.lines - (body.match(/\n/g)?.length ?? 0), cells: record };
    });
  } catch (error) {
    if (error instanceof CsvError) {
      // The parser quotes the offending field, which a hostile file makes as long as it likes.
      const detail =
        error.message.length > MAX_ERROR_DETAIL
          ? `${error.message.slice(0, MAX_ERROR_DETAIL)}…`
          : error.message;
      throw badRequest(`The CSV is malformed: ${detail}`);
    }
    throw error;
  }
}
