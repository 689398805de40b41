// The noisy user of `pnpm bench:fairness`, in a process of its own so that its load generator does
// not share an event loop with the quiet user's measurements. Reads its plan as JSON from
// HAMMER_PLAN, fires the requests round robin at full speed on every connection (ignoring
// Retry-After, as a runaway script would) until SIGTERM, then prints what it got as one JSON line.
import autocannon from 'autocannon';

export interface HammerRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface HammerPlan {
  url: string;
  token: string;
  connections: number;
  requests: HammerRequest[];
}

export interface HammerReport {
  total: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
}

const plan = JSON.parse(process.env.HAMMER_PLAN ?? '') as HammerPlan;

const instance = autocannon(
  {
    url: plan.url,
    connections: plan.connections,
    // Runs until the parent says stop.
    duration: 3600,
    timeout: 30,
    headers: { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json' },
    requests: plan.requests.map(({ method, path, body }) => ({
      method,
      path,
      ...(body === undefined ? {} : { body }),
    })),
  },
  (error, result) => {
    if (error !== null && error !== undefined) {
      process.stderr.write(`hammer failed: ${String(error)}\n`);
      process.exit(1);
    }
    const statusCodes = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count ?? 0]),
    );
    const report: HammerReport = {
      total: Object.values(statusCodes).reduce((sum, count) => sum + count, 0),
      statusCodes,
      errors: result.errors,
      timeouts: result.timeouts,
      p50: result.latency.p50,
      p99: result.latency.p99,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  },
);

process.on('SIGTERM', () => {
  instance.stop();
});
