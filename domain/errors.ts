// The domain's small coded error family. Deciders throw DomainError; only the edge (bot handlers, HTTP) maps a
// code to a Telegram reply (through the i18n catalog, key `error-<code>`) or a status. Codes are const arrays so a
// test can check that the message catalog covers every one of them.

/** What kind of failure: the edge picks a reply style from it without knowing each code. */
export const DOMAIN_ERROR_KINDS = ['validation', 'illegal_state', 'not_found', 'forbidden'] as const;
export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[number];

/** Every code a user command can fail with (user aggregate and tandem lifecycle). */
export const USER_ERROR_CODES = [
  // lifecycle
  'not_started',
  'forgotten',
  'banned',
  'already_banned',
  'not_banned',
  'not_active',
  'not_paused',
  'profile_incomplete',
  // profile validation
  'invalid_user_id',
  'invalid_first_name',
  'invalid_username',
  'invalid_languages',
  'invalid_interests',
  'invalid_availability',
  'invalid_communication',
  'invalid_interface_language',
  'bio_too_long',
  'text_has_control_characters',
  'feedback_length',
  'comment_too_long',
  'invalid_report_reason',
  'invalid_decline_reason',
  'invalid_reminder_kind',
  'invalid_dialog',
  // relations between users
  'self_target',
  'already_blocked',
  'not_blocked',
  'blocked_pair',
  // tandem lifecycle
  'too_many_pending_requests',
  'tandem_exists',
  'declined_recently',
  'request_not_found',
  'request_already_answered',
  'request_expired',
  'request_not_expired',
  'not_request_target',
  'not_request_owner',
  'tandem_not_active',
  'tandem_not_ended',
  'already_rated',
  'invalid_rating',
] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: UserErrorCode,
    /** Numbers and codes only (limits, counts): the edge renders them, so no personal data goes here. */
    readonly details: Readonly<Record<string, string | number | boolean>> = {},
  ) {
    super(`${kind}: ${code}${Object.keys(details).length > 0 ? ` ${JSON.stringify(details)}` : ''}`);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

export const validation = (code: UserErrorCode, details?: DomainError['details']): DomainError =>
  new DomainError('validation', code, details);
export const illegalState = (code: UserErrorCode, details?: DomainError['details']): DomainError =>
  new DomainError('illegal_state', code, details);
export const notFound = (code: UserErrorCode, details?: DomainError['details']): DomainError =>
  new DomainError('not_found', code, details);
export const forbidden = (code: UserErrorCode, details?: DomainError['details']): DomainError =>
  new DomainError('forbidden', code, details);
