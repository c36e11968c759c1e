// Names of the runner's own tables (leases, dead letters). They sit in their own schema, apart from the read models,
// because replay swaps the read-model schema wholesale while the live runner keeps its lease.

export const DEFAULT_RUNNER_SCHEMA = 'projector';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const validateRunnerSchema = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`invalid projector schema ${JSON.stringify(schema)}: 1–63 characters of a–z 0–9 _`);
  return schema;
};

export interface RunnerTables {
  readonly schema: string;
  readonly leases: string;
  readonly deadLetters: string;
}

export const runnerTables = (schema: string = DEFAULT_RUNNER_SCHEMA): RunnerTables => {
  const s = validateRunnerSchema(schema);
  return { schema: s, leases: `${s}.leases`, deadLetters: `${s}.dead_letters` };
};
