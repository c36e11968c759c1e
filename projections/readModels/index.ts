// Public surface of the Postgres read models.
export * from './names.js';
export { readModelMigrations } from './migrations.js';
export { readModelIndexesSql, readModelTablesSql } from './ddl.js';
export { createReadModelTarget, applyEventsInTransaction, type ReadModelTargetOptions } from './readModelTarget.js';
export { projectEvent, type ProjectedEvent, type Projection } from './project.js';
export { decodeEvent, decodeForReadModels } from './decode.js';
export { createFoldState, foldEvent, type FoldState } from './foldState.js';
export { writeAll } from './writeBatch.js';
export { foldedRowsOf, mergeFoldedRows, type FoldedRows } from './foldedRows.js';
export { ensureCheckpointRow, readCheckpointRow, writeCheckpointRow } from './checkpointRow.js';
export type * from './rows.js';
