import { describe, expect, it } from 'vitest';
import { createInProcessMailbox, encodeJson } from '../../../actors/mailbox/index.js';
import { mailboxContract } from './contract.js';

mailboxContract('in-process', async (partitions) => {
  const mailbox = createInProcessMailbox({ partitions });
  return { mailbox, teardown: () => mailbox.close() };
});

describe('in-process mailbox', () => {
  it('forgets ids after the duplicate window', async () => {
    let now = 0;
    const mailbox = createInProcessMailbox({ partitions: 1, duplicateWindowMs: 1000, now: () => now });
    const message = { id: 'tg:1', userKey: 'user:1', payload: encodeJson({}) };
    expect((await mailbox.publish(0, message)).duplicate).toBe(false);
    now = 999;
    expect((await mailbox.publish(0, message)).duplicate).toBe(true);
    now = 2001;
    expect((await mailbox.publish(0, message)).duplicate).toBe(false);
    await mailbox.close();
  });
});
