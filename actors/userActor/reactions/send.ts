// Reactions speak to the user of the actor they run in: a sendMessage to their own chat, captured into the outbox.
import type { MessagePayload } from '../bot/handlers/requests/render.js';
import type { ActorSession } from '../session.js';

export const sendToSelf = (session: ActorSession, payload: MessagePayload): void => {
  const chatId = Number(session.userId);
  session.recordCall({ method: 'sendMessage', payload: JSON.parse(JSON.stringify({ chat_id: chatId, ...payload })) as Record<string, unknown>, chatId });
};
