import { dateFormatSchema, type CsvMapping } from '@budget/api/schemas';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { Field } from '../ui/field.tsx';
import { columnChoices } from './csv-columns.ts';
import { mappingFormSchema, type MappingFormValues } from './mapping-form-schema.ts';

const delimiterLabels = { ',': 'Comma (,)', ';': 'Semicolon (;)', '\t': 'Tab' } as const;

/** How to read the file's columns, as detected or as the user corrects it. */
export function MappingForm({
  csv,
  initial,
  busy,
  onPreview,
}: {
  csv: string;
  initial: MappingFormValues;
  busy: boolean;
  onPreview: (mapping: CsvMapping) => void;
}) {
  const form = useForm({ resolver: zodResolver(mappingFormSchema), defaultValues: initial });
  const { errors } = form.formState;
  const [delimiter, hasHeader, amountMode] = form.watch(['delimiter', 'hasHeader', 'amountMode']);
  const choices = useMemo(
    () => columnChoices(csv, { delimiter, hasHeader }),
    [csv, delimiter, hasHeader],
  );
  const columnOptions = (none?: string) => (
    <>
      {none !== undefined && <option value="">{none}</option>}
      {choices.map((choice) => (
        <option key={choice.index} value={String(choice.index)}>
          {choice.label}
        </option>
      ))}
    </>
  );

  return (
    <form
      noValidate
      className="inline-form"
      aria-label="Column mapping"
      onSubmit={form.handleSubmit((mapping) => onPreview(mapping))}
    >
      <Field label="Delimiter" error={errors.delimiter}>
        {(control) => (
          <select {...control} {...form.register('delimiter')}>
            {Object.entries(delimiterLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Decimal separator" error={errors.decimalSeparator}>
        {(control) => (
          <select {...control} {...form.register('decimalSeparator')}>
            <option value=".">Point (12.34)</option>
            <option value=",">Comma (12,34)</option>
          </select>
        )}
      </Field>
      <Field label="Date column" error={errors.dateColumn}>
        {(control) => (
          <select {...control} {...form.register('dateColumn')}>
            {columnOptions('Choose…')}
          </select>
        )}
      </Field>
      <Field label="Date format" error={errors.dateFormat}>
        {(control) => (
          <select {...control} {...form.register('dateFormat')}>
            {dateFormatSchema.options.map((format) => (
              <option key={format} value={format}>
                {format}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Amounts" error={errors.amountMode}>
        {(control) => (
          <select {...control} {...form.register('amountMode')}>
            <option value="single">One signed amount column</option>
            <option value="split">Separate money out and money in columns</option>
          </select>
        )}
      </Field>
      {amountMode === 'single' ? (
        <Field label="Amount column" error={errors.amountColumn}>
          {(control) => (
            <select {...control} {...form.register('amountColumn')}>
              {columnOptions('Choose…')}
            </select>
          )}
        </Field>
      ) : (
        <>
          <Field label="Money out column" error={errors.debitColumn}>
            {(control) => (
              <select {...control} {...form.register('debitColumn')}>
                {columnOptions('Choose…')}
              </select>
            )}
          </Field>
          <Field label="Money in column" error={errors.creditColumn}>
            {(control) => (
              <select {...control} {...form.register('creditColumn')}>
                {columnOptions('Choose…')}
              </select>
            )}
          </Field>
        </>
      )}
      <Field label="Payee column" error={errors.payee}>
        {(control) => (
          <select {...control} {...form.register('payee')}>
            {columnOptions('None')}
          </select>
        )}
      </Field>
      <Field label="Note column" error={errors.note}>
        {(control) => (
          <select {...control} {...form.register('note')}>
            {columnOptions('None')}
          </select>
        )}
      </Field>
      <Field
        label="Category column"
        error={errors.category}
        hint="Matched to your categories by name."
      >
        {(control) => (
          <select {...control} {...form.register('category')}>
            {columnOptions('None')}
          </select>
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" {...form.register('hasHeader')} /> The first line is a header
      </label>
      <button type="submit" disabled={busy}>
        Preview again
      </button>
    </form>
  );
}
