// Identity and command metadata shared by the user aggregate and the tandem lifecycle.
// Time and ids come in with every command: the domain never reads a clock or makes an id.

/** A Telegram user id as a decimal string: JSON-safe (ids exceed 2^31) and usable as an object key. */
export type UserId = string;

const USER_ID = /^[1-9][0-9]{0,15}$/;
export const isUserId = (value: unknown): value is UserId => typeof value === 'string' && USER_ID.test(value);

/** The event stream of one user: one actor, one writer (Guarantee 3). */
export const userStreamName = (userId: UserId): string => `user-${userId}`;

export interface CommandMeta {
  /** The decision time (the runtime's clock, or the timer's due time). */
  readonly now: Date;
  /**
   * Unique id of this command: `tg:<update_id>` for Telegram updates, the queued id for cross-actor commands, a
   * timer's id for timers. Remembered in the state (Guarantee 2) and the seed of every id the decision derives, so a
   * redelivered command decides the same ids or nothing at all.
   */
  readonly commandId: string;
}

/** Carried by every event's data: when it was decided and by which command (remembered for deduplication). */
export interface EventBase {
  readonly at: string;
  readonly causationId: string;
}

export const eventBase = (meta: CommandMeta): EventBase => ({ at: meta.now.toISOString(), causationId: meta.commandId });
