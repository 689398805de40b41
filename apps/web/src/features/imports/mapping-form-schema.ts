import { csvMappingSchema, dateFormatSchema, type CsvMapping } from '@budget/api/schemas';
import { z } from 'zod';
import { columnIndexOf, guessDelimiter } from './csv-columns.ts';

const column = z.string();

/**
 * The mapping as the form holds it: columns by position (as select values), optional ones ''
 * when unused; turned into the API's mapping and checked by its own schema.
 */
export const mappingFormSchema = z
  .object({
    delimiter: z.enum([',', ';', '\t']),
    hasHeader: z.boolean(),
    dateColumn: column.min(1, 'Choose the date column'),
    dateFormat: dateFormatSchema,
    amountMode: z.enum(['single', 'split']),
    amountColumn: column,
    debitColumn: column,
    creditColumn: column,
    decimalSeparator: z.enum(['.', ',']),
    payee: column,
    note: column,
    category: column,
  })
  .transform((values, ctx): z.input<typeof csvMappingSchema> => {
    const required = (value: string, path: string, message: string) => {
      if (value === '') ctx.addIssue({ code: 'custom', path: [path], message });
      return Number(value);
    };
    const amount =
      values.amountMode === 'single'
        ? { column: required(values.amountColumn, 'amountColumn', 'Choose the amount column') }
        : {
            debit: required(values.debitColumn, 'debitColumn', 'Choose the money-out column'),
            credit: required(values.creditColumn, 'creditColumn', 'Choose the money-in column'),
          };
    return {
      delimiter: values.delimiter,
      hasHeader: values.hasHeader,
      date: { column: Number(values.dateColumn), format: values.dateFormat },
      amount,
      decimalSeparator: values.decimalSeparator,
      ...(values.payee === '' ? {} : { payee: Number(values.payee) }),
      ...(values.note === '' ? {} : { note: Number(values.note) }),
      ...(values.category === '' ? {} : { category: Number(values.category) }),
    };
  })
  .pipe(csvMappingSchema);

export type MappingFormValues = z.input<typeof mappingFormSchema>;

/** A detected (or earlier) mapping as form values, its columns turned into positions. */
export function mappingFormValues(csv: string, mapping: CsvMapping): MappingFormValues {
  const at = (value: string | number | undefined) => {
    const index = columnIndexOf(csv, mapping, value);
    return index === undefined ? '' : String(index);
  };
  const split = 'debit' in mapping.amount;
  return {
    delimiter: mapping.delimiter,
    hasHeader: mapping.hasHeader,
    dateColumn: at(mapping.date.column),
    dateFormat: mapping.date.format,
    amountMode: split ? 'split' : 'single',
    amountColumn: 'column' in mapping.amount ? at(mapping.amount.column) : '',
    debitColumn: 'debit' in mapping.amount ? at(mapping.amount.debit) : '',
    creditColumn: 'credit' in mapping.amount ? at(mapping.amount.credit) : '',
    decimalSeparator: mapping.decimalSeparator,
    payee: at(mapping.payee),
    note: at(mapping.note),
    category: at(mapping.category),
  };
}

/** A starting point when the server could not detect a mapping: first column date, second amount. */
export function blankMapping(csv: string): MappingFormValues {
  return {
    delimiter: guessDelimiter(csv),
    hasHeader: true,
    dateColumn: '0',
    dateFormat: 'YYYY-MM-DD',
    amountMode: 'single',
    amountColumn: '1',
    debitColumn: '',
    creditColumn: '',
    decimalSeparator: '.',
    payee: '',
    note: '',
    category: '',
  };
}
