// The in-process hand-off. When the actors and the dispatcher run in one process, an actor's committed append reaches
// the dispatcher at once, instead of at the dispatcher's next read of the log: on two busy cores at 500 updates/s that
// read was ~30 ms of a reply's median and ~70 ms of its p99 (`visible` + `read`, FINDINGS 27 Nov 2026). The log stays
// the source of truth: its read finds each entry handed over and, instead of performing it again, waits for it before
// the checkpoint moves past it — at least once still holds, and the write-ahead claim keeps a restart from sending a
// finished call again.
//
// Order is why the rules are narrow. A lane keeps log order per chat only if nothing older of that chat is still
// unread when a newer entry is handed over. So the dispatcher takes an append only when it has seen the stream up to
// the version right before it (through its reads or earlier hand-offs), and only the stream's own user's Telegram
// calls (the lane of their private chat): calls to other chats and commands and timers wait for the log as before.
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

/** The lane of the stream's own user's private chat (`user-<id>` → `chat:<id>`), or undefined for other streams. */
export const ownChatLane = (stream: string): string | undefined => (/^user-\d{1,20}$/.test(stream) ? `chat:${stream.slice('user-'.length)}` : undefined);
