// Decisions an admin makes about others: reviewing feedback and reports, banning or unbanning a reported user, and
// starting a broadcast. They are the admin's own events (an audit trail in the admin's stream, projected into the
// moderation read model); a ban or unban is also queued for the target's actor, which decides it itself.
// Who may send these is the edge's business (ADMIN_TELEGRAM_IDS); here only their shape is checked.
import { validation } from '../errors.js';
import type { CrossActorCommandQueued } from '../tandem/events.js';
import type { ModerationCommand } from './commands.js';
import type { UserEvent } from './events.js';
import { eventBase, isUserId } from './ids.js';
import { FEEDBACK_REVIEW_STATUSES, MAX_BROADCAST_CHARACTERS, REPORT_REASONS, REPORT_REVIEW_ACTIONS } from './limits.js';
import { checkText } from './validate.js';

const checkSubject = (user: string, version: number): void => {
  if (!isUserId(user)) throw validation('invalid_user_id');
  if (!Number.isSafeInteger(version) || version < 0) throw validation('invalid_user_id');
};

/** The id a moderation decision queues for the target: one per decision, so a redelivery queues the same id. */
export const moderationCommandId = (causationId: string, target: string): string => `moderation:${causationId}:${target}`;

/** The broadcast a StartBroadcast decision starts, derived from its command id. */
export const broadcastIdFor = (commandId: string): string => `broadcast:${commandId}`;

export const decideModeration = (command: ModerationCommand, self: string): readonly UserEvent[] => {
  const base = eventBase(command.meta);
  switch (command.type) {
    case 'ReviewFeedback': {
      const { sender, version, status } = command.data;
      checkSubject(sender, version);
      if (!FEEDBACK_REVIEW_STATUSES.includes(status)) throw validation('invalid_report_reason');
      return [{ type: 'FeedbackReviewed', data: { ...base, sender, version, status } }];
    }
    case 'ReviewReport': {
      const { reporter, version, target, action, reason } = command.data;
      checkSubject(reporter, version);
      if (!isUserId(target)) throw validation('invalid_user_id');
      if (!REPORT_REVIEW_ACTIONS.includes(action) || !REPORT_REASONS.includes(reason)) throw validation('invalid_report_reason');
      const reviewed: UserEvent = { type: 'ReportReviewed', data: { ...base, reporter, version, target, action } };
      if (action === 'dismissed') return [reviewed];
      if (target === self) throw validation('self_target');
      const queued: CrossActorCommandQueued = {
        type: 'CrossActorCommandQueued',
        data: {
          ...base,
          commandId: moderationCommandId(base.causationId, target),
          target,
          command: action === 'banned' ? { type: 'BanUser', data: { reason } } : { type: 'UnbanUser', data: {} },
        },
      };
      return [reviewed, queued];
    }
    case 'StartBroadcast': {
      const text = checkText(command.data.text, 1, MAX_BROADCAST_CHARACTERS, 'comment_too_long');
      return [{ type: 'BroadcastStarted', data: { ...base, broadcastId: broadcastIdFor(command.meta.commandId), text } }];
    }
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown moderation command ${JSON.stringify(unknown)}`);
    }
  }
};
