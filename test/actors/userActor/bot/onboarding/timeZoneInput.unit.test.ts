import { describe, expect, it } from 'vitest';
import { isValidTimeZone, utcOffsetMinutes } from '../../../../../domain/availability/index.js';
import { COMMON_ZONES, OFFSET_CHOICES, formatOffset, parseTimeZoneInput, zoneForOffset, zoneLabel, zoneName } from '../../../../../actors/userActor/bot/handlers/onboarding/timeZoneInput.js';
import { zoneAt } from '../../../../../actors/userActor/bot/handlers/onboarding/location.js';

const JANUARY = new Date('2026-01-15T12:00:00Z');

describe('typed time zones', () => {
  it('reads UTC offsets in the usual spellings as fixed-offset zones', () => {
    const cases: readonly (readonly [string, number])[] = [
      ['+3', 180], ['UTC+3', 180], ['utc +03:00', 180], ['GMT-5', -300], ['−8', -480], ['+5:30', 330], ['UTC+05.45', 345], ['+14', 840], ['-12', -720], ['UTC', 0], ['gmt', 0],
    ];
    for (const [text, minutes] of cases) {
      const zone = parseTimeZoneInput(text);
      expect(zone, text).toBeDefined();
      expect(utcOffsetMinutes(zone as string, JANUARY), text).toBe(minutes);
    }
  });

  it('shows a fixed offset as the offset a user typed, never as the sign-inverted Etc/GMT name', () => {
    expect(zoneLabel(parseTimeZoneInput('+3')!, JANUARY)).toBe('UTC+3');
    expect(zoneLabel(parseTimeZoneInput('UTC-5')!, JANUARY)).toBe('UTC−5');
    expect(zoneName(parseTimeZoneInput('+3')!, JANUARY)).toBe('UTC+3');
    expect(zoneLabel('UTC', JANUARY)).toBe('UTC');
    expect(zoneName('UTC', JANUARY)).toBe('UTC');
    expect(zoneLabel('Europe/Berlin', JANUARY)).toBe('Europe/Berlin (UTC+1)');
    expect(zoneName('Europe/Berlin', JANUARY)).toBe('Europe/Berlin');
    for (const minutes of OFFSET_CHOICES) expect(zoneLabel(zoneForOffset(minutes)!, JANUARY), String(minutes)).not.toMatch(/GMT|Etc/);
  });

  it('refuses offsets no zone has, and nonsense', () => {
    for (const text of ['+15', '-13', '+3:17', '+3:75', 'Atlantis', '', '   ', 'x'.repeat(500), '🙂', 'Europe/Atlantis']) expect(parseTimeZoneInput(text), text).toBeUndefined();
  });

  it('reads IANA names in any case and cities in English or Russian', () => {
    expect(parseTimeZoneInput('europe/berlin')).toBe('Europe/Berlin');
    expect(parseTimeZoneInput('America/New York')).toBe('America/New_York');
    expect(parseTimeZoneInput('Tokyo')).toBe('Asia/Tokyo');
    expect(parseTimeZoneInput('new york')).toBe('America/New_York');
    expect(parseTimeZoneInput('Buenos Aires')).toBe('America/Buenos_Aires');
    expect(parseTimeZoneInput('São Paulo')).toBe('America/Sao_Paulo');
    expect(parseTimeZoneInput('Saint Petersburg')).toBe('Europe/Moscow');
    expect(parseTimeZoneInput('Москва')).toBe('Europe/Moscow');
    expect(parseTimeZoneInput('Санкт-Петербург')).toBe('Europe/Moscow');
    expect(parseTimeZoneInput('  Новосибирск ')).toBe('Asia/Novosibirsk');
    expect(parseTimeZoneInput('Нью-Йорк')).toBe('America/New_York');
  });

  it('gives every offset of the picker and every city a valid zone', () => {
    for (const minutes of OFFSET_CHOICES) {
      const zone = zoneForOffset(minutes);
      expect(zone !== undefined && isValidTimeZone(zone), formatOffset(minutes)).toBe(true);
      expect(utcOffsetMinutes(zone as string, JANUARY)).toBe(minutes);
    }
    for (const { zone } of COMMON_ZONES) expect(isValidTimeZone(zone), zone).toBe(true);
    expect(formatOffset(330)).toBe('UTC+5:30');
    expect(formatOffset(-210)).toBe('UTC−3:30');
    expect(formatOffset(0)).toBe('UTC+0');
  });

  it('maps a shared location to the zone there, and refuses impossible coordinates', () => {
    expect(zoneAt(55.7558, 37.6173)).toBe('Europe/Moscow');
    expect(zoneAt(52.52, 13.405)).toBe('Europe/Berlin');
    expect(zoneAt(-33.87, 151.21)).toBe('Australia/Sydney');
    expect(zoneAt(91, 0)).toBeUndefined();
    expect(zoneAt(Number.NaN, 10)).toBeUndefined();
  });
});
