// Every name the Postgres timer store puts in the database. The schema is configurable (tests use one each).

export const DEFAULT_TIMER_SCHEMA = 'timers';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface TimerSqlNames {
  readonly schema: string;
  readonly timers: string;
}

export const timerSqlNames = (schema: string = DEFAULT_TIMER_SCHEMA): TimerSqlNames => {
  // The schema ends up inside SQL text, so only plain lower-case identifiers are accepted.
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`invalid timer schema ${JSON.stringify(schema)}: 1–63 characters of a–z 0–9 _, not starting with a digit`);
  return { schema, timers: `${schema}.timers` };
};
