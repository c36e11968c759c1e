// A request's life as the two sides hear of it without pressing anything: the target gets the card with Accept /
// Decline; the requester hears of a refusal on arrival or a decline (with its reason); each side is told when the
// request expired (48 h, from its own timer or from the peer's) or was withdrawn.
import { closeReasonKey, declineReasonKey, rejectReasonKey } from '../../../domain/i18n/index.js';
import { findTandem } from '../../../domain/user/index.js';
import { localeOf } from '../bot/createUserBot.js';
import { lookUpPeer } from '../bot/handlers/requests/peerNames.js';
import { requestCard } from '../bot/handlers/requests/render.js';
import type { Reaction } from './reaction.js';
import { sendToSelf } from './send.js';

export const requestReactions: Reaction = async ({ session, events, services, t, ref }) => {
  // A banned or forgotten user hears nothing about requests (the ban has its own notice).
  if (session.state.status === 'banned' || session.state.status === 'forgotten') return;
  // A withdrawal or expiry that overtook its request records both at once: the target never saw the request, so
  // there is nothing to show and nothing to take back.
  const closedNow = new Set(events.filter((e) => e.type === 'PartnerRequestExpired' || e.type === 'PartnerRequestCancelled').map((e) => e.data.requestId));
  const receivedNow = new Set(events.filter((e) => e.type === 'PartnerRequestReceived').map((e) => e.data.requestId));
  for (const event of events) {
    if (
      event.type !== 'PartnerRequestReceived' &&
      event.type !== 'PartnerRequestRejected' &&
      event.type !== 'PartnerRequestDeclined' &&
      event.type !== 'PartnerRequestExpired' &&
      event.type !== 'PartnerRequestCancelled'
    ) {
      continue;
    }
    const record = findTandem(session.state, event.data.requestId);
    if (record === undefined || (closedNow.has(record.id) && receivedNow.has(record.id))) continue;
    const peer = await lookUpPeer(services, t, record.peer);
    switch (event.type) {
      case 'PartnerRequestReceived':
        sendToSelf(session, requestCard(peer, { t, locale: localeOf(session.state), state: session.state, now: session.now, ref }, record.id));
        break;
      case 'PartnerRequestRejected':
        sendToSelf(session, { text: t('tandem-request-not-delivered', { name: peer.name, reason: t(rejectReasonKey(event.data.reason)) }) });
        break;
      case 'PartnerRequestDeclined': {
        const { reason } = event.data;
        sendToSelf(session, {
          text: reason === null ? t('request-declined', { name: peer.name }) : t('request-declined-with-reason', { name: peer.name, reason: t(declineReasonKey(reason)) }),
        });
        break;
      }
      case 'PartnerRequestExpired':
        sendToSelf(session, { text: t(record.role === 'requester' ? 'request-expired' : 'request-expired-incoming', { name: peer.name }) });
        break;
      case 'PartnerRequestCancelled': {
        // The peer's CloseTandem (withdrawn, blocked, banned, forgotten); this side's own closes are told elsewhere.
        const { reason } = event.data;
        if (reason !== 'by_peer' && reason !== 'peer_unavailable') break;
        const closed = record.role === 'target' ? 'tandem-request-incoming-closed' : 'tandem-request-closed';
        sendToSelf(session, {
          text:
            record.role === 'target' && reason === 'by_peer'
              ? t('request-cancelled', { name: peer.name })
              : t(closed, { name: peer.name, reason: t(closeReasonKey(reason)) }),
        });
        break;
      }
    }
  }
};
