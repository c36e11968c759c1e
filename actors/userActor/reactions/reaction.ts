// A reaction turns what a user's actor decided without the user typing anything — a peer's command (a request
// arrived, the partner accepted, a tandem closed), a timer (a request expired, a reminder fell due) — into the
// messages that tell the user. Updates from the user are answered by the grammY handlers instead.
import type { UserEvent } from '../../../domain/user/index.js';
import type { UserActorServices } from '../ports/services.js';
import type { PeerRefOf } from '../bot/peerRef.js';
import type { ActorSession } from '../session.js';

/** Formats a catalog message in this user's interface language. */
export type Translate = (key: string, args?: Readonly<Record<string, string | number>>) => string;

export interface ReactionInput {
  readonly session: ActorSession;
  /** The domain events this message decided (outbox entries excluded). */
  readonly events: readonly UserEvent[];
  readonly services: UserActorServices;
  readonly t: Translate;
  /** Names peers on buttons (actors/userActor/bot/peerRef.ts), never by their Telegram id. */
  readonly ref: PeerRefOf;
  /** The message that caused them: a peer command or a timer (its command type and data). */
  readonly cause: { readonly kind: 'command' | 'timer'; readonly type: string; readonly data: Readonly<Record<string, unknown>> };
}

/** Records Bot API calls through `input.session.recordCall` (chat id = the user's own id). */
export type Reaction = (input: ReactionInput) => Promise<void>;
