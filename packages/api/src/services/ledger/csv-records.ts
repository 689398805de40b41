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

/** Parses CSV text with csv-parse (RFC 4180, a BOM dropped); malformed text is a BAD_REQUEST. */
export function parseCsv(csv: string, delimiter: Delimiter, toLine?: number): CsvRecord[] {
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
      throw badRequest(`The CSV is malformed: ${error.message}`);
    }
    throw error;
  }
}
