import type { CsvMapping } from '@budget/api/schemas';

type Delimiter = CsvMapping['delimiter'];

/**
 * The first `count` records of a CSV text, split by `delimiter` with RFC 4180 quoting (quoted
 * cells may hold delimiters, doubled quotes and line breaks). Only what the mapping form needs
 * to name the columns; the server parses the whole file.
 */
export function firstRecords(csv: string, delimiter: Delimiter, count = 2): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let index = csv.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; index < csv.length && records.length < count; index += 1) {
    const char = csv.charAt(index);
    if (quoted) {
      if (char === '"' && csv[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && csv[index + 1] === '\n') index += 1;
      cells.push(cell);
      if (cells.some((value) => value.trim() !== '')) records.push(cells);
      cells = [];
      cell = '';
    } else {
      cell += char;
    }
  }
  if (records.length < count && (cell !== '' || cells.length > 0)) {
    cells.push(cell);
    records.push(cells);
  }
  return records;
}

export interface CsvColumnChoice {
  index: number;
  label: string;
}

/** The file's columns as a person would pick them: by header name, else by number and a sample. */
export function columnChoices(
  csv: string,
  mapping: Pick<CsvMapping, 'delimiter' | 'hasHeader'>,
): CsvColumnChoice[] {
  const [first = [], second = []] = firstRecords(csv, mapping.delimiter);
  const sample = mapping.hasHeader ? second : first;
  const width = Math.max(first.length, second.length);
  return Array.from({ length: width }, (_, index) => {
    const example = (sample[index] ?? '').trim().slice(0, 24);
    const name = mapping.hasHeader ? (first[index] ?? '').trim() : '';
    const title = name === '' ? `Column ${index + 1}` : name;
    return { index, label: example === '' ? title : `${title} (e.g. ${example})` };
  });
}

/** A mapping's column (a header name or a 0-based position) as a position in the file. */
export function columnIndexOf(
  csv: string,
  mapping: Pick<CsvMapping, 'delimiter' | 'hasHeader'>,
  column: string | number | undefined,
): number | undefined {
  if (column === undefined || typeof column === 'number') return column;
  const [header = []] = firstRecords(csv, mapping.delimiter, 1);
  const wanted = column.trim().toLowerCase();
  const index = header.findIndex((title) => title.trim().toLowerCase() === wanted);
  return index === -1 ? undefined : index;
}

/** The delimiter that splits the first line most often: a starting guess for a manual mapping. */
export function guessDelimiter(csv: string): Delimiter {
  const line = csv.slice(0, csv.search(/\r?\n|$/));
  const counts = ([',', ';', '\t'] as const).map(
    (delimiter) => [delimiter, line.split(delimiter).length] as const,
  );
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}
