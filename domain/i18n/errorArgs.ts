// A refused command's reply: the message `error-<code>` with the DomainError's details as its arguments. Details
// hold numbers and codes (limits, counts, a problem code); Fluent takes no booleans, so those become `yes` or `no`.
import type { DomainError } from '../errors.js';
import { errorKey } from './keys.js';

export type MessageArgs = Readonly<Record<string, string | number>>;

export const errorArgs = (details: DomainError['details']): MessageArgs =>
  Object.fromEntries(
    Object.entries(details).map(([name, value]) => [name, typeof value === 'boolean' ? (value ? 'yes' : 'no') : value]),
  );

export const errorMessage = (error: DomainError): { readonly key: string; readonly args: MessageArgs } => ({
  key: errorKey(error.code),
  args: errorArgs(error.details),
});
