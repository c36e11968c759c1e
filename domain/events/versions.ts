// The current schema version of every event type. Bump a version only together with an upcaster from the previous
// one (upcasters.ts); a test checks every chain from 1 to the current version is complete.
import type { UserEventType } from '../user/events.js';

export const CURRENT_SCHEMA_VERSIONS: { readonly [T in UserEventType]: number } = {
  // v2: telegramId became a decimal string (ids exceed 2^31), `name` became `firstName`, absent fields became null.
  UserStarted: 2,
  TelegramProfileUpdated: 1,
  NativeLanguagesSet: 1,
  // v2: one coarse level for all languages became a CEFR level per language.
  LearningLanguagesSet: 2,
  InterestsSet: 1,
  // v2: `days` became a tagged selection ({ kind }) instead of a string or a bare list of weekdays.
  AvailabilitySet: 2,
  CommunicationSet: 1,
  BioSet: 1,
  InterfaceLanguageSet: 1,
  OnboardingCompleted: 1,
  ProfilePaused: 1,
  ProfileResumed: 1,
  ProfileReset: 1,
  ActivityRecorded: 1,
  UserBlocked: 1,
  UserUnblocked: 1,
  UserReported: 1,
  FeedbackSent: 1,
  ReminderSent: 1,
  UserBanned: 1,
  UserUnbanned: 1,
  UserForgotten: 1,
  PartnerRequested: 1,
  PartnerRequestReceived: 1,
  PartnerRequestRefused: 1,
  PartnerRequestRejected: 1,
  PartnerRequestAccepted: 1,
  PartnerRequestDeclined: 1,
  PartnerRequestCancelled: 1,
  PartnerRequestExpired: 1,
  TandemStarted: 1,
  TandemEnded: 1,
  TandemRated: 1,
  TandemRatingReceived: 1,
  CrossActorCommandQueued: 1,
  DialogChanged: 1,
  FeedbackReviewed: 1,
  ReportReviewed: 1,
  BroadcastStarted: 1,
};
