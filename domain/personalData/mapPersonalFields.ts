// Pure helpers for the event store wrapper: it passes encrypt, decrypt or redact as `fn`. They work on the stored
// form ({ type, data }, any schema version at the current field names) and never touch non-personal fields.
import type { UserEventType } from '../user/events.js';
import { PERSONAL_FIELDS, REDACTED_TEXT, type PersonalField } from './declarations.js';

const isKnownType = (type: string): type is UserEventType => Object.hasOwn(PERSONAL_FIELDS, type);

/** The personal fields of an event type; none for a type this model does not know. */
export const personalFields = (type: string): readonly PersonalField[] =>
  isKnownType(type) ? (PERSONAL_FIELDS[type] as readonly PersonalField[]) : [];

export const personalPaths = (type: string): readonly string[] => personalFields(type).map((field) => field.path);

export const hasPersonalData = (type: string): boolean => personalFields(type).length > 0;

/**
 * A copy of `event` whose personal string values went through `fn` (null and absent values are left alone).
 * `fn` may return null to clear a field. Data that is not an object is returned as is.
 */
export const mapPersonalFields = <E extends { readonly type: string; readonly data: unknown }>(
  event: E,
  fn: (value: string, field: PersonalField) => string | null,
): E => {
  const fields = personalFields(event.type);
  if (fields.length === 0 || typeof event.data !== 'object' || event.data === null) return event;
  const data: Record<string, unknown> = { ...(event.data as Record<string, unknown>) };
  for (const field of fields) {
    const value = data[field.path];
    if (typeof value === 'string') data[field.path] = fn(value, field);
  }
  return { ...event, data };
};

/** What a reader sees once the key is gone: nullable fields become null, the others REDACTED_TEXT. */
export const redactPersonalFields = <E extends { readonly type: string; readonly data: unknown }>(event: E): E =>
  mapPersonalFields(event, (_, field) => (field.nullable ? null : REDACTED_TEXT));
