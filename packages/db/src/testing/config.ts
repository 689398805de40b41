/** Tests run against PostgreSQL when DATABASE_URL is set (CI), else against in-memory PGlite. */
export const testDatabaseUrl: string | undefined = process.env.DATABASE_URL || undefined;
