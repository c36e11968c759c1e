import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isValidTimeZone, utcOffsetMinutes } from '../../../domain/availability/index.js';
import { offsetPieces, utcWeekStart } from '../../../domain/availability/weekHours.js';

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Europe/Moscow', 'America/Argentina/Buenos_Aires', 'Asia/Kathmandu', 'Etc/GMT+5', 'Etc/GMT-14'])(
    'accepts the IANA name %s',
    (zone) => expect(isValidTimeZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus_Mons', '+05:30', 'UTC+3', 'GMT +3', '../etc/passwd', 'Europe/Moscow '])('refuses %j', (zone) =>
    expect(isValidTimeZone(zone)).toBe(false),
  );
});

describe('canonicalTimeZone', () => {
  it('spells a zone the way Intl does', () => {
    expect(canonicalTimeZone('europe/moscow')).toBe('Europe/Moscow');
    expect(canonicalTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(canonicalTimeZone('Mars/Base')).toBeUndefined();
  });
});

describe('utcOffsetMinutes', () => {
  it('reads half-hour, quarter-hour and +14 offsets', () => {
    const at = new Date('2026-01-15T12:00:00Z');
    expect(utcOffsetMinutes('Asia/Kolkata', at)).toBe(330);
    expect(utcOffsetMinutes('Asia/Kathmandu', at)).toBe(345);
    expect(utcOffsetMinutes('Pacific/Kiritimati', at)).toBe(14 * 60);
    expect(utcOffsetMinutes('America/St_Johns', at)).toBe(-210);
    expect(utcOffsetMinutes('Etc/GMT+5', at)).toBe(-300);
  });

  it('follows the March DST switch of New York at 07:00 UTC', () => {
    expect(utcOffsetMinutes('America/New_York', new Date('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(utcOffsetMinutes('America/New_York', new Date('2026-03-08T07:00:00Z'))).toBe(-240);
  });

  it('follows the half-hour DST switch of Lord Howe', () => {
    // 2026-10-04 02:00 local standard time (+10:30) is 2026-10-03 15:30 UTC.
    expect(utcOffsetMinutes('Australia/Lord_Howe', new Date('2026-10-03T15:29:00Z'))).toBe(630);
    expect(utcOffsetMinutes('Australia/Lord_Howe', new Date('2026-10-03T15:30:00Z'))).toBe(660);
  });

  it('refuses an invalid instant', () => {
    expect(() => utcOffsetMinutes('UTC', new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('utcWeekStart', () => {
  it('is the Monday 00:00 UTC on or before the instant', () => {
    expect(utcWeekStart(new Date('2026-03-08T23:59:59Z'))).toBe(Date.UTC(2026, 2, 2));
    expect(utcWeekStart(new Date('2026-03-09T00:00:00Z'))).toBe(Date.UTC(2026, 2, 9));
    expect(utcWeekStart(new Date('1969-12-31T12:00:00Z'))).toBe(Date.UTC(1969, 11, 29));
  });
});

describe('offsetPieces', () => {
  it('splits the UTC hour that holds a mid-hour DST switch', () => {
    const weekStart = utcWeekStart(new Date('2026-10-03T15:30:00Z'));
    const hour = (Date.UTC(2026, 9, 3, 15) - weekStart) / 3_600_000;
    expect(offsetPieces('Australia/Lord_Howe', weekStart, hour)).toEqual([
      { from: 0, to: 30, offset: 630 },
      { from: 30, to: 60, offset: 660 },
    ]);
    expect(offsetPieces('Australia/Lord_Howe', weekStart, hour + 1)).toEqual([{ from: 0, to: 60, offset: 660 }]);
  });
});
