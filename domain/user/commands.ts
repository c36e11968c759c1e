// Commands of the user aggregate (profile, lifecycle, safety, admin). The tandem commands live in
// domain/tandem/commands.ts; UserCommand is the union one user's actor accepts.
import type { SetDialog } from '../dialog/decide.js';
import type { PartnerAlertCommand } from './partnerAlert.js';
import type { PeerCommand, TandemCommand } from '../tandem/commands.js';
import type { CommandMeta, UserId } from './ids.js';
import type { FeedbackReviewStatus, InterfaceLanguage, ReminderKind, ReportReason, ReportReviewAction } from './limits.js';
import type { LanguageCode, LanguageSkill } from '../languages/index.js';
import type { InterestId } from '../interests/index.js';
import type { Availability } from '../availability/index.js';
import type { CommunicationStyle, Frequency } from '../communication/index.js';

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Data; readonly meta: CommandMeta };

/** First contact (/start), or a later update showing a changed Telegram name or username. */
export type Start = Command<
  'Start',
  { readonly telegramId: UserId; readonly firstName: string; readonly username: string | null; readonly languageCode: string | null }
>;
export type SetNativeLanguages = Command<'SetNativeLanguages', { readonly languages: readonly LanguageCode[] }>;
export type SetLearningLanguages = Command<'SetLearningLanguages', { readonly languages: readonly LanguageSkill[] }>;
export type SetInterests = Command<'SetInterests', { readonly interests: readonly InterestId[]; readonly primary: readonly InterestId[] }>;
export type SetAvailability = Command<'SetAvailability', { readonly availability: Availability }>;
export type SetCommunication = Command<'SetCommunication', { readonly styles: readonly CommunicationStyle[]; readonly frequency: Frequency }>;
/** An empty bio clears it (the bio is the one optional section). */
export type SetBio = Command<'SetBio', { readonly bio: string }>;
export type SetInterfaceLanguage = Command<'SetInterfaceLanguage', { readonly language: InterfaceLanguage }>;
export type PauseProfile = Command<'PauseProfile', object>;
export type ResumeProfile = Command<'ResumeProfile', object>;
/** /reset: clears every profile section (names and interface language stay) and closes open requests and tandems. */
export type ResetProfile = Command<'ResetProfile', object>;
/** Any interaction that decides nothing else (browsing /find, opening the menu) still counts as activity. */
export type RecordActivity = Command<'RecordActivity', object>;
export type BlockUser = Command<'BlockUser', { readonly target: UserId }>;
export type UnblockUser = Command<'UnblockUser', { readonly target: UserId }>;
export type ReportUser = Command<'ReportUser', { readonly target: UserId; readonly reason: ReportReason; readonly comment: string | null }>;
export type SendFeedback = Command<'SendFeedback', { readonly text: string }>;
export type RecordReminderSent = Command<'RecordReminderSent', { readonly kind: ReminderKind }>;
/** Admin commands: the edge checks ADMIN_TELEGRAM_IDS before sending them. */
export type BanUser = Command<'BanUser', { readonly reason: ReportReason }>;
export type UnbanUser = Command<'UnbanUser', object>;
// --- moderation (issue #6 points 6–7): an admin's own decisions, recorded in the admin's stream (the edge checks
// ADMIN_TELEGRAM_IDS). Feedback and reports are named by their sender's stream and version (the read models' keys).
export type ReviewFeedback = Command<'ReviewFeedback', { readonly sender: UserId; readonly version: number; readonly status: FeedbackReviewStatus }>;
/** `banned`/`unbanned` also queue BanUser/UnbanUser for the target's actor. */
export type ReviewReport = Command<
  'ReviewReport',
  { readonly reporter: UserId; readonly version: number; readonly target: UserId; readonly action: ReportReviewAction; readonly reason: ReportReason }
>;
/** A message to every active user; delivery (throttled, resumable) belongs to the broadcast runner. */
export type StartBroadcast = Command<'StartBroadcast', { readonly text: string }>;
/** The admin commands one user's actor queues for another's (delivered like peer commands). */
export type QueuedAdminCommand =
  | { readonly type: 'BanUser'; readonly data: { readonly reason: ReportReason } }
  | { readonly type: 'UnbanUser'; readonly data: Record<string, never> };
export type ModerationCommand = ReviewFeedback | ReviewReport | StartBroadcast;
// --- end moderation
/** /delete_me or `lexbot ops forget`: the stream becomes a tombstone (the store also deletes the user's key). */
export type ForgetUser = Command<'ForgetUser', object>;

export type ProfileCommand =
  | Start
  | SetNativeLanguages
  | SetLearningLanguages
  | SetInterests
  | SetAvailability
  | SetCommunication
  | SetBio
  | SetInterfaceLanguage
  | PauseProfile
  | ResumeProfile
  | ResetProfile
  | RecordActivity
  | BlockUser
  | UnblockUser
  | ReportUser
  | SendFeedback
  | RecordReminderSent
  | BanUser
  | UnbanUser
  | ForgetUser;

export type UserCommand = ProfileCommand | TandemCommand | PeerCommand | SetDialog | PartnerAlertCommand | ModerationCommand;
export type UserCommandType = UserCommand['type'];
