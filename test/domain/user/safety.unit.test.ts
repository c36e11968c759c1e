import { describe, expect, it } from 'vitest';
import { fold, MAX_FEEDBACK_CHARACTERS, MIN_FEEDBACK_CHARACTERS } from '../../../domain/user/index.js';
import { activeEvents, command, event, given, isError, ME, PEER } from '../support/users.js';

describe('block and unblock', () => {
  it('blocks another user once', () => {
    given(activeEvents(ME)).when(command('BlockUser', { target: PEER }, 'c1')).then([event('UserBlocked', { target: PEER }, 'c1')]);
    given(activeEvents(ME), [event('UserBlocked', { target: PEER }, 'b')]).when(command('BlockUser', { target: PEER }, 'c1')).thenThrows(isError('already_blocked'));
  });

  it('refuses to block oneself or a malformed id', () => {
    given(activeEvents(ME)).when(command('BlockUser', { target: ME }, 'c1')).thenThrows(isError('self_target'));
    given(activeEvents(ME)).when(command('BlockUser', { target: '-1' }, 'c1')).thenThrows(isError('invalid_user_id'));
  });

  it('unblocks a blocked user only', () => {
    given(activeEvents(ME), [event('UserBlocked', { target: PEER }, 'b')]).when(command('UnblockUser', { target: PEER }, 'c2')).then([event('UserUnblocked', { target: PEER }, 'c2')]);
    given(activeEvents(ME)).when(command('UnblockUser', { target: PEER }, 'c2')).thenThrows(isError('not_blocked'));
  });

  it('keeps the blocked set sorted', () => {
    const state = fold([...activeEvents(ME), event('UserBlocked', { target: '9' }, 'a'), event('UserBlocked', { target: '10' }, 'b')]);
    expect(state.blocked).toEqual(['10', '9']);
  });
});

describe('ReportUser', () => {
  it('records a report with an optional comment', () => {
    given(activeEvents(ME))
      .when(command('ReportUser', { target: PEER, reason: 'spam', comment: ' sells stuff ' }, 'c1'))
      .then([event('UserReported', { target: PEER, reason: 'spam', comment: 'sells stuff' }, 'c1')]);
    given(activeEvents(ME))
      .when(command('ReportUser', { target: PEER, reason: 'fake_profile', comment: '   ' }, 'c1'))
      .then([event('UserReported', { target: PEER, reason: 'fake_profile', comment: null }, 'c1')]);
  });

  it('refuses an unknown reason, a long comment and self reports', () => {
    given(activeEvents(ME)).when(command('ReportUser', { target: PEER, reason: 'boring' as never, comment: null }, 'c1')).thenThrows(isError('invalid_report_reason'));
    given(activeEvents(ME)).when(command('ReportUser', { target: PEER, reason: 'other', comment: 'x'.repeat(1001) }, 'c1')).thenThrows(isError('comment_too_long'));
    given(activeEvents(ME)).when(command('ReportUser', { target: ME, reason: 'other', comment: null }, 'c1')).thenThrows(isError('self_target'));
  });
});

describe('SendFeedback', () => {
  it('accepts 10 to 1000 characters', () => {
    const min = 'x'.repeat(MIN_FEEDBACK_CHARACTERS);
    const max = 'y'.repeat(MAX_FEEDBACK_CHARACTERS);
    given(activeEvents(ME)).when(command('SendFeedback', { text: min }, 'c1')).then([event('FeedbackSent', { text: min }, 'c1')]);
    given(activeEvents(ME)).when(command('SendFeedback', { text: max }, 'c1')).then([event('FeedbackSent', { text: max }, 'c1')]);
  });

  it('refuses shorter or longer text (after trimming)', () => {
    given(activeEvents(ME)).when(command('SendFeedback', { text: `  ${'x'.repeat(MIN_FEEDBACK_CHARACTERS - 1)}  ` }, 'c1')).thenThrows(isError('feedback_length'));
    given(activeEvents(ME)).when(command('SendFeedback', { text: 'y'.repeat(MAX_FEEDBACK_CHARACTERS + 1) }, 'c1')).thenThrows(isError('feedback_length'));
  });
});
