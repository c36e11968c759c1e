// Test profiles for /find: user states and cards built from real domain decisions (the fold of decided events), so
// they are states the domain can actually reach.
import { decide, evolve, fold, initialState, type UserCommand, type UserEvent, type UserState } from '../../../../../domain/user/index.js';
import type { Availability } from '../../../../../domain/availability/index.js';
import type { LanguageCode, LanguageSkill } from '../../../../../domain/languages/index.js';
import type { PartnerCard } from '../../../../../actors/userActor/ports/index.js';
import { candidateFromState, type CandidateProfile } from '../../../../../domain/matching/index.js';

export interface ProfileSpec {
  readonly id: string;
  readonly firstName?: string;
  readonly username?: string | null;
  readonly native?: readonly LanguageCode[];
  readonly learning?: readonly LanguageSkill[];
  readonly availability?: Availability;
  readonly bio?: string;
  /** Stop before this section (the profile stays incomplete). */
  readonly stopBefore?: 'learning' | 'interests' | 'availability' | 'communication';
  readonly paused?: boolean;
}

export const EVENINGS_BERLIN: Availability = { timeZone: 'Europe/Berlin', days: { kind: 'any' }, slots: ['evening'] };
export const MORNINGS_TOKYO: Availability = { timeZone: 'Asia/Tokyo', days: { kind: 'any' }, slots: ['morning'] };

/** The events of /start and the profile commands of `spec`, decided at `now` (alerts and all, as the actor decides them). */
export const eventsOf = (spec: ProfileSpec & { readonly watch?: boolean }, now: Date): readonly UserEvent[] => {
  let state = initialState();
  const events: UserEvent[] = [];
  let n = 0;
  const run = (command: Omit<UserCommand, 'meta'>): void => {
    n += 1;
    for (const event of decide({ ...command, meta: { now, commandId: `seed:${spec.id}:${n}` } } as UserCommand, state)) {
      state = evolve(state, event);
      events.push(event);
    }
  };
  run({ type: 'Start', data: { telegramId: spec.id, firstName: spec.firstName ?? 'Ann', username: spec.username ?? null, languageCode: 'en' } });
  run({ type: 'SetNativeLanguages', data: { languages: spec.native ?? ['en'] } });
  if (spec.stopBefore === 'learning') return events;
  run({ type: 'SetLearningLanguages', data: { languages: spec.learning ?? [{ code: 'ru', level: 'B1' }] } });
  if (spec.stopBefore === 'interests') return events;
  run({ type: 'SetInterests', data: { interests: ['music', 'books', 'travel'], primary: ['travel'] } });
  if (spec.stopBefore === 'availability') return events;
  run({ type: 'SetAvailability', data: { availability: spec.availability ?? EVENINGS_BERLIN } });
  if (spec.stopBefore === 'communication') return events;
  run({ type: 'SetCommunication', data: { styles: ['text', 'video_call'], frequency: 'weekly' } });
  if (spec.bio !== undefined) run({ type: 'SetBio', data: { bio: spec.bio } });
  if (spec.watch === true) run({ type: 'WatchForPartner', data: {} });
  if (spec.paused === true) run({ type: 'PauseProfile', data: {} });
  return events;
};

/** A user state after /start and the profile commands of `spec`, decided at `now`. */
export const stateOf = (spec: ProfileSpec & { readonly watch?: boolean }, now: Date): UserState => fold(eventsOf(spec, now));

export const cardOf = (state: UserState): PartnerCard => {
  const { profile } = state;
  return {
    id: state.userId ?? '0',
    status: state.status,
    firstName: profile.firstName ?? '',
    username: profile.username,
    native: profile.nativeLanguages,
    learning: profile.learningLanguages,
    interests: profile.interests,
    primaryInterests: profile.primaryInterests,
    availability: profile.availability,
    styles: profile.communicationStyles,
    frequency: profile.frequency,
    bio: profile.bio,
    lastActiveAt: state.lastActiveAt,
  };
};

export const candidateOf = (state: UserState, now: Date): CandidateProfile => {
  const candidate = candidateFromState(state, now);
  if (candidate === null) throw new Error('not started');
  return candidate;
};
