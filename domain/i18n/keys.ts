import type { DaySelectionKind, TimeSlot, Weekday, AvailabilityProblemCode } from '../availability/index.js';
import { AVAILABILITY_PROBLEM_CODES } from '../availability/index.js';
import type { CommunicationStyle, Frequency } from '../communication/index.js';
import type { InterestCategory, InterestId, InterestProblemCode } from '../interests/index.js';
import { INTEREST_PROBLEM_CODES } from '../interests/index.js';
import type { CefrLevel, LanguageProblemCode } from '../languages/index.js';
import { LANGUAGE_PROBLEM_CODES } from '../languages/index.js';
import type { UserErrorCode } from '../errors.js';
import type { IneligibilityReason, ScorePartCode } from '../matching/index.js';
import type { CloseReason, DeclineReason, RejectReason, TandemChannel } from '../tandem/types.js';
import type { ReminderKind, ReportReason } from '../user/limits.js';
import type { BotCommand } from './commands.js';

// Message ids of the catalog for the reference data. Ids are built here, in one place, so that code and catalog
// cannot drift apart silently: the catalog test derives the full list from the same constants.

export const interestKey = (id: InterestId): string => `interest-${id}`;
export const interestCategoryKey = (category: InterestCategory): string => `interest-category-${category}`;
/** "B2 · Upper intermediate". */
export const levelKey = (level: CefrLevel): string => `level-${level}`;
/** One line on what a learner at that level can do. */
export const levelDescriptionKey = (level: CefrLevel): string => `level-${level}-description`;
export const communicationStyleKey = (style: CommunicationStyle): string => `style-${style}`;
export const frequencyKey = (frequency: Frequency): string => `frequency-${frequency}`;
/** Two or three letters for keyboards and overlap ranges. */
export const weekdayShortKey = (day: Weekday): string => `weekday-short-${day}`;
export const daySelectionKey = (kind: DaySelectionKind): string => `days-${kind}`;
export const timeSlotKey = (slot: TimeSlot): string => `slot-${slot}`;
export const commandKey = (command: BotCommand): string => `command-${command}`;

/**
 * The reply to a refused command. Its variables are the DomainError's own `details` (limits and counts), so the edge
 * formats it with `t(errorKey(error.code), errorArgs(error.details))`.
 */
export const errorKey = (code: UserErrorCode): string => `error-${code}`;
/** A reason a target gives when declining: a button label that also reads after "declined your request:". */
export const declineReasonKey = (reason: DeclineReason): string => `decline-reason-${reason}`;
/** Why a request or tandem closed, from this side's point of view. */
export const closeReasonKey = (reason: CloseReason): string => `close-reason-${reason}`;
/** What a requester is told when the target's actor refused the request on arrival. */
export const rejectReasonKey = (reason: RejectReason): string => `reject-reason-${reason}`;
/** Shares the ids of the /report keyboard (`report-reason-*`). */
export const reportReasonKey = (reason: ReportReason): string => `report-reason-${reason}`;
/** A reminder's text; its variables are listed in REMINDER_VARIABLES. */
export const reminderKey = (kind: ReminderKind): string => `reminder-${kind}`;
/** Why two people cannot be matched. */
export const ineligibilityKey = (reason: IneligibilityReason): string => `ineligible-${reason}`;
/** One line of a match score's explanation; its variables come from scorePartArgs (the name matching/score.ts uses). */
export const scorePartKey = (code: ScorePartCode): string => `match-part-${code}`;
/** How partners talk once a tandem is active. */
export const channelKey = (channel: TandemChannel): string => `channel-${channel}`;

export type ProblemCode = LanguageProblemCode | InterestProblemCode | AvailabilityProblemCode;

export const PROBLEM_CODES: readonly ProblemCode[] = [
  ...LANGUAGE_PROBLEM_CODES,
  ...INTEREST_PROBLEM_CODES,
  ...AVAILABILITY_PROBLEM_CODES,
];

/**
 * The message of a coded validation problem. Its variables are the problem's own fields, so the edge formats a
 * problem with `t(problemKey(problem.code), problem)`; Fluent ids allow no dots, hence the dashes.
 */
export const problemKey = (code: ProblemCode): string => `problem-${code.replaceAll('.', '-')}`;
