// Every name the Postgres key store puts in the database. The schema is configurable (tests use one each).

export const DEFAULT_KEY_SCHEMA = 'keys';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface KeySqlNames {
  readonly schema: string;
  readonly userKeys: string;
}

export const keySqlNames = (schema: string = DEFAULT_KEY_SCHEMA): KeySqlNames => {
  // The schema ends up inside SQL text, so only plain lower-case identifiers are accepted.
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`invalid key schema ${JSON.stringify(schema)}: 1–63 characters of a–z 0–9 _, not starting with a digit`);
  return { schema, userKeys: `${schema}.user_keys` };
};
