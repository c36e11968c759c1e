import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CEFR_LEVELS,
  LANGUAGE_CODES,
  MAX_LEARNING_LANGUAGES,
  MAX_NATIVE_LANGUAGES,
  isCefrLevel,
  levelIndex,
  validateLanguages,
  type CefrLevel,
  type LanguageCode,
  type LanguageSkill,
} from '../../../domain/languages/index.js';

describe('CEFR levels', () => {
  it('orders A1 to C2 as 0 to 5', () => {
    expect(CEFR_LEVELS.map(levelIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(isCefrLevel('B2')).toBe(true);
    expect(isCefrLevel('b2')).toBe(false);
    expect(isCefrLevel('C3')).toBe(false);
  });
});

describe('validateLanguages', () => {
  const skill = (code: LanguageCode, level: CefrLevel = 'B1'): LanguageSkill => ({ code, level });

  it('accepts one to three native and learning languages', () => {
    expect(validateLanguages(['ru'], [skill('en')])).toEqual([]);
    expect(validateLanguages(['ru', 'uk', 'be'], [skill('en'), skill('de', 'A1'), skill('es', 'C2')])).toEqual([]);
  });

  it('reports counts out of bounds', () => {
    expect(validateLanguages([], [])).toEqual([
      { code: 'languages.native_count', min: 1, max: MAX_NATIVE_LANGUAGES, count: 0 },
      { code: 'languages.learning_count', min: 1, max: MAX_LEARNING_LANGUAGES, count: 0 },
    ]);
    expect(validateLanguages(['ru', 'uk', 'be', 'kk'], [skill('en')])).toEqual([
      { code: 'languages.native_count', min: 1, max: 3, count: 4 },
    ]);
  });

  it('reports duplicates and learning a native language', () => {
    expect(validateLanguages(['ru', 'ru'], [skill('en'), skill('en', 'A2'), skill('ru')])).toEqual([
      { code: 'languages.duplicate_native', language: 'ru' },
      { code: 'languages.duplicate_learning', language: 'en' },
      { code: 'languages.learning_native', language: 'ru' },
    ]);
  });

  it('reports unknown codes and levels from untrusted input', () => {
    const unknown = 'xx' as LanguageCode;
    expect(validateLanguages([unknown], [{ code: 'en', level: 'D1' as CefrLevel }])).toEqual([
      { code: 'languages.unknown_language', language: 'xx' },
      { code: 'languages.unknown_level', language: 'en', level: 'D1' },
    ]);
  });

  it('finds no problem exactly when the rules hold (property)', () => {
    const codeArb = fc.constantFrom(...LANGUAGE_CODES.slice(0, 8));
    const skillArb = fc.record({ code: codeArb, level: fc.constantFrom(...CEFR_LEVELS) });
    fc.assert(
      fc.property(fc.array(codeArb, { maxLength: 5 }), fc.array(skillArb, { maxLength: 5 }), (native, learning) => {
        const learningCodes = learning.map((s) => s.code);
        const ok =
          native.length >= 1 &&
          native.length <= 3 &&
          learning.length >= 1 &&
          learning.length <= 3 &&
          new Set(native).size === native.length &&
          new Set(learningCodes).size === learningCodes.length &&
          learningCodes.every((code) => !native.includes(code));
        expect(validateLanguages(native, learning).length === 0).toBe(ok);
      }),
    );
  });
});
