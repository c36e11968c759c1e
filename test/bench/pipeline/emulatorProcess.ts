// The Bot API emulator of the pipeline benchmark, in a child process of its own: Telegram is remote in reality, so
// answering 500+ Bot API calls a second must not share the generator's event loop and delay the acks it measures.
// Every call is stamped with performance.timeOrigin + performance.now() (an epoch clock comparable with the
// generator's on one machine) and sent back over IPC as a compact record, a batch every few milliseconds; the
// timestamps are taken when the call is answered, so batching delays the bookkeeping, not the measurement.
// Messages from the parent: { type: 'chats' } adds users before their first update (so replies to them succeed),
// { type: 'clock' } is answered with this process's clock (the parent estimates the offset), 'stop' closes it.
import { createTelegramEmulator, type EmulatorCall } from '../../../gateway/telegramEmulator/index.js';
import { now } from './workload.js';

/** A recorded Bot API call: method, chat id or callback query id (or ''), when it was answered (ms, epoch), ok. */
export type CallRecord = readonly [method: string, key: string, at: number, ok: boolean];

export type EmulatorParentMessage =
  | { readonly type: 'chats'; readonly chats: readonly { readonly id: number; readonly first_name: string }[] }
  | { readonly type: 'clock'; readonly sentAt: number }
  | 'stop';

export type EmulatorChildMessage =
  | { readonly type: 'ready'; readonly apiRoot: string; readonly token: string }
  | { readonly type: 'calls'; readonly calls: readonly CallRecord[] }
  | { readonly type: 'clock'; readonly sentAt: number; readonly childAt: number };

/** How long recorded calls wait to be sent as one IPC message. */
const FLUSH_MS = 5;

const keyOf = (call: EmulatorCall): string => {
  if (call.method === 'answerCallbackQuery') return String(call.params.callback_query_id ?? '');
  return call.params.chat_id === undefined ? '' : String(call.params.chat_id);
};

const send = (message: EmulatorChildMessage): void => {
  process.send?.(message);
};

const main = async (): Promise<void> => {
  const emulator = createTelegramEmulator({ now });
  let batch: CallRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    if (batch.length === 0) return;
    send({ type: 'calls', calls: batch });
    batch = [];
  };
  // A listener that never matches sees every call (waitFor's only way to observe them all).
  emulator
    .waitFor(
      (call) => {
        batch.push([call.method, keyOf(call), call.at, call.response.ok]);
        timer ??= setTimeout(flush, FLUSH_MS);
        return false;
      },
      { timeoutMs: 2 ** 31 - 1 },
    )
    .catch(() => undefined);
  await emulator.listen();
  process.on('message', (message: EmulatorParentMessage) => {
    if (message === 'stop') {
      flush();
      emulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
      return;
    }
    if (message.type === 'chats') for (const chat of message.chats) emulator.addChat({ id: chat.id, type: 'private', first_name: chat.first_name });
    else send({ type: 'clock', sentAt: message.sentAt, childAt: now() });
  });
  send({ type: 'ready', apiRoot: emulator.apiRoot, token: emulator.token });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
