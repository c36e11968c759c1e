export { DIALOG_MAX_JSON_LENGTH, dialogProblem, sameDialog, type Dialog, type DialogValue } from './types.js';
export { decideDialog, type DialogChanged, type SetDialog } from './decide.js';
