// What the Postgres adapters of actors/ (the event store, the key store) share: statements whose rows come back as
// text through pg's Submittable interface, without pg's Query. Nothing here knows a table of either adapter.
export { queryTextRows, type TextStatement } from './textRows.js';
