// Public surface of the user aggregate (the tandem lifecycle is part of the same actor: see domain/tandem).
export type * from './commands.js';
export type * from './events.js';
export { partnerAlertSince, PARTNER_ALERT_EVENT_TYPES, isPartnerAlertEvent, type PartnerAlertCommand, type PartnerAlertEvent } from './partnerAlert.js';
export { decide } from './decide.js';
export { evolve, fold } from './evolve.js';
export { initialState, emptyProfile, findTandem, USER_STATUSES, USER_STATE_SCHEMA_VERSION, type UserState, type UserStatus, type Profile, type UserCounters } from './state.js';
export { profileCompletion, missingSections, isProfileComplete, PROFILE_SECTIONS, REQUIRED_SECTIONS, SECTION_WEIGHTS, type ProfileSection } from './completion.js';
export { assertInvariants, invariantViolations } from './invariants.js';
export { isUserId, userStreamName, type CommandMeta, type EventBase, type UserId } from './ids.js';
export * from './limits.js';
export { countCharacters } from './text.js';
export { reminderDue, WEEK_MS } from './reminders.js';

import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { initialState } from './state.js';

/** The three functions the actor runtime needs (Emmett's Decider shape). */
export const userDecider = { decide, evolve, initialState } as const;
