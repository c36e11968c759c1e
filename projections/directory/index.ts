// The read side of the user actor's ports (actors/userActor/ports): ops/ wires these into the actors role.
export { createReadModelDirectory, type ReadModelDirectoryOptions } from './readModelDirectory.js';
export * from './alerts/index.js';
