import { getMigrationStatus } from '@budget/db';
import type { AdminCommand } from '../command.ts';

interface MigrationRow {
  name: string;
  status: 'applied' | 'pending';
  executedAt: string | null;
}

export const migrateStatus: AdminCommand = {
  name: 'migrate:status',
  summary: 'list every migration and whether it is applied',
  async run({ operator }) {
    const migrations: MigrationRow[] = (await getMigrationStatus(operator.db)).map((state) => ({
      name: state.name,
      status: state.executedAt === null ? 'pending' : 'applied',
      executedAt: state.executedAt?.toISOString() ?? null,
    }));
    const pending = migrations.filter((migration) => migration.status === 'pending').length;
    return { json: { migrations, pending }, text: formatTable(migrations, pending) };
  },
};

function formatTable(migrations: MigrationRow[], pending: number): string {
  const rows = [
    ['STATUS', 'EXECUTED AT', 'NAME'],
    ...migrations.map((row) => [row.status, row.executedAt ?? '-', row.name]),
  ];
  const width = (column: number) => Math.max(...rows.map((row) => row[column]?.length ?? 0));
  const lines = rows.map(
    ([status = '', executedAt = '', name = '']) =>
      `${status.padEnd(width(0))}  ${executedAt.padEnd(width(1))}  ${name}`,
  );
  const summary = `${migrations.length - pending} applied, ${pending} pending`;
  return `${lines.join('\n')}\n\n${summary}\n`;
}
