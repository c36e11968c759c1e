// A tandem's start and end as a side hears of them from the peer: on the start both get the partner's card and the
// way to talk (the @username on the contact channel, the relay's instructions otherwise); the requester also hears
// that the request was accepted. When the partner ends it (or leaves), this side is told and asked for a rating.
import { closeReasonKey } from '../../../domain/i18n/index.js';
import type { CloseReason } from '../../../domain/tandem/index.js';
import { findTandem } from '../../../domain/user/index.js';
import { localeOf } from '../bot/createUserBot.js';
import { RELAY_FLOW } from '../bot/handlers/relay/current.js';
import { lookUpPeer } from '../bot/handlers/requests/peerNames.js';
import { ratePrompt, tandemStartMessages } from '../bot/handlers/requests/render.js';
import type { Reaction } from './reaction.js';
import { sendToSelf } from './send.js';

/** Closes the peer caused; this side's own closes (a ban, a forget) are told by whatever caused them. */
const PEER_CAUSED: readonly CloseReason[] = ['by_peer', 'peer_unavailable'];

export const tandemReactions: Reaction = async ({ session, events, services, t, ref }) => {
  // A banned or forgotten user hears nothing about tandems (the ban has its own notice).
  if (session.state.status === 'banned' || session.state.status === 'forgotten') return;
  for (const event of events) {
    if (event.type !== 'TandemStarted' && event.type !== 'TandemEnded') continue;
    if (event.type === 'TandemEnded' && !PEER_CAUSED.includes(event.data.reason)) continue;
    const record = findTandem(session.state, event.data.requestId);
    if (record === undefined) continue;
    const peer = await lookUpPeer(services, t, record.peer);
    if (event.type === 'TandemStarted') {
      const intro = record.role === 'requester' ? t('request-accepted', { name: peer.name }) : null;
      for (const payload of tandemStartMessages(peer, { t, locale: localeOf(session.state), state: session.state, now: session.now, ref }, event.data.channel, intro)) sendToSelf(session, payload);
      continue;
    }
    // The chosen relay partner is gone: the next message asks again (or goes to the only one left).
    const dialog = session.state.dialog;
    if (dialog?.flow === RELAY_FLOW && dialog.data.requestId === record.id) {
      session.decide({ type: 'SetDialog', data: { dialog: null } });
    }
    const notice =
      event.data.reason === 'by_peer'
        ? t('tandem-ended-by-partner', { name: peer.name })
        : t('tandem-ended-unavailable', { name: peer.name, reason: t(closeReasonKey(event.data.reason)) });
    sendToSelf(session, ratePrompt(peer, t, record.id, notice));
  }
};
