// A shared location → the IANA time zone there, from @photostructure/tz-lookup's bundled map (no network). Kept in
// the actors layer: the domain takes only the resulting zone name, which it validates like any other.
import tzLookup from '@photostructure/tz-lookup';
import { canonicalTimeZone } from '../../../../../domain/availability/index.js';

export const zoneAt = (latitude: number, longitude: number): string | undefined => {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  try {
    return canonicalTimeZone(tzLookup(latitude, longitude));
  } catch {
    return undefined;
  }
};
