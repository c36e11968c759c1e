// Where a user is in a conversation with the bot: which flow (onboarding, profile edit, report, …), which step, and
// the choices made so far in it (a draft of selections). It lives in the user's stream, so a conversation survives
// restarts, owner changes and passivation, and every flow is resumable. Each flow owns the meaning of its own
// `step` and `data`, and parses them back with its own guard; the domain only bounds their size.
//
// A dialog never holds free text a person typed (a bio, a comment, a message): such text goes straight into the
// domain command that needs it, where personal-data rules apply (domain/personalData).

export type DialogValue = string | number | boolean | null | readonly DialogValue[] | { readonly [key: string]: DialogValue };

export interface Dialog {
  /** The flow, e.g. 'onboarding', 'edit-profile', 'report'. */
  readonly flow: string;
  /** The flow's step, e.g. 'native-languages'. */
  readonly step: string;
  readonly data: { readonly [key: string]: DialogValue };
}

/** A dialog's JSON may not exceed this many characters: a draft of selections, never a document. */
export const DIALOG_MAX_JSON_LENGTH = 4096;
export const DIALOG_NAME_MAX_LENGTH = 64;

const NAME = /^[a-z][a-z0-9-]*$/;

/** Why a dialog is refused, or null when it is acceptable. */
export const dialogProblem = (dialog: Dialog): string | null => {
  if (!NAME.test(dialog.flow) || dialog.flow.length > DIALOG_NAME_MAX_LENGTH) return 'invalid_flow';
  if (!NAME.test(dialog.step) || dialog.step.length > DIALOG_NAME_MAX_LENGTH) return 'invalid_step';
  if (typeof dialog.data !== 'object' || dialog.data === null || Array.isArray(dialog.data)) return 'invalid_data';
  if (JSON.stringify(dialog).length > DIALOG_MAX_JSON_LENGTH) return 'too_large';
  return null;
};

/** Deep equality of two JSON dialogs (key order ignored), so setting the same dialog again decides nothing. */
export const sameDialog = (a: Dialog | null, b: Dialog | null): boolean => canonical(a) === canonical(b);

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};
