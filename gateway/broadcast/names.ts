// Every name the broadcast runner puts in PostgreSQL. Its progress lives in a schema of its own (not the read
// models), because a replay rebuilds the read models while a delivery's progress must survive it.
export const DEFAULT_BROADCAST_SCHEMA = 'broadcast';
/** The read models the runner reads recipients and started broadcasts from (projections/SCHEMA.md). */
export const DEFAULT_READ_MODEL_SCHEMA = 'read_models';
/** Who receives a broadcast: users who can use the bot and did not pause it (forgotten users have no row). */
export const RECIPIENT_STATUSES = ['onboarding', 'active'] as const;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
export const validateSchema = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`invalid schema ${JSON.stringify(schema)}`);
  return schema;
};
