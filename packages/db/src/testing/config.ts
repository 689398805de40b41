/** Tests run against PostgreSQL when DATABASE_URL is set (CI), else against in-memory PGlite. */
const url = process.env.DATABASE_URL?.trim();
export const testDatabaseUrl: string | undefined = url === '' ? undefined : url;
