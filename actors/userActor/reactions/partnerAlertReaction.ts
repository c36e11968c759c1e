// A watcher's wish came true (PartnerAlertDelivered, decided from the follower's offer): one message pointing to
// /find. The domain clears the wish in the same decision, so the message goes once.
import type { Reaction } from './reaction.js';

export const partnerAlertReaction: Reaction = async ({ session, events, t }) => {
  if (!events.some((event) => event.type === 'PartnerAlertDelivered')) return;
  const chatId = Number(session.userId);
  session.recordCall({ method: 'sendMessage', payload: { chat_id: chatId, text: t('find-partner-appeared') }, chatId });
};
