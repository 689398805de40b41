import { checkDatabase } from '@budget/db';
import type { ApiDeps } from '../../deps.ts';

export interface Health {
  status: 'ok';
  database: 'ok' | 'down';
  version: string;
}

export async function checkHealth(deps: Pick<ApiDeps, 'db' | 'version'>): Promise<Health> {
  const state = await checkDatabase(deps.db);
  return { status: 'ok', database: state === 'ready' ? 'ok' : 'down', version: deps.version };
}
