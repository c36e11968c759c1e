// CEFR proficiency levels, from A1 (beginner) to C2 (mastery). Their names and short descriptions are in the message
// catalog (levelKey / levelDescriptionKey in domain/i18n).

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

export type CefrLevel = (typeof CEFR_LEVELS)[number];

const LEVEL_SET: ReadonlySet<string> = new Set(CEFR_LEVELS);

export const isCefrLevel = (value: string): value is CefrLevel => LEVEL_SET.has(value);

/** 0 for A1 … 5 for C2: the distance between two levels is the difference of their indexes. */
export const levelIndex = (level: CefrLevel): number => CEFR_LEVELS.indexOf(level);
