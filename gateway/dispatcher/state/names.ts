// Every name the dispatcher's Postgres state puts in the database; the schema is configurable (tests use one each).

export const DEFAULT_DISPATCHER_SCHEMA = 'dispatcher';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface DispatcherSqlNames {
  readonly schema: string;
  readonly checkpoints: string;
  readonly attempts: string;
}

export const dispatcherSqlNames = (schema: string = DEFAULT_DISPATCHER_SCHEMA): DispatcherSqlNames => {
  // The schema ends up inside SQL text, so only plain lower-case identifiers are accepted.
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`invalid dispatcher schema ${JSON.stringify(schema)}: 1–63 characters of a–z 0–9 _, not starting with a digit`);
  return { schema, checkpoints: `${schema}.checkpoints`, attempts: `${schema}.dispatch_attempts` };
};
