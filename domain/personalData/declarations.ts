// Which fields of each event's data are personal (Guarantee 7): the event store wrapper encrypts them with the
// stream owner's key (the reporter's for a report, the rater's for a rating comment), so deleting that key makes
// them unreadable everywhere, replays and backups included. Every event type is listed, most with no personal
// field: the mapped type makes a new event type fail to compile until someone decides. Ids (Telegram ids, tandem
// ids), codes, languages, interests, time zones and times are not personal text and stay readable, because read
// models and matching need them and they identify no one beyond the stream name itself.
import type { UserEvent, UserEventType } from '../user/events.js';

type DataOf<T extends UserEventType> = Extract<UserEvent, { type: T }>['data'];
/** The data fields of T whose value is a string (or a nullable string): only those can hold personal text. */
type TextField<T extends UserEventType> = {
  [K in keyof DataOf<T> & string]: DataOf<T>[K] extends string | null ? K : never;
}[keyof DataOf<T> & string];

export interface PersonalField<T extends UserEventType = UserEventType> {
  /** A field of the event's data (top level: no personal text is nested today). */
  readonly path: TextField<T>;
  /** Redaction writes null into nullable fields and REDACTED_TEXT into the others, so redacted events still parse. */
  readonly nullable: boolean;
}

export const REDACTED_TEXT = '(forgotten)';

export const PERSONAL_FIELDS: { readonly [T in UserEventType]: readonly PersonalField<T>[] } = {
  UserStarted: [
    { path: 'firstName', nullable: false },
    { path: 'username', nullable: true },
  ],
  TelegramProfileUpdated: [
    { path: 'firstName', nullable: false },
    { path: 'username', nullable: true },
  ],
  BioSet: [{ path: 'bio', nullable: false }],
  UserReported: [{ path: 'comment', nullable: true }],
  FeedbackSent: [{ path: 'text', nullable: false }],
  // The admin's own words to every user: erased with the admin's key like anything else they wrote.
  BroadcastStarted: [{ path: 'text', nullable: false }],
  PartnerAlertRequested: [],
  PartnerAlertDelivered: [],
  FeedbackReviewed: [],
  ReportReviewed: [],
  TandemRated: [{ path: 'comment', nullable: true }],
  NativeLanguagesSet: [],
  LearningLanguagesSet: [],
  InterestsSet: [],
  AvailabilitySet: [],
  CommunicationSet: [],
  InterfaceLanguageSet: [],
  OnboardingCompleted: [],
  ProfilePaused: [],
  ProfileResumed: [],
  ProfileReset: [],
  ActivityRecorded: [],
  UserBlocked: [],
  UserUnblocked: [],
  ReminderSent: [],
  UserBanned: [],
  UserUnbanned: [],
  UserForgotten: [],
  // A dialog holds codes and selections only, never typed text (domain/dialog/types.ts).
  DialogChanged: [],
  PartnerRequested: [],
  PartnerRequestReceived: [],
  PartnerRequestRefused: [],
  PartnerRequestRejected: [],
  PartnerRequestAccepted: [],
  PartnerRequestDeclined: [],
  PartnerRequestCancelled: [],
  PartnerRequestExpired: [],
  TandemStarted: [],
  TandemEnded: [],
  TandemRatingReceived: [],
  // Peer commands carry ids, codes and numbers only (a rating's comment stays with the rater).
  CrossActorCommandQueued: [],
};
