// Every name the Postgres adapter puts in the database, in one place. The schema is configurable (tests use one
// each); table and function names inside it are fixed.

export const DEFAULT_SCHEMA = 'eventstore';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names end up inside SQL text, so only plain lower-case identifiers are accepted. */
export const validateSchemaName = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(`invalid event store schema ${JSON.stringify(schema)}: 1–63 characters of a–z 0–9 _, not starting with a digit`);
  }
  return schema;
};

export interface SqlNames {
  readonly schema: string;
  readonly events: string;
  readonly snapshots: string;
  readonly appendFunction: string;
  /** Channel of the LISTEN/NOTIFY wake-ups (a plain string for pg_notify, not an identifier). */
  readonly channel: string;
}

export const sqlNames = (schema: string = DEFAULT_SCHEMA): SqlNames => {
  const s = validateSchemaName(schema);
  return {
    schema: s,
    events: `${s}.events`,
    snapshots: `${s}.snapshots`,
    appendFunction: `${s}.append_events`,
    channel: `${s}_events`,
  };
};
