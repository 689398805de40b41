import type { ComponentProps } from 'react';

const currencies = Intl.supportedValuesOf('currency');
const names = new Intl.DisplayNames(undefined, { type: 'currency' });

/** Every ISO 4217 currency the browser knows, by code and name. */
export function CurrencySelect(props: ComponentProps<'select'>) {
  return (
    <select {...props}>
      {currencies.map((code) => (
        <option key={code} value={code}>
          {code} — {names.of(code)}
        </option>
      ))}
    </select>
  );
}
