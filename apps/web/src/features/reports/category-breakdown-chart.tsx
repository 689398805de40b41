import type { CurrencySummary } from '@budget/client';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../../lib/money.ts';

/** Spending by category for one currency, largest first, with the same numbers as a table. */
export function CategoryBreakdownChart({ summary }: { summary: CurrencySummary }) {
  const rows = summary.byCategory
    .filter((line) => line.kind === 'expense' && line.total > 0)
    .sort((a, b) => b.total - a.total);
  if (rows.length === 0) return <p className="empty">No spending in this range.</p>;
  const money = (value: unknown) => formatMoney(Number(value), summary.currency);

  return (
    <figure>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 36)}>
          <BarChart
            accessibilityLayer={false}
            data={rows}
            layout="vertical"
            margin={{ left: 16, right: 16 }}
          >
            <CartesianGrid horizontal={false} />
            <XAxis type="number" tickFormatter={money} />
            <YAxis type="category" dataKey="name" width={110} />
            <Tooltip formatter={money} />
            <Bar dataKey="total" name="Spent" fill="#3056d3" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>Spending by category ({summary.currency})</figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Spent</th>
            <th scope="col">Transactions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.categoryId ?? 'none'}>
              <td>{row.name}</td>
              <td>{formatMoney(row.total, summary.currency)}</td>
              <td>{row.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
