// The floor of `pnpm bench:http`: plain Fastify + pg + jose, no tRPC, no Kysely, running the
// same SQL on the same tables as the API does for the benchmarked cases. What our request path
// costs is measured against this. Started by http-bench.ts; not part of the product.
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';

const port = Number(process.env.FLOOR_PORT ?? 4100);
const secret = new TextEncoder().encode(process.env.JWT_SECRET ?? '');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.DATE, (text: string) => text);

const columns = `id, account_id as "accountId", category_id as "categoryId", amount, currency,
  occurred_on as "occurredOn", payee, note, transfer_id as "transferId", version,
  created_at as "createdAt", updated_at as "updatedAt"`;

async function userOf(authorization: string | undefined): Promise<string | null> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null;
  if (token === null) return null;
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: 'budget-tracker',
      audience: 'budget-tracker-api',
    });
    return payload.sub ?? null;
  } catch {
    return null;
  }
}

const app = Fastify({ logger: false });

app.get<{ Querystring: { date?: string; id?: string; from?: string; to?: string } }>(
  '/list',
  async (request, reply) => {
    const owner = await userOf(request.headers.authorization);
    if (owner === null) return reply.code(401).send({ error: 'unauthorized' });
    const { date, id, from, to } = request.query;
    const params: unknown[] = [owner];
    let where = 'owner_id = $1';
    if (date !== undefined && id !== undefined) {
      params.push(date, id);
      where += ` and (occurred_on, id) < ($2, $3)`;
    }
    if (from !== undefined && to !== undefined) {
      params.push(from, to);
      where += ` and occurred_on >= $${params.length - 1} and occurred_on <= $${params.length}`;
    }
    const result = await pool.query({
      name: `floor-list-${params.length}`,
      text: `select ${columns} from transactions where ${where}
             order by occurred_on desc, id desc limit 21`,
      values: params,
    });
    return { items: result.rows.slice(0, 20), more: result.rows.length > 20 };
  },
);

app.get('/page', async (request, reply) => {
  const owner = await userOf(request.headers.authorization);
  if (owner === null) return reply.code(401).send({ error: 'unauthorized' });
  const rows = await pool.query({
    name: 'floor-page-rows',
    text: `select ${columns} from transactions where owner_id = $1
           order by occurred_on desc, id desc limit 20`,
    values: [owner],
  });
  const count = await pool.query<{ count: string }>({
    name: 'floor-page-count',
    text: `select count(*) as count from (select 1 from transactions where owner_id = $1 limit 10001) w`,
    values: [owner],
  });
  return { items: rows.rows, totalItems: Number(count.rows[0]?.count ?? 0) };
});

app.post<{ Body: { accountId: string; amount: number; occurredOn: string; payee?: string } }>(
  '/create',
  async (request, reply) => {
    const owner = await userOf(request.headers.authorization);
    if (owner === null) return reply.code(401).send({ error: 'unauthorized' });
    const { accountId, amount, occurredOn, payee } = request.body;
    const result = await pool.query({
      name: 'floor-create',
      text: `insert into transactions (owner_id, account_id, currency, amount, occurred_on, payee)
             select $1, a.id, a.currency, $3, $4, $5 from accounts a
             where a.owner_id = $1 and a.id = $2
             returning ${columns}`,
      values: [owner, accountId, amount, occurredOn, payee ?? null],
    });
    return result.rows[0];
  },
);

await app.listen({ port, host: '127.0.0.1' });
const stop = () => {
  void app.close().then(() => pool.end());
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
