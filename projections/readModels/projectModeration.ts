// An admin's decisions → their moderation rows (issue #6): a review of someone's feedback or report, or a
// broadcast. The reviewed rows stay in their sender's tables; queries join the latest review by (sender, version).
import type { ModerationEvent } from '../../domain/user/index.js';
import type { Draft, ModerationRow, UserDoc } from './rows.js';

const rowOf = (event: ModerationEvent, version: number): ModerationRow => {
  const base = { streamVersion: version, at: event.data.at };
  switch (event.type) {
    case 'FeedbackReviewed':
      return { ...base, kind: 'feedback', subjectUserId: event.data.sender, subjectVersion: event.data.version, action: event.data.status, targetId: null, text: null };
    case 'ReportReviewed':
      return { ...base, kind: 'report', subjectUserId: event.data.reporter, subjectVersion: event.data.version, action: event.data.action, targetId: event.data.target, text: null };
    case 'BroadcastStarted':
      return { ...base, kind: 'broadcast', subjectUserId: null, subjectVersion: null, action: event.data.broadcastId, targetId: null, text: event.data.text };
  }
};

export const MODERATION_EVENT_TYPES: ReadonlySet<string> = new Set(['FeedbackReviewed', 'ReportReviewed', 'BroadcastStarted'] satisfies ModerationEvent['type'][]);

/** Keyed by stream version, so a replayed event replaces its own row instead of adding another. The list is replaced. */
export const applyModeration = (doc: Draft<UserDoc>, event: ModerationEvent, version: number): void => {
  const row = rowOf(event, version);
  doc.moderation = [...doc.moderation.filter((m) => m.streamVersion !== version), row].sort((a, b) => a.streamVersion - b.streamVersion);
};
