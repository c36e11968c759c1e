// Events of the user aggregate (stream `user-<telegramId>`). Every event's data carries `at` and `causationId`
// (EventBase). Schema versions and upcasters: domain/events/. Personal fields: domain/personalData/.
import type { DialogChanged } from '../dialog/decide.js';
import type { PartnerAlertEvent } from './partnerAlert.js';
import type { TandemEvent } from '../tandem/events.js';
import type { EventBase, UserId } from './ids.js';
import type { InterfaceLanguage, ReminderKind, ReportReason } from './limits.js';
import type { LanguageCode, LanguageSkill } from '../languages/index.js';
import type { InterestId } from '../interests/index.js';
import type { Availability } from '../availability/index.js';
import type { CommunicationStyle, Frequency } from '../communication/index.js';

type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data & EventBase };

export type UserStarted = Event<
  'UserStarted',
  { readonly telegramId: UserId; readonly firstName: string; readonly username: string | null; readonly telegramLanguageCode: string | null }
>;
export type TelegramProfileUpdated = Event<'TelegramProfileUpdated', { readonly firstName: string; readonly username: string | null }>;
export type NativeLanguagesSet = Event<'NativeLanguagesSet', { readonly languages: readonly LanguageCode[] }>;
export type LearningLanguagesSet = Event<'LearningLanguagesSet', { readonly languages: readonly LanguageSkill[] }>;
export type InterestsSet = Event<'InterestsSet', { readonly interests: readonly InterestId[]; readonly primary: readonly InterestId[] }>;
export type AvailabilitySet = Event<'AvailabilitySet', { readonly availability: Availability }>;
export type CommunicationSet = Event<'CommunicationSet', { readonly styles: readonly CommunicationStyle[]; readonly frequency: Frequency }>;
export type BioSet = Event<'BioSet', { readonly bio: string }>;
export type InterfaceLanguageSet = Event<'InterfaceLanguageSet', { readonly language: InterfaceLanguage }>;
/** Decided together with the profile event that completes the last required section. */
export type OnboardingCompleted = Event<'OnboardingCompleted', object>;
export type ProfilePaused = Event<'ProfilePaused', object>;
export type ProfileResumed = Event<'ProfileResumed', object>;
/** Every profile section emptied: the user is onboarding again (names and interface language stay). */
export type ProfileReset = Event<'ProfileReset', object>;
export type ActivityRecorded = Event<'ActivityRecorded', object>;
export type UserBlocked = Event<'UserBlocked', { readonly target: UserId }>;
export type UserUnblocked = Event<'UserUnblocked', { readonly target: UserId }>;
export type UserReported = Event<'UserReported', { readonly target: UserId; readonly reason: ReportReason; readonly comment: string | null }>;
export type FeedbackSent = Event<'FeedbackSent', { readonly text: string }>;
export type ReminderSent = Event<'ReminderSent', { readonly kind: ReminderKind }>;
export type UserBanned = Event<'UserBanned', { readonly reason: ReportReason }>;
export type UserUnbanned = Event<'UserUnbanned', object>;
/** Terminal: the state keeps only a tombstone (id, time, recent command ids). */
export type UserForgotten = Event<'UserForgotten', object>;

export type ProfileEvent =
  | UserStarted
  | TelegramProfileUpdated
  | NativeLanguagesSet
  | LearningLanguagesSet
  | InterestsSet
  | AvailabilitySet
  | CommunicationSet
  | BioSet
  | InterfaceLanguageSet
  | OnboardingCompleted
  | ProfilePaused
  | ProfileResumed
  | ProfileReset
  | ActivityRecorded
  | UserBlocked
  | UserUnblocked
  | UserReported
  | FeedbackSent
  | ReminderSent
  | UserBanned
  | UserUnbanned
  | UserForgotten;

// --- moderation (issue #6 points 6–7): decisions in an admin's stream, projected into read_models.moderation.
export type FeedbackReviewed = Event<'FeedbackReviewed', { readonly sender: UserId; readonly version: number; readonly status: 'processed' | 'archived' }>;
export type ReportReviewed = Event<
  'ReportReviewed',
  { readonly reporter: UserId; readonly version: number; readonly target: UserId; readonly action: 'dismissed' | 'banned' | 'unbanned' }
>;
/** `broadcastId` is derived from the command id, so a redelivered confirmation names the same broadcast. */
export type BroadcastStarted = Event<'BroadcastStarted', { readonly broadcastId: string; readonly text: string }>;
export type ModerationEvent = FeedbackReviewed | ReportReviewed | BroadcastStarted;
// --- end moderation

/** The conversation state (domain/dialog): read by the bot only, ignored by projections. */
export type UserEvent = ProfileEvent | TandemEvent | DialogChanged | ModerationEvent | PartnerAlertEvent;
export type UserEventType = UserEvent['type'];
