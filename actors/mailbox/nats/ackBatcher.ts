// Acks of one connection, written to the socket together once per event-loop turn. The client flushes its outbound
// buffer in a microtask, so acks given from separate callbacks (each actor's commit resolves in its own) each cost a
// socket write here and a read and wake-up in the server; gathered until setImmediate — after the poll phase that
// delivered the commits — they go out as one write. An ack still leaves only after the caller's commit (it is given
// after it) and at most one loop turn later, far inside any ack wait; what a crash loses in that turn is
// redelivered, exactly as an ack lost on the wire would be.
import type { JsMsg } from '@nats-io/jetstream';

export interface AckBatcher {
  /** Resolves once the ack is in the connection's outbound buffer; rejects if the client refused it (closed). */
  ack(msg: JsMsg): Promise<void>;
}

interface Queued {
  readonly msg: JsMsg;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export const createAckBatcher = (): AckBatcher => {
  let queued: Queued[] = [];
  const flush = (): void => {
    const batch = queued;
    queued = [];
    for (const { msg, resolve, reject } of batch) {
      try {
        msg.ack();
        resolve();
      } catch (error) {
        reject(error);
      }
    }
  };
  return {
    ack: (msg) =>
      new Promise<void>((resolve, reject) => {
        if (queued.push({ msg, resolve, reject }) === 1) setImmediate(flush);
      }),
  };
};
