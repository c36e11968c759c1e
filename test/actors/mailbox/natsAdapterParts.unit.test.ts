// The NATS adapter's pure parts: reading a delivery's headers in one pass, and acks gathered per event-loop turn.
import type { JsMsg } from '@nats-io/jetstream';
import { headers as createHeaders } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { createAckBatcher } from '../../../actors/mailbox/nats/ackBatcher.js';
import { fromNatsHeaders, readNatsHeaders, toNatsHeaders } from '../../../actors/mailbox/nats/natsHeaders.js';

describe('readNatsHeaders', () => {
  it('takes the dedup id and the user key out, keeps the publisher headers and drops the other Nats-* ones', () => {
    const natsHeaders = toNatsHeaders(
      { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'Lexbot-Correlation-Id': 'tg:5' },
      { 'Lexbot-User-Key': 'user:42', 'Nats-Msg-Id': 'tg:5', 'Nats-Expected-Stream': 'x', 'nats-lower': 'y' },
    );
    expect(readNatsHeaders(natsHeaders)).toEqual({
      msgId: 'tg:5',
      userKey: 'user:42',
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'Lexbot-Correlation-Id': 'tg:5' },
    });
    expect(fromNatsHeaders(natsHeaders)).toEqual(readNatsHeaders(natsHeaders).headers);
  });

  it('answers the first value of a repeated header, as MsgHdrs.get does, and nothing for missing headers', () => {
    const natsHeaders = createHeaders();
    natsHeaders.append('X-Repeated', 'first');
    natsHeaders.append('X-Repeated', 'second');
    expect(readNatsHeaders(natsHeaders)).toEqual({ msgId: undefined, userKey: '', headers: { 'X-Repeated': natsHeaders.get('X-Repeated') } });
    expect(readNatsHeaders(undefined)).toEqual({ msgId: undefined, userKey: '', headers: {} });
  });
});

const fakeMsg = (log: string[], name: string, fail = false): JsMsg =>
  ({
    ack: () => {
      if (fail) throw new Error(`${name}: connection closed`);
      log.push(name);
    },
  }) as unknown as JsMsg;

describe('createAckBatcher', () => {
  it('writes the acks given in one turn together, after the turn, and each promise resolves', async () => {
    const log: string[] = [];
    const acks = createAckBatcher();
    const given = ['a', 'b', 'c'].map((name) => acks.ack(fakeMsg(log, name)));
    await Promise.resolve();
    expect(log).toEqual([]);
    await Promise.all(given);
    expect(log).toEqual(['a', 'b', 'c']);
    await acks.ack(fakeMsg(log, 'd'));
    expect(log).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects only the ack the client refused', async () => {
    const log: string[] = [];
    const acks = createAckBatcher();
    const results = await Promise.allSettled([acks.ack(fakeMsg(log, 'a')), acks.ack(fakeMsg(log, 'b', true)), acks.ack(fakeMsg(log, 'c'))]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['a', 'c']);
  });
});
