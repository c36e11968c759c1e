// The current shape of every event's data. The mapped type makes the compiler check each shape against the event
// type it parses, so an event changed without its schema (or the reverse) does not compile.
import { TIME_SLOTS, WEEKDAYS, type DaySelection } from '../availability/index.js';
import { COMMUNICATION_STYLES, FREQUENCIES } from '../communication/index.js';
import { INTEREST_IDS } from '../interests/index.js';
import { CEFR_LEVELS, LANGUAGE_CODES } from '../languages/index.js';
import { CLOSE_REASONS, DECLINE_REASONS, REFUSAL_CAUSES, REJECT_REASONS, TANDEM_CHANNELS } from '../tandem/types.js';
import type { UserEvent, UserEventType } from '../user/events.js';
import { FEEDBACK_REVIEW_STATUSES, INTERFACE_LANGUAGES, REMINDER_KINDS, REPORT_REASONS, REPORT_REVIEW_ACTIONS } from '../user/limits.js';
import { dialogProblem, type Dialog } from '../dialog/types.js';
import { ShapeMismatch, array, boolean, integer, isoTime, nullable, object, oneOf, string, tagged, userId, type Shape } from './shape.js';

type DataOf<T extends UserEventType> = Extract<UserEvent, { type: T }>['data'];

const base = { at: isoTime, causationId: string({ min: 1, max: 256 }) } as const;
const requestId = string({ min: 1, max: 300 });
const rating = integer(1, 5);
const text = string({ max: 10_000 });

const language = oneOf(LANGUAGE_CODES);
const interest = oneOf(INTEREST_IDS);

const dayKind = object({ kind: oneOf(['weekdays', 'weekends', 'any', 'days'] as const) });
const dayList = object({ days: array(oneOf(WEEKDAYS), { min: 1, max: 7 }) });
const daySelection: Shape<DaySelection> = (value, path) => {
  const kind = dayKind(value, path).kind;
  return kind === 'days' ? { kind, days: dayList(value, path).days } : { kind };
};

/** A dialog is JSON its flow parses itself (domain/dialog): here only its frame and size are checked. */
const dialogFrame = object({ flow: string({ min: 1, max: 64 }), step: string({ min: 1, max: 64 }) });
const dialog: Shape<Dialog> = (value, path) => {
  const frame = dialogFrame(value, path);
  const data = (value as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ShapeMismatch(`${path}.data`, 'an object');
  const parsed: Dialog = { ...frame, data: data as Dialog['data'] };
  if (dialogProblem(parsed) !== null) throw new ShapeMismatch(path, 'a dialog within its limits');
  return parsed;
};

const peerCommand = tagged({
  ReceivePartnerRequest: object({ from: userId, to: userId, requestId }),
  RejectPartnerRequest: object({ from: userId, requestId, reason: oneOf(REJECT_REASONS) }),
  ConfirmAcceptance: object({ from: userId, requestId, peerHasUsername: boolean }),
  NotifyDeclined: object({ from: userId, requestId, reason: nullable(oneOf(DECLINE_REASONS)) }),
  ActivateTandem: object({ from: userId, requestId, channel: oneOf(TANDEM_CHANNELS) }),
  CloseTandem: object({ from: userId, requestId, expired: boolean, reason: oneOf(['by_peer', 'peer_unavailable'] as const) }),
  ReceiveRating: object({ from: userId, requestId, rating }),
  // An admin's decision queued for the target's actor (domain/user/decideModeration.ts).
  BanUser: object({ reason: oneOf(REPORT_REASONS) }),
  UnbanUser: object({}),
});

export const EVENT_SCHEMAS: { readonly [T in UserEventType]: Shape<DataOf<T>> } = {
  UserStarted: object({ ...base, telegramId: userId, firstName: string({ min: 1, max: 256 }), username: nullable(string({ max: 64 })), telegramLanguageCode: nullable(string({ max: 35 })) }),
  TelegramProfileUpdated: object({ ...base, firstName: string({ min: 1, max: 256 }), username: nullable(string({ max: 64 })) }),
  NativeLanguagesSet: object({ ...base, languages: array(language, { min: 1, max: 3 }) }),
  LearningLanguagesSet: object({ ...base, languages: array(object({ code: language, level: oneOf(CEFR_LEVELS) }), { min: 1, max: 3 }) }),
  InterestsSet: object({ ...base, interests: array(interest, { min: 1 }), primary: array(interest, { max: 3 }) }),
  AvailabilitySet: object({ ...base, availability: object({ timeZone: string({ min: 1, max: 64 }), days: daySelection, slots: array(oneOf(TIME_SLOTS), { min: 1, max: 4 }) }) }),
  CommunicationSet: object({ ...base, styles: array(oneOf(COMMUNICATION_STYLES), { min: 1 }), frequency: oneOf(FREQUENCIES) }),
  BioSet: object({ ...base, bio: text }),
  InterfaceLanguageSet: object({ ...base, language: oneOf(INTERFACE_LANGUAGES) }),
  OnboardingCompleted: object(base),
  ProfilePaused: object(base),
  ProfileResumed: object(base),
  ProfileReset: object(base),
  ActivityRecorded: object(base),
  UserBlocked: object({ ...base, target: userId }),
  UserUnblocked: object({ ...base, target: userId }),
  UserReported: object({ ...base, target: userId, reason: oneOf(REPORT_REASONS), comment: nullable(text) }),
  FeedbackSent: object({ ...base, text }),
  ReminderSent: object({ ...base, kind: oneOf(REMINDER_KINDS) }),
  UserBanned: object({ ...base, reason: oneOf(REPORT_REASONS) }),
  UserUnbanned: object(base),
  UserForgotten: object(base),
  PartnerRequested: object({ ...base, requestId, peer: userId }),
  PartnerRequestReceived: object({ ...base, requestId, peer: userId }),
  PartnerRequestRefused: object({ ...base, requestId, peer: userId, cause: oneOf(REFUSAL_CAUSES) }),
  PartnerRequestRejected: object({ ...base, requestId, reason: oneOf(REJECT_REASONS) }),
  PartnerRequestAccepted: object({ ...base, requestId }),
  PartnerRequestDeclined: object({ ...base, requestId, reason: nullable(oneOf(DECLINE_REASONS)) }),
  PartnerRequestCancelled: object({ ...base, requestId, reason: oneOf(CLOSE_REASONS) }),
  PartnerRequestExpired: object({ ...base, requestId }),
  TandemStarted: object({ ...base, requestId, channel: oneOf(TANDEM_CHANNELS) }),
  TandemEnded: object({ ...base, requestId, reason: oneOf(CLOSE_REASONS) }),
  TandemRated: object({ ...base, requestId, rating, comment: nullable(text) }),
  TandemRatingReceived: object({ ...base, requestId, rating }),
  CrossActorCommandQueued: object({ ...base, commandId: string({ min: 1, max: 400 }), target: userId, command: peerCommand }),
  DialogChanged: object({ ...base, dialog: nullable(dialog) }),
  // moderation (issue #6 points 6–7)
  FeedbackReviewed: object({ ...base, sender: userId, version: integer(0, Number.MAX_SAFE_INTEGER), status: oneOf(FEEDBACK_REVIEW_STATUSES) }),
  ReportReviewed: object({ ...base, reporter: userId, version: integer(0, Number.MAX_SAFE_INTEGER), target: userId, action: oneOf(REPORT_REVIEW_ACTIONS) }),
  BroadcastStarted: object({ ...base, broadcastId: string({ min: 1, max: 300 }), text }),
  PartnerAlertRequested: object(base),
  PartnerAlertDelivered: object({ ...base, partner: userId }),
};

/** Every event type, in catalog order (the keys of EVENT_SCHEMAS). */
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as readonly UserEventType[];
