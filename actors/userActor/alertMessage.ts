// The partner-alert follower's offer as it reaches a watcher's actor (mailbox kind `alert`): "this user just became
// matchable". Checked at the edge like every message: the domain then decides from the watcher's own state.
import type { CandidateProfile } from '../../domain/matching/index.js';
import { isUserId } from '../../domain/user/index.js';
import { PoisonMessageError } from '../worker/actorWorker.js';

export interface QueuedAlertCommand {
  readonly type: 'NotifyPartnerAvailable';
  readonly data: { readonly candidate: CandidateProfile };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): boolean => Array.isArray(value) && value.every((item) => typeof item === 'string');

const ARRAYS = ['native', 'interests', 'primaryInterests', 'styles', 'blocked', 'openTandemPeers'] as const;

const isCandidate = (value: unknown): value is CandidateProfile =>
  isObject(value) &&
  isUserId(value.id) &&
  typeof value.status === 'string' &&
  typeof value.profileComplete === 'boolean' &&
  ARRAYS.every((field) => isStringArray(value[field])) &&
  Array.isArray(value.learning) &&
  value.learning.every((skill) => isObject(skill) && typeof skill.code === 'string' && typeof skill.level === 'string') &&
  Array.isArray(value.utcWeekHours) &&
  value.utcWeekHours.every((hour) => Number.isInteger(hour)) &&
  (value.frequency === null || typeof value.frequency === 'string') &&
  (value.lastActiveAt === null || typeof value.lastActiveAt === 'string') &&
  typeof value.pendingIncoming === 'number' &&
  isObject(value.declinedBy) &&
  isObject(value.declined);

export const decodeAlert = (deliveryId: string, body: Readonly<Record<string, unknown>>): { readonly commandId: string; readonly command: QueuedAlertCommand } => {
  const { command } = body;
  const commandId = typeof body.commandId === 'string' ? body.commandId : deliveryId.replace(/^cmd:/, '');
  if (!isObject(command) || command.type !== 'NotifyPartnerAvailable' || !isObject(command.data) || !isCandidate(command.data.candidate)) {
    throw new PoisonMessageError('not a partner alert');
  }
  return { commandId, command: { type: 'NotifyPartnerAvailable', data: { candidate: command.data.candidate } } };
};
