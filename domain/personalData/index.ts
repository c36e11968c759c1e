export { PERSONAL_FIELDS, REDACTED_TEXT, type PersonalField } from './declarations.js';
export { hasPersonalData, mapPersonalFields, personalFields, personalPaths, redactPersonalFields } from './mapPersonalFields.js';
