// The state of one user's actor: the fold of its stream. Plain JSON (arrays, records, strings) so it can be
// snapshotted as is; sets are kept as sorted arrays so equal states are deeply equal.
import type { Dialog } from '../dialog/types.js';
import type { TandemRecord } from '../tandem/types.js';
import type { UserId } from './ids.js';
import type { InterfaceLanguage, ReminderKind } from './limits.js';
import type { LanguageCode, LanguageSkill } from '../languages/index.js';
import type { InterestId } from '../interests/index.js';
import type { Availability } from '../availability/index.js';
import type { CommunicationStyle, Frequency } from '../communication/index.js';

/**
 * Version of the UserState shape, for snapshots: the runtime discards a snapshot whose version differs and folds
 * the stream instead. Bump it whenever UserState (or anything inside it) changes shape or meaning.
 */
export const USER_STATE_SCHEMA_VERSION = 2;

export const USER_STATUSES = ['new', 'onboarding', 'active', 'paused', 'banned', 'forgotten'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
/** The statuses a ban can interrupt, and that an unban returns to. */
export type BannableStatus = 'onboarding' | 'active' | 'paused';

export interface Profile {
  readonly firstName: string | null;
  readonly username: string | null;
  readonly telegramLanguageCode: string | null;
  readonly nativeLanguages: readonly LanguageCode[];
  readonly learningLanguages: readonly LanguageSkill[];
  readonly interests: readonly InterestId[];
  readonly primaryInterests: readonly InterestId[];
  readonly availability: Availability | null;
  readonly communicationStyles: readonly CommunicationStyle[];
  readonly frequency: Frequency | null;
  /** '' when not written (the optional section). */
  readonly bio: string;
  readonly interfaceLanguage: InterfaceLanguage | null;
}

export interface UserCounters {
  readonly reportsMade: number;
  readonly feedbackSent: number;
  readonly ratingsGiven: number;
  readonly ratingsReceived: number;
  readonly ratingsReceivedSum: number;
  /** Tandems that reached `active`, including those no longer kept in `tandems`. */
  readonly tandemsStarted: number;
}

export interface UserState {
  readonly status: UserStatus;
  readonly userId: UserId | null;
  readonly statusBeforeBan: BannableStatus | null;
  readonly profile: Profile;
  readonly startedAt: string | null;
  readonly lastActiveAt: string | null;
  readonly forgottenAt: string | null;
  /** Users this user blocked (sorted). */
  readonly blocked: readonly UserId[];
  /** Peer → when they declined this user's request (kept for the cooldown only). */
  readonly declinedBy: Readonly<Record<UserId, string>>;
  /** Peer → when this user declined their request (this side refuses their new requests during the cooldown). */
  readonly declinedByMe: Readonly<Record<UserId, string>>;
  /** Open tandems and the most recent closed ones, oldest first. */
  readonly tandems: readonly TandemRecord[];
  readonly counters: UserCounters;
  readonly lastReminderAt: Readonly<Partial<Record<ReminderKind, string>>>;
  /** Ids of recently applied commands, oldest first (Guarantee 2). */
  readonly recentCommandIds: readonly string[];
  /** The conversation in progress (domain/dialog), or null outside any flow. */
  readonly dialog: Dialog | null;
  /** Since when the user waits for a "suitable partner appeared" message (domain/user/partnerAlert.ts); absent or null: not waiting. */
  readonly partnerAlertSince?: string | null;
}

export const emptyProfile: Profile = {
  firstName: null,
  username: null,
  telegramLanguageCode: null,
  nativeLanguages: [],
  learningLanguages: [],
  interests: [],
  primaryInterests: [],
  availability: null,
  communicationStyles: [],
  frequency: null,
  bio: '',
  interfaceLanguage: null,
};

export const emptyCounters: UserCounters = {
  reportsMade: 0,
  feedbackSent: 0,
  ratingsGiven: 0,
  ratingsReceived: 0,
  ratingsReceivedSum: 0,
  tandemsStarted: 0,
};

export const initialState = (): UserState => ({
  status: 'new',
  userId: null,
  statusBeforeBan: null,
  profile: emptyProfile,
  startedAt: null,
  lastActiveAt: null,
  forgottenAt: null,
  blocked: [],
  declinedBy: {},
  declinedByMe: {},
  tandems: [],
  counters: emptyCounters,
  lastReminderAt: {},
  recentCommandIds: [],
  dialog: null,
});

export const findTandem = (state: UserState, id: string): TandemRecord | undefined => state.tandems.find((t) => t.id === id);
export const hasBlocked = (state: UserState, peer: UserId): boolean => state.blocked.includes(peer);
