// SetDialog → DialogChanged, or nothing when the dialog is already the one asked for.
import { validation } from '../errors.js';
import { eventBase, type CommandMeta } from '../user/ids.js';
import type { UserState } from '../user/state.js';
import { dialogProblem, sameDialog, type Dialog } from './types.js';

export type SetDialog = { readonly type: 'SetDialog'; readonly data: { readonly dialog: Dialog | null }; readonly meta: CommandMeta };

export type DialogChanged = { readonly type: 'DialogChanged'; readonly data: { readonly dialog: Dialog | null } & ReturnType<typeof eventBase> };

export const decideDialog = (command: SetDialog, state: UserState): readonly DialogChanged[] => {
  const { dialog } = command.data;
  if (dialog !== null) {
    const problem = dialogProblem(dialog);
    if (problem !== null) throw validation('invalid_dialog');
  }
  if (sameDialog(state.dialog, dialog)) return [];
  return [{ type: 'DialogChanged', data: { ...eventBase(command.meta), dialog } }];
};
