// Typed time zones: an IANA name ("Europe/Berlin"), a UTC offset ("+3", "UTC-5", "GMT+5:30") or a city, in English
// (any city that names an IANA zone, plus common ones that do not) or Russian. Pure: the answer depends on the text
// and Intl's zone data only. Offsets become IANA names, because the domain refuses raw offsets.
import { canonicalTimeZone, utcOffsetMinutes } from '../../../../../domain/availability/index.js';
import { normalizeSearchText } from '../../../../../domain/languages/index.js';

/** Zones without a whole-hour offset have no Etc/GMT name; a zone that keeps that offset all year stands in. */
const FRACTIONAL_OFFSETS: Readonly<Record<number, string>> = {
  [-210]: 'America/St_Johns',
  [210]: 'Asia/Tehran',
  [270]: 'Asia/Kabul',
  [330]: 'Asia/Kolkata',
  [345]: 'Asia/Kathmandu',
  [390]: 'Asia/Yangon',
  [570]: 'Australia/Darwin',
};

/** The offsets the picker offers, in minutes east of UTC. */
export const OFFSET_CHOICES: readonly number[] = [
  ...Array.from({ length: 27 }, (_, index) => (index - 12) * 60),
  ...Object.keys(FRACTIONAL_OFFSETS).map(Number),
].sort((a, b) => a - b);

/** An IANA zone with this fixed offset (minutes east of UTC), or undefined when none is known. */
export const zoneForOffset = (minutes: number): string | undefined => {
  if (minutes === 0) return 'UTC';
  if (minutes % 60 === 0 && minutes >= -12 * 60 && minutes <= 14 * 60) {
    const hours = minutes / 60;
    // Etc/GMT names invert the sign: Etc/GMT-3 is three hours east of Greenwich.
    return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
  }
  return FRACTIONAL_OFFSETS[minutes];
};

/** "+5:30" style label of an offset in minutes. */
export const formatOffset = (minutes: number): string => {
  const sign = minutes < 0 ? '−' : '+';
  const absolute = Math.abs(minutes);
  const hours = Math.floor(absolute / 60);
  const rest = absolute % 60;
  return `UTC${sign}${hours}${rest === 0 ? '' : `:${String(rest).padStart(2, '0')}`}`;
};

/** A fixed-offset zone: UTC, or an Etc/GMT∓N name, whose inverted sign would read backwards to a user ("GMT-3" for UTC+3). */
const isFixedOffset = (zone: string): boolean => zone === 'UTC' || zone.startsWith('Etc/');

/** A zone's name as a user reads it: the IANA name of a place ("Europe/Berlin"); a fixed offset as the offset, "UTC+3". */
export const zoneName = (zone: string, now: Date): string => {
  if (!isFixedOffset(zone)) return zone;
  const minutes = utcOffsetMinutes(zone, now);
  return minutes === 0 ? 'UTC' : formatOffset(minutes);
};

/** A zone with today's offset: "Europe/Berlin (UTC+1)"; a fixed offset alone: "UTC+3". */
export const zoneLabel = (zone: string, now: Date): string =>
  isFixedOffset(zone) ? zoneName(zone, now) : `${zone} (${formatOffset(utcOffsetMinutes(zone, now))})`;

const OFFSET = /^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?:[:.]?(\d{2}))?$/u;

const parseOffset = (text: string): string | undefined => {
  if (text === 'utc' || text === 'gmt' || text === 'z') return 'UTC';
  const match = OFFSET.exec(text);
  if (match === null) return undefined;
  const [, sign = '+', hours = '0', minutes = '0'] = match;
  const value = Number(hours) * 60 + Number(minutes);
  if (Number(minutes) >= 60) return undefined;
  return zoneForOffset(sign === '+' ? value : -value);
};

// Cities people type that are not the city of an IANA zone name, in English and Russian (lower case, no marks).
const CITY_ALIASES: Readonly<Record<string, string>> = {
  'saint petersburg': 'Europe/Moscow', 'st petersburg': 'Europe/Moscow', 'st. petersburg': 'Europe/Moscow',
  kazan: 'Europe/Moscow', 'nizhny novgorod': 'Europe/Moscow', 'kyiv': 'Europe/Kiev', 'kiev': 'Europe/Kiev',
  delhi: 'Asia/Kolkata', 'new delhi': 'Asia/Kolkata', mumbai: 'Asia/Kolkata', bangalore: 'Asia/Kolkata', bengaluru: 'Asia/Kolkata',
  beijing: 'Asia/Shanghai', 'hong kong': 'Asia/Hong_Kong', 'san francisco': 'America/Los_Angeles', seattle: 'America/Los_Angeles',
  washington: 'America/New_York', boston: 'America/New_York', miami: 'America/New_York', munich: 'Europe/Berlin',
  hamburg: 'Europe/Berlin', milan: 'Europe/Rome', barcelona: 'Europe/Madrid', 'rio de janeiro': 'America/Sao_Paulo',
  'ho chi minh city': 'Asia/Ho_Chi_Minh', osaka: 'Asia/Tokyo', kyoto: 'Asia/Tokyo', melbourne: 'Australia/Melbourne',
  москва: 'Europe/Moscow', мск: 'Europe/Moscow', 'санкт-петербург': 'Europe/Moscow', петербург: 'Europe/Moscow', питер: 'Europe/Moscow',
  спб: 'Europe/Moscow', казань: 'Europe/Moscow', 'нижнии новгород': 'Europe/Moscow', калининград: 'Europe/Kaliningrad',
  самара: 'Europe/Samara', екатеринбург: 'Asia/Yekaterinburg', омск: 'Asia/Omsk', новосибирск: 'Asia/Novosibirsk',
  красноярск: 'Asia/Krasnoyarsk', иркутск: 'Asia/Irkutsk', якутск: 'Asia/Yakutsk', владивосток: 'Asia/Vladivostok',
  хабаровск: 'Asia/Vladivostok', магадан: 'Asia/Magadan', камчатка: 'Asia/Kamchatka', киев: 'Europe/Kiev', минск: 'Europe/Minsk',
  алматы: 'Asia/Almaty', астана: 'Asia/Almaty', ташкент: 'Asia/Tashkent', бишкек: 'Asia/Bishkek', тбилиси: 'Asia/Tbilisi',
  ереван: 'Asia/Yerevan', баку: 'Asia/Baku', рига: 'Europe/Riga', вильнюс: 'Europe/Vilnius', таллин: 'Europe/Tallinn',
  лондон: 'Europe/London', берлин: 'Europe/Berlin', париж: 'Europe/Paris', мадрид: 'Europe/Madrid', рим: 'Europe/Rome',
  стамбул: 'Europe/Istanbul', дубаи: 'Asia/Dubai', пекин: 'Asia/Shanghai', шанхаи: 'Asia/Shanghai', токио: 'Asia/Tokyo',
  сеул: 'Asia/Seoul', бангкок: 'Asia/Bangkok', дели: 'Asia/Kolkata', 'нью-иорк': 'America/New_York', 'лос-анджелес': 'America/Los_Angeles',
  чикаго: 'America/Chicago', торонто: 'America/Toronto', сиднеи: 'Australia/Sydney', прага: 'Europe/Prague', варшава: 'Europe/Warsaw',
  хельсинки: 'Europe/Helsinki', белград: 'Europe/Belgrade', лиссабон: 'Europe/Lisbon', амстердам: 'Europe/Amsterdam',
};

let cityIndex: ReadonlyMap<string, string> | undefined;

/** "new york" → America/New_York, from every zone Intl knows (the last part of its name is a city). */
const citiesOfZones = (): ReadonlyMap<string, string> => {
  if (cityIndex === undefined) {
    const index = new Map<string, string>();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const city = zone.split('/').pop();
      if (city !== undefined && zone.includes('/') && !zone.startsWith('Etc/')) index.set(normalizeSearchText(city.replaceAll('_', ' ')), zone);
    }
    cityIndex = index;
  }
  return cityIndex;
};

/** The IANA zone a typed text names, or undefined when it names none. */
export const parseTimeZoneInput = (input: string): string | undefined => {
  const trimmed = input.trim();
  if (trimmed === '' || trimmed.length > 64) return undefined;
  const text = normalizeSearchText(trimmed).replace(/ё/g, 'е');
  const offset = parseOffset(text.replace(/\s+/g, ''));
  if (offset !== undefined) return offset;
  if (trimmed.includes('/')) return canonicalTimeZone(trimmed) ?? canonicalTimeZone(trimmed.replace(/\s+/g, '_'));
  const spaced = text.replace(/[_-]/g, ' ');
  return CITY_ALIASES[text] ?? CITY_ALIASES[spaced] ?? citiesOfZones().get(spaced) ?? undefined;
};

/** The picker's cities: one per populous region, each with its catalog label `ob-city-<key>`. */
export const COMMON_ZONES = [
  { key: 'london', zone: 'Europe/London' },
  { key: 'berlin', zone: 'Europe/Berlin' },
  { key: 'kyiv', zone: 'Europe/Kiev' },
  { key: 'moscow', zone: 'Europe/Moscow' },
  { key: 'istanbul', zone: 'Europe/Istanbul' },
  { key: 'dubai', zone: 'Asia/Dubai' },
  { key: 'almaty', zone: 'Asia/Almaty' },
  { key: 'delhi', zone: 'Asia/Kolkata' },
  { key: 'bangkok', zone: 'Asia/Bangkok' },
  { key: 'beijing', zone: 'Asia/Shanghai' },
  { key: 'tokyo', zone: 'Asia/Tokyo' },
  { key: 'sydney', zone: 'Australia/Sydney' },
  { key: 'sao_paulo', zone: 'America/Sao_Paulo' },
  { key: 'new_york', zone: 'America/New_York' },
  { key: 'chicago', zone: 'America/Chicago' },
  { key: 'los_angeles', zone: 'America/Los_Angeles' },
] as const;
