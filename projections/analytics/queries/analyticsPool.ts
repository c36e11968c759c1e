// Analytics reads go to the replica when DATABASE_READ_URL is set (a pool of their own, so a heavy report never
// takes a connection the projector or the actors need), else to DATABASE_URL.
import pg from 'pg';

export interface AnalyticsDatabase {
  readonly databaseUrl: string | undefined;
  readonly databaseReadUrl: string | undefined;
}

/** The connection string analytics reads use, or undefined when neither is configured (single-node wiring decides). */
export const analyticsConnectionString = ({ databaseUrl, databaseReadUrl }: AnalyticsDatabase): string | undefined => databaseReadUrl ?? databaseUrl;

export const createAnalyticsPool = (database: AnalyticsDatabase, options: { readonly max?: number } = {}): pg.Pool => {
  const connectionString = analyticsConnectionString(database);
  if (connectionString === undefined) throw new Error('analytics needs DATABASE_READ_URL or DATABASE_URL');
  // Read-only sessions: a replica refuses writes anyway, and on the primary this keeps analytics from ever writing.
  return new pg.Pool({ connectionString, max: options.max ?? 4, options: '-c default_transaction_read_only=on', application_name: 'lexbot-analytics' });
};
