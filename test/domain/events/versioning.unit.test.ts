import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCHEMA_VERSIONS,
  EVENT_TYPES,
  EventShapeError,
  findUpcaster,
  toStored,
  upcast,
  type StoredEvent,
} from '../../../domain/events/index.js';
import { assertInvariants, decide, fold, profileCompletion } from '../../../domain/user/index.js';
import { run, stepsArb } from '../support/networkRun.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/v1-user-stream.json', import.meta.url), 'utf8')) as StoredEvent[];

const shapeError = (code: string) => (error: unknown) => error instanceof EventShapeError && error.code === code;

describe('event catalog', () => {
  it('gives every event type a schema and a version', () => {
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(CURRENT_SCHEMA_VERSIONS).sort());
  });

  it('has a complete upcaster chain from version 1 to the current version of every type', () => {
    for (const type of EVENT_TYPES)
      for (let version = 1; version < CURRENT_SCHEMA_VERSIONS[type]; version += 1) expect(findUpcaster(type, version), `${type} v${version}`).toBeDefined();
  });
});

describe('upcast', () => {
  it('replays a stream of old-version events into the current state', () => {
    const state = fold(fixture.map(upcast));
    expect(state.status).toBe('active');
    expect(state.userId).toBe('424242');
    expect(state.profile.firstName).toBe('Olga');
    expect(state.profile.username).toBeNull();
    expect(state.profile.telegramLanguageCode).toBe('ru');
    expect(state.profile.learningLanguages).toEqual([{ code: 'en', level: 'C1' }]);
    expect(state.profile.availability).toEqual({ timeZone: 'Europe/Moscow', days: { kind: 'days', days: ['mon', 'wed'] }, slots: ['evening'] });
    expect(state.tandems).toMatchObject([{ id: 'tandem:tg:109', peer: '777', role: 'requester', status: 'active', channel: 'relay' }]);
    expect(state.blocked).toEqual(['888']);
    expect(profileCompletion(state.profile)).toBe(100);
    assertInvariants(state);
    // the replayed state is a working one: it decides, and remembers the ids the old events were caused by
    expect(decide({ type: 'SetBio', data: { bio: 'new' }, meta: { now: new Date('2025-06-06T00:00:00Z'), commandId: 'tg:110' } }, state)).toEqual([]);
    expect(decide({ type: 'SetBio', data: { bio: 'new' }, meta: { now: new Date('2025-06-06T00:00:00Z'), commandId: 'tg:111' } }, state)[0]?.type).toBe('BioSet');
  });

  it('maps the v1 coarse level to CEFR and the v1 day strings to tagged selections', () => {
    const learning = upcast(fixture[2] as StoredEvent);
    expect(learning.data).toMatchObject({ languages: [{ code: 'en', level: 'B1' }, { code: 'es', level: 'B1' }] });
    const availability = upcast(fixture[4] as StoredEvent);
    expect(availability.data).toMatchObject({ availability: { days: { kind: 'weekends' } } });
  });

  it('refuses unknown types, future versions and shapes that match no version', () => {
    expect(() => upcast({ type: 'SomethingElse', schemaVersion: 1, data: {} })).toThrow(expect.objectContaining({ code: 'unknown_event_type' }));
    expect(() => upcast({ type: 'BioSet', schemaVersion: 2, data: {} })).toThrow(expect.objectContaining({ code: 'unsupported_version' }));
    const broken = { type: 'UserStarted', schemaVersion: 1, data: { at: '2025-06-01T08:00:00.000Z', causationId: 'x', telegramId: 'not a number', name: 'A' } };
    expect(() => upcast(broken)).toThrow(expect.objectContaining({ code: 'invalid_shape' }));
    const badRating = { type: 'TandemRated', schemaVersion: 1, data: { at: '2025-06-01T08:00:00.000Z', causationId: 'x', requestId: 'r', rating: 7, comment: null } };
    let caught: unknown;
    try {
      upcast(badRating);
    } catch (error) {
      caught = error;
    }
    expect(shapeError('invalid_shape')(caught)).toBe(true);
    expect(String(caught)).toContain('rating');
  });

  it('drops unknown fields, so the parsed event is canonical', () => {
    const event = upcast({ type: 'ProfilePaused', schemaVersion: 1, data: { at: '2025-06-01T08:00:00.000Z', causationId: 'x', extra: 1 } });
    expect(event.data).toEqual({ at: '2025-06-01T08:00:00.000Z', causationId: 'x' });
  });

  it('reads back every event the deciders write, unchanged (toStored → JSON → upcast)', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { net } = run(steps);
        for (const log of net.logs.values()) {
          const stored = JSON.parse(JSON.stringify(log.map(toStored))) as StoredEvent[];
          expect(stored.map(upcast)).toEqual(log);
        }
      }),
      { numRuns: 100 },
    );
  });
});
