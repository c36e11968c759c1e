import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, toStored, upcast } from '../../../domain/events/index.js';
import { mapPersonalFields, PERSONAL_FIELDS, personalPaths, redactPersonalFields } from '../../../domain/personalData/index.js';
import type { UserEvent } from '../../../domain/user/index.js';
import { run, stepsArb } from '../support/networkRun.js';
import { activeEvents, event } from '../support/users.js';

const personalEvents: readonly UserEvent[] = [
  ...activeEvents('1001', { username: 'secret_handle' }),
  event('TelegramProfileUpdated', { firstName: 'Secret Name', username: null }, 'c1'),
  event('BioSet', { bio: 'secret bio' }, 'c2'),
  event('UserReported', { target: '2002', reason: 'spam', comment: 'secret report' }, 'c3'),
  event('FeedbackSent', { text: 'secret feedback text' }, 'c4'),
  event('TandemRated', { requestId: 'tandem:x', rating: 4, comment: 'secret comment' }, 'c5'),
];

// A stand-in cipher: reversible, and leaves no plaintext behind.
const encrypt = (value: string): string => `enc:${Buffer.from(value, 'utf8').toString('base64')}`;
const decrypt = (value: string): string => Buffer.from(value.slice(4), 'base64').toString('utf8');

describe('personal data declarations', () => {
  it('declare every event type (even those with no personal field)', () => {
    expect(Object.keys(PERSONAL_FIELDS).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('mark names, usernames, bio, feedback, report and rating text', () => {
    expect(personalPaths('UserStarted')).toEqual(['firstName', 'username']);
    expect(personalPaths('BioSet')).toEqual(['bio']);
    expect(personalPaths('FeedbackSent')).toEqual(['text']);
    expect(personalPaths('UserReported')).toEqual(['comment']);
    expect(personalPaths('TandemRated')).toEqual(['comment']);
    expect(personalPaths('PartnerRequested')).toEqual([]);
    expect(personalPaths('NotAnEvent')).toEqual([]);
  });
});

describe('mapPersonalFields', () => {
  it('encrypts every personal value and nothing else; decrypting restores the event', () => {
    for (const e of personalEvents) {
      const sealed = mapPersonalFields(toStored(e), encrypt);
      const json = JSON.stringify(sealed);
      expect(json).not.toMatch(/secret|Ann/);
      for (const [key, value] of Object.entries(e.data))
        if (!personalPaths(e.type).includes(key)) expect((sealed.data as Record<string, unknown>)[key]).toEqual(value);
      expect(upcast(mapPersonalFields(sealed, decrypt))).toEqual(e);
    }
  });

  it('redacted events still parse, and keep no personal text', () => {
    for (const e of personalEvents) {
      const redacted = upcast(redactPersonalFields(toStored(e)));
      expect(JSON.stringify(redacted)).not.toMatch(/secret|Ann/);
      expect(redacted.type).toBe(e.type);
    }
  });

  it('declared paths hold strings (or null) in every event the deciders write', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { net } = run(steps);
        for (const e of [...net.logs.values()].flat())
          for (const path of personalPaths(e.type)) {
            const value = (e.data as Record<string, unknown>)[path];
            expect(value === null || typeof value === 'string').toBe(true);
          }
      }),
      { numRuns: 50 },
    );
  });
});
