// Where the Fluent catalog lives: domain/i18n/locales in the source tree. Compiled code runs from dist/, which holds
// no .ftl files, so look in both places relative to this module.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['../../../domain/i18n/locales', '../../../../domain/i18n/locales'];

export const localesDirectory = (): string => {
  for (const candidate of CANDIDATES) {
    // No trailing slash: @grammyjs/i18n 1.1 derives locale names from the path after the directory.
    const directory = fileURLToPath(new URL(candidate, import.meta.url)).replace(/\/+$/, '');
    if (existsSync(`${directory}/en/core.ftl`)) return directory;
  }
  throw new Error('message catalog not found (domain/i18n/locales)');
};
