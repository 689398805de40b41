import { formatMoney } from '../../lib/money.ts';

/** An amount in its currency; negative amounts are marked for colour and screen readers alike. */
export function Money({ amount, currency }: { amount: number; currency: string }) {
  return (
    <span className={amount < 0 ? 'money negative' : 'money'}>{formatMoney(amount, currency)}</span>
  );
}
