// An admin's moderation decisions (domain/user/decideModeration.ts): reviews recorded in the admin's stream, a ban
// or unban queued for the target's actor with an id derived from the decision, and the target deciding it.
import { describe, expect, it } from 'vitest';
import { decide, fold } from '../../../domain/user/index.js';
import { activeEvents, command, event, given, isError, ME, OTHER, PEER, T0 } from '../support/users.js';

describe('moderation decisions', () => {
  it('records feedback reviews', () => {
    given(activeEvents(ME))
      .when(command('ReviewFeedback', { sender: PEER, version: 7, status: 'processed' }, 'c1'))
      .then([event('FeedbackReviewed', { sender: PEER, version: 7, status: 'processed' }, 'c1')]);
    given(activeEvents(ME)).when(command('ReviewFeedback', { sender: 'x', version: 7, status: 'archived' }, 'c1')).thenThrows(isError('invalid_user_id'));
  });

  it('dismisses a report without touching anyone else', () => {
    given(activeEvents(ME))
      .when(command('ReviewReport', { reporter: OTHER, version: 3, target: PEER, action: 'dismissed', reason: 'spam' }, 'c1'))
      .then([event('ReportReviewed', { reporter: OTHER, version: 3, target: PEER, action: 'dismissed' }, 'c1')]);
  });

  it('queues BanUser and UnbanUser for the target with ids derived from the decision', () => {
    const ban = decide(command('ReviewReport', { reporter: OTHER, version: 3, target: PEER, action: 'banned', reason: 'harassment' }, 'tg:42'), fold(activeEvents(ME)));
    expect(ban.map((e) => e.type)).toEqual(['ReportReviewed', 'CrossActorCommandQueued']);
    expect(ban[1]!.data).toMatchObject({ commandId: `moderation:tg:42:${PEER}`, target: PEER, command: { type: 'BanUser', data: { reason: 'harassment' } } });
    const unban = decide(command('ReviewReport', { reporter: OTHER, version: 3, target: PEER, action: 'unbanned', reason: 'harassment' }, 'tg:43'), fold(activeEvents(ME)));
    expect(unban[1]!.data).toMatchObject({ commandId: `moderation:tg:43:${PEER}`, command: { type: 'UnbanUser', data: {} } });
    // A redelivered decision decides nothing again (Guarantee 2), so it queues nothing twice.
    const after = fold([...activeEvents(ME), ...ban]);
    expect(decide(command('ReviewReport', { reporter: OTHER, version: 3, target: PEER, action: 'banned', reason: 'harassment' }, 'tg:42'), after)).toEqual([]);
  });

  it('refuses to ban oneself and unknown actions', () => {
    given(activeEvents(ME)).when(command('ReviewReport', { reporter: OTHER, version: 3, target: ME, action: 'banned', reason: 'spam' }, 'c1')).thenThrows(isError('self_target'));
    given(activeEvents(ME)).when(command('ReviewReport', { reporter: OTHER, version: 3, target: PEER, action: 'shot' as never, reason: 'spam' }, 'c1')).thenThrows(isError('invalid_report_reason'));
  });

  it('the target decides the queued ban and unban itself', () => {
    const banned = decide({ type: 'BanUser', data: { reason: 'spam' }, meta: { now: T0, commandId: 'moderation:tg:42:2002' } }, fold(activeEvents(PEER)));
    expect(banned[0]).toMatchObject({ type: 'UserBanned' });
    const state = fold([...activeEvents(PEER), ...banned]);
    expect(state.status).toBe('banned');
    // A banned user's own commands are refused; the bot's guard answers them.
    expect(() => decide(command('SendFeedback', { text: 'let me back in, please' }, 'c9'), state)).toThrow();
    const unbanned = decide({ type: 'UnbanUser', data: {}, meta: { now: T0, commandId: 'moderation:tg:43:2002' } }, state);
    expect(fold(unbanned, state).status).toBe('active');
  });

  it('starts a broadcast named after its command, within one message', () => {
    given(activeEvents(ME))
      .when(command('StartBroadcast', { text: '  News!  ' }, 'tg:7'))
      .then([event('BroadcastStarted', { broadcastId: 'broadcast:tg:7', text: 'News!' }, 'tg:7')]);
    given(activeEvents(ME)).when(command('StartBroadcast', { text: 'x'.repeat(4001) }, 'c1')).thenThrows(isError('comment_too_long'));
    given(activeEvents(ME)).when(command('StartBroadcast', { text: '   ' }, 'c1')).thenThrows(isError('comment_too_long'));
  });

  it('leaves the admin state as it was (an audit trail only)', () => {
    const before = fold(activeEvents(ME));
    const events = decide(command('ReviewFeedback', { sender: PEER, version: 1, status: 'archived' }, 'c5'), before);
    const after = fold(events, before);
    expect({ ...after, recentCommandIds: [] }).toEqual({ ...before, recentCommandIds: [] });
  });
});
