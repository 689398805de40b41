import { badRequest } from '../../errors.ts';
import type { CsvColumn, CsvMapping, DateFormat } from '../../schemas/imports.ts';
import { parseCsv, type CsvRecord, type Delimiter } from './csv-records.ts';
import { dateFormats, parseCsvAmount, parseCsvDate, type DecimalSeparator } from './csv-values.ts';

const SAMPLE_LINES = 50;
/** The share of a column's sample cells that may fail to read as dates or amounts (bad rows). */
const MISFITS = 0.2;

/** The delimiter that splits the first lines into the most columns, consistently. */
function detectDelimiter(csv: string): Delimiter {
  let best: { delimiter: Delimiter; columns: number } = { delimiter: ',', columns: 0 };
  for (const delimiter of [',', ';', '\t'] as const) {
    let records: CsvRecord[];
    try {
      records = parseCsv(csv, delimiter, SAMPLE_LINES);
    } catch {
      continue;
    }
    const counts = records.map((record) => record.cells.length);
    const columns = Math.min(...counts.slice(0, 10));
    const consistent = counts.filter((count) => count === counts[0]).length >= counts.length * 0.9;
    if (consistent && columns > best.columns) best = { delimiter, columns };
  }
  return best.delimiter;
}

const headerPatterns = {
  date: /date|datum|fecha|buchungstag|valuta|posted/i,
  debit: /debit|withdraw|paid out|money out|soll|ausgang|belastung/i,
  credit: /credit|deposit|paid in|money in|haben|eingang|gutschrift/i,
  amount: /amount|betrag|montant|importe|value|sum|umsatz/i,
  payee: /payee|description|merchant|name|beneficiary|counterparty|empf|auftraggeber|details|text/i,
  note: /note|memo|reference|purpose|verwendungszweck|comment/i,
  category: /categor|kategorie/i,
};

function looksLikeAmount(cell: string): boolean {
  return (
    typeof parseCsvAmount(cell, '.', 3) === 'number' ||
    typeof parseCsvAmount(cell, ',', 3) === 'number'
  );
}

function detectDecimalSeparator(cells: readonly string[], delimiter: Delimiter): DecimalSeparator {
  for (const cell of cells) {
    const lastPoint = cell.lastIndexOf('.');
    const lastComma = cell.lastIndexOf(',');
    if (lastPoint !== -1 && lastComma !== -1) return lastComma > lastPoint ? ',' : '.';
    if (/,\d{1,2}\D*$/.test(cell)) return ',';
    if (/\.\d{1,2}\D*$/.test(cell)) return '.';
  }
  return delimiter === ';' ? ',' : '.';
}

/**
 * Whether `passing` of `total` cells is enough to read a column as dates or amounts: more than
 * half, and at most one in five (or a single one) failing, so a bad row does not hide the column.
 */
function enough(passing: number, total: number): boolean {
  return passing > total / 2 && total - passing <= Math.max(1, total * MISFITS);
}

function mostly(cells: readonly string[], test: (cell: string) => boolean): boolean {
  return enough(cells.filter(test).length, cells.length);
}

/** The format that reads the most of the cells (most of them at least), or null. */
function detectDateFormat(cells: readonly string[], decimal: DecimalSeparator): DateFormat | null {
  const counts = dateFormats.map(
    (format) =>
      [format, cells.filter((cell) => parseCsvDate(cell, format) !== null).length] as const,
  );
  const best = Math.max(...counts.map(([, count]) => count));
  if (!enough(best, cells.length)) return null;
  const fitting = counts.filter(([, count]) => count === best).map(([format]) => format);
  if (fitting.length <= 1) return fitting[0] ?? null;
  // Day and month both ≤ 12 everywhere: a decimal comma points to a European bank.
  return decimal === ','
    ? (fitting.find((f) => f.startsWith('DD')) ?? null)
    : (fitting.find((f) => f.startsWith('MM')) ?? null);
}

/**
 * Guesses how to read a bank's CSV: delimiter, header, the date column and its format, the
 * amount column (or debit and credit columns), decimal separator, payee, note and category.
 */
export function detectMapping(csv: string): CsvMapping {
  const delimiter = detectDelimiter(csv);
  const records = parseCsv(csv, delimiter, SAMPLE_LINES + 1);
  const first = records[0];
  if (first === undefined) throw badRequest('The CSV has no rows');
  const anyDate = (cell: string) =>
    dateFormats.some((format) => parseCsvDate(cell, format) !== null);
  const hasHeader = !first.cells.some(anyDate);
  const header = hasHeader ? first.cells.map((cell) => cell.trim()) : [];
  const sample = (hasHeader ? records.slice(1) : records).map((record) => record.cells);
  if (sample.length === 0) throw badRequest('The CSV has a header but no rows');
  const width = Math.max(...sample.map((cells) => cells.length));
  const columnCells = (index: number) =>
    sample.map((cells) => (cells[index] ?? '').trim()).filter((cell) => cell !== '');
  const name = (index: number): CsvColumn => (hasHeader ? (header[index] ?? index) : index);
  const byHeader = (pattern: RegExp, taken: ReadonlySet<number>) =>
    header.findIndex((title, index) => !taken.has(index) && pattern.test(title));

  const indexes = Array.from({ length: width }, (_, index) => index);
  const isDateColumn = (index: number) => mostly(columnCells(index), anyDate);
  const namedDate = byHeader(headerPatterns.date, new Set());
  const dateIndex =
    namedDate !== -1 && isDateColumn(namedDate) ? namedDate : (indexes.find(isDateColumn) ?? -1);
  if (dateIndex === -1) throw badRequest('No date column found; send a mapping');
  const taken = new Set([dateIndex]);

  let amount: CsvMapping['amount'];
  let amountCells: string[];
  const debit = byHeader(headerPatterns.debit, taken);
  const credit = byHeader(headerPatterns.credit, taken);
  const named = byHeader(headerPatterns.amount, taken);
  if (debit !== -1 && credit !== -1 && debit !== credit && named === -1) {
    amount = { debit: name(debit), credit: name(credit) };
    amountCells = [...columnCells(debit), ...columnCells(credit)];
    taken.add(debit).add(credit);
  } else {
    const index =
      named !== -1
        ? named
        : indexes.find(
            (candidate) => !taken.has(candidate) && mostly(columnCells(candidate), looksLikeAmount),
          );
    if (index === undefined) throw badRequest('No amount column found; send a mapping');
    amount = { column: name(index) };
    amountCells = columnCells(index);
    taken.add(index);
  }
  const decimalSeparator = detectDecimalSeparator(amountCells, delimiter);
  const format = detectDateFormat(columnCells(dateIndex), decimalSeparator);
  if (format === null) throw badRequest('The date format was not recognised; send a mapping');

  const optional = (pattern: RegExp): CsvColumn | undefined => {
    const index = byHeader(pattern, taken);
    if (index === -1) return undefined;
    taken.add(index);
    return name(index);
  };
  const category = optional(headerPatterns.category);
  let payee = optional(headerPatterns.payee);
  const note = optional(headerPatterns.note);
  if (payee === undefined) {
    const text = indexes.find(
      (index) => !taken.has(index) && columnCells(index).some((cell) => !looksLikeAmount(cell)),
    );
    if (text !== undefined) payee = name(text);
  }
  return {
    delimiter,
    hasHeader,
    date: { column: name(dateIndex), format },
    amount,
    decimalSeparator,
    ...(payee === undefined ? {} : { payee }),
    ...(note === undefined ? {} : { note }),
    ...(category === undefined ? {} : { category }),
  };
}
