import type { CurrencyTrend } from '@budget/client';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMoney } from '../../lib/money.ts';

/** Income and expense per period for one currency, net as a line, and the numbers as a table. */
export function TrendChart({ trend }: { trend: CurrencyTrend }) {
  const money = (value: unknown) => formatMoney(Number(value), trend.currency);
  return (
    <figure>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart
            accessibilityLayer={false}
            data={trend.points}
            margin={{ left: 16, right: 16 }}
          >
            <CartesianGrid vertical={false} />
            <XAxis dataKey="period" />
            <YAxis tickFormatter={money} width={90} />
            <Tooltip formatter={money} />
            <Legend />
            <Bar dataKey="income" name="Income" fill="#15803d" />
            <Bar dataKey="expense" name="Expense" fill="#b91c1c" />
            <Line dataKey="net" name="Net" stroke="#1e3a8a" strokeWidth={2} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption>Income and expense over time ({trend.currency})</figcaption>
      <details>
        <summary>Show the numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Income</th>
              <th scope="col">Expense</th>
              <th scope="col">Net</th>
            </tr>
          </thead>
          <tbody>
            {trend.points.map((point) => (
              <tr key={point.period}>
                <td>{point.period}</td>
                <td>{formatMoney(point.income, trend.currency)}</td>
                <td>{formatMoney(point.expense, trend.currency)}</td>
                <td>{formatMoney(point.net, trend.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
