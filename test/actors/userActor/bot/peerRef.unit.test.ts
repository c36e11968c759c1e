// Buttons name peers by reference: the reference hides the Telegram id, differs per viewer, and resolves only
// among the peers the viewer's own state knows.
import { describe, expect, it } from 'vitest';
import { peerRef, resolvePeerRef } from '../../../../actors/userActor/bot/peerRef.js';
import { fold } from '../../../../domain/user/index.js';
import { activeEvents, event } from '../../../domain/support/users.js';

const SECRET = '123:secret';

describe('peer references', () => {
  it('hide the id, fit callback data, and differ per viewer and per secret', () => {
    const ref = peerRef(SECRET, '1001', '2002');
    expect(ref).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(ref).not.toContain('2002');
    expect(peerRef(SECRET, '1003', '2002')).not.toBe(ref);
    expect(peerRef('other:secret', '1001', '2002')).not.toBe(ref);
    expect(peerRef(SECRET, '1001', '2002')).toBe(ref);
  });

  it('resolve only among the peers the viewer knows: the search on screen, blocks, a report in progress', () => {
    const base = activeEvents('1001');
    const browsing = fold([...base, event('DialogChanged', { dialog: { flow: 'find', step: 'browse', data: { current: '2002', skipped: ['2003'] } } }, 'd1')]);
    expect(resolvePeerRef(SECRET, browsing, peerRef(SECRET, '1001', '2002'))).toBe('2002');
    expect(resolvePeerRef(SECRET, browsing, peerRef(SECRET, '1001', '2003'))).toBe('2003');
    expect(resolvePeerRef(SECRET, browsing, peerRef(SECRET, '1001', '2004'))).toBeNull();
    // Someone else's reference to the same peer means nothing here.
    expect(resolvePeerRef(SECRET, browsing, peerRef(SECRET, '1009', '2002'))).toBeNull();
    const blocked = fold([...base, event('UserBlocked', { target: '2005' }, 'b1')]);
    expect(resolvePeerRef(SECRET, blocked, peerRef(SECRET, '1001', '2005'))).toBe('2005');
    expect(resolvePeerRef(SECRET, blocked, undefined)).toBeNull();
  });
});
