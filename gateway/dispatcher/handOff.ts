// The in-process hand-off. When the actors and the dispatcher run in one process, an actor's committed append reaches
// the dispatcher at once, instead of at the dispatcher's next read of the log: on two busy cores at 500 updates/s that
// read was ~30 ms of a reply's median and ~70 ms of its p99 (`visible` + `read`, FINDINGS 27 Nov 2026). The log stays
// the source of truth: its read finds each entry handed over and, instead of performing it again, waits for it before
// the checkpoint moves past it — at least once still holds, and the write-ahead claim keeps a restart from sending a
// finished call again.
//
// Order is why the rules are narrow. A stream's calls keep their order only if nothing older of the stream is still
// unread when a newer one is handed over: so the dispatcher takes an append only when it has seen the stream up to the
// version right before it (through its reads or earlier hand-offs). And only calls to the user's own chat, or that
// name no chat (answerCallbackQuery runs in the stream's own lane); calls to other chats (a relayed message, a notice
// to the admins), commands and timers wait for the log as before. Another stream's call to this user's chat (a
// partner's relayed message) may then reach it after a reply handed over later — only when the two are unrelated:
// whatever this actor does because of another stream's event comes to it as a command, which the dispatcher
// publishes after reading that event, when that stream's earlier calls are already in the chat's lane.
import type { CommittedAppend } from '../../actors/outbox/committedAppends.js';

export type { CommittedAppend };

/** The highest version seen per stream, for the most recently seen streams (older ones are forgotten: refused). */
export interface StreamVersions {
  seen(stream: string, version: number): void;
  /** True when an append starting at `firstVersion` comes right after what was seen of the stream. */
  follows(stream: string, firstVersion: number): boolean;
  clear(): void;
}

export const createStreamVersions = (maxStreams: number): StreamVersions => {
  // Map keeps insertion order: re-inserting on every sighting makes the first key the least recently seen.
  const versions = new Map<string, number>();
  return {
    seen(stream, version) {
      const known = versions.get(stream);
      if (known !== undefined) versions.delete(stream);
      versions.set(stream, known === undefined ? version : Math.max(known, version));
      if (versions.size > maxStreams) versions.delete(versions.keys().next().value as string);
    },
    follows(stream, firstVersion) {
      const known = versions.get(stream);
      // A first append (the store checked it starts the stream) has nothing older to wait for.
      return known === undefined ? firstVersion === 1 : known === firstVersion - 1;
    },
    clear: () => versions.clear(),
  };
};

/** Whether a call in `lane` may be handed over from `stream`: the user's private chat (`user-<id>` → `chat:<id>`) or the stream's own lane. */
export const isOwnLane = (stream: string, lane: string): boolean =>
  lane === `stream:${stream}` || (/^user-\d{1,20}$/.test(stream) && lane === `chat:${stream.slice('user-'.length)}`);
