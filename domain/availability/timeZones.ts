// Time-zone arithmetic through Intl, which is deterministic for a given ICU data set: the offset of a zone at an
// instant is read from the zone's rules, so DST switches and half- or quarter-hour zones come out exact.

const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

// IANA names start with a letter ("UTC", "Etc/GMT-5", "America/Argentina/Buenos_Aires"). Newer engines also accept
// raw offsets such as "+05:30"; those are refused so that what validates does not depend on the Node version, and
// a fixed offset is written as its IANA name Etc/GMT∓N instead (note the inverted sign of those names).
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

export const isValidTimeZone = (timeZone: string): boolean => {
  if (!IANA_SHAPE.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** Minutes to add to UTC to get local time in `timeZone` at instant `at` (+330 for Asia/Kolkata). */
export const utcOffsetMinutes = (timeZone: string, at: Date | number): number => {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('utcOffsetMinutes: invalid instant');
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(wholeSeconds)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const localAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return Math.round((localAsUtc - wholeSeconds) / MINUTE_MS);
};

/**
 * The zone's name as Intl spells it ("europe/moscow" → "Europe/Moscow"), or undefined when it is not a valid zone.
 * Storing this form keeps equal zones equal in events and read models. Links stay as typed by ICU's rules
 * (Asia/Calcutta may or may not become Asia/Kolkata depending on the ICU version), so never compare zones by name
 * to decide anything: compare offsets.
 */
export const canonicalTimeZone = (timeZone: string): string | undefined =>
  isValidTimeZone(timeZone) ? formatterFor(timeZone).resolvedOptions().timeZone : undefined;
