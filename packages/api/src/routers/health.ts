import { noInput } from '../schemas/common.ts';
import { checkHealth } from '../services/system/health.ts';
import { publicProcedure, router } from '../trpc.ts';

export const healthRouter = router({
  check: publicProcedure.input(noInput).query(({ ctx }) => checkHealth(ctx.deps)),
});
