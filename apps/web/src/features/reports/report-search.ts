import { z } from 'zod';

/** The report's range and granularity, in the URL. Missing: the last twelve months. */
export const reportSearch = z.object({
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  granularity: z.enum(['month', 'week']).optional().catch(undefined),
});

export type ReportSearch = z.output<typeof reportSearch>;
