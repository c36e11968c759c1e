// Profile completion, derived from the sections (never stored). Weights add up to 100; the bio is the only optional
// section, so a complete profile without a bio shows 90 %. Onboarding completes when every required section is set.
import type { Profile } from './state.js';

export const PROFILE_SECTIONS = ['nativeLanguages', 'learningLanguages', 'interests', 'availability', 'communication', 'bio'] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

export const SECTION_WEIGHTS: Readonly<Record<ProfileSection, number>> = {
  nativeLanguages: 20,
  learningLanguages: 20,
  availability: 20,
  interests: 15,
  communication: 15,
  bio: 10,
};

export const REQUIRED_SECTIONS: readonly ProfileSection[] = ['nativeLanguages', 'learningLanguages', 'interests', 'availability', 'communication'];

export const isSectionSet = (profile: Profile, section: ProfileSection): boolean => {
  switch (section) {
    case 'nativeLanguages':
      return profile.nativeLanguages.length > 0;
    case 'learningLanguages':
      return profile.learningLanguages.length > 0;
    case 'interests':
      return profile.interests.length > 0;
    case 'availability':
      return profile.availability !== null;
    case 'communication':
      return profile.communicationStyles.length > 0 && profile.frequency !== null;
    case 'bio':
      return profile.bio.length > 0;
    default: {
      const unknown: never = section;
      throw new TypeError(`unknown section ${String(unknown)}`);
    }
  }
};

/** 0–100. */
export const profileCompletion = (profile: Profile): number =>
  PROFILE_SECTIONS.reduce((sum, section) => sum + (isSectionSet(profile, section) ? SECTION_WEIGHTS[section] : 0), 0);

export const missingSections = (profile: Profile, required = false): readonly ProfileSection[] =>
  (required ? REQUIRED_SECTIONS : PROFILE_SECTIONS).filter((section) => !isSectionSet(profile, section));

export const isProfileComplete = (profile: Profile): boolean => missingSections(profile, true).length === 0;
