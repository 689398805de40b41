import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { SyntheticEvent } from 'react';
import { CategoryBreakdownChart } from '../features/reports/category-breakdown-chart.tsx';
import { TrendChart } from '../features/reports/trend-chart.tsx';
import { Empty, QueryState } from '../features/ui/page-state.tsx';
import { isoDate } from '../lib/dates.ts';
import { useTRPC } from '../lib/trpc.ts';

const route = getRouteApi('/app/reports');

function lastTwelveMonths(): { from: string; to: string } {
  const now = new Date();
  return {
    from: isoDate(new Date(now.getFullYear(), now.getMonth() - 11, 1)),
    to: isoDate(new Date(now.getFullYear(), now.getMonth() + 1, 0)),
  };
}

export function ReportsPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const fallback = lastTwelveMonths();
  const range = { from: search.from ?? fallback.from, to: search.to ?? fallback.to };
  const granularity = search.granularity ?? 'month';
  const summary = useQuery(trpc.reports.summary.queryOptions(range));
  const trend = useQuery(trpc.reports.trend.queryOptions({ ...range, granularity }));

  function apply(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => {
      const entry = data.get(name);
      return typeof entry === 'string' && entry !== '' ? entry : undefined;
    };
    void navigate({
      search: {
        from: value('from'),
        to: value('to'),
        granularity: value('granularity') === 'week' ? 'week' : 'month',
      },
    });
  }

  return (
    <>
      <h1>Reports</h1>
      <form
        className="filters"
        aria-label="Report range"
        onSubmit={apply}
        key={JSON.stringify(range)}
      >
        <div className="field">
          <label htmlFor="report-from">From</label>
          <input id="report-from" name="from" type="date" defaultValue={range.from} />
        </div>
        <div className="field">
          <label htmlFor="report-to">To</label>
          <input id="report-to" name="to" type="date" defaultValue={range.to} />
        </div>
        <div className="field">
          <label htmlFor="report-granularity">Per</label>
          <select id="report-granularity" name="granularity" defaultValue={granularity}>
            <option value="month">Month</option>
            <option value="week">Week</option>
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Show
          </button>
        </div>
      </form>
      <section aria-labelledby="breakdown">
        <h2 id="breakdown">Where the money went</h2>
        <QueryState query={summary} label="Loading the breakdown…">
          {(currencies) =>
            currencies.length === 0 ? (
              <Empty>No income or spending in this range.</Empty>
            ) : (
              currencies.map((item) => (
                <CategoryBreakdownChart key={item.currency} summary={item} />
              ))
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="trend">
        <h2 id="trend">Trend</h2>
        <QueryState query={trend} label="Loading the trend…">
          {(currencies) =>
            currencies.length === 0 ? (
              <Empty>No income or spending in this range.</Empty>
            ) : (
              currencies.map((item) => <TrendChart key={item.currency} trend={item} />)
            )
          }
        </QueryState>
      </section>
    </>
  );
}
