// `lexbot ops dlq list|retry|drop` against real NATS JetStream: dead letters made by a consumer that gives up on
// messages, then listed, retried into their partition and dropped through the command.
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNatsMailbox, decodeJson, encodeJson, type Mailbox, type MailboxDelivery, type MailboxSubscription } from '../../actors/mailbox/index.js';
import { registerDlqCommand } from '../../ops/cli/commands/dlq.js';
import { createTestNats, TEST_NATS_URL, type TestNats } from '../support/nats.js';

interface Run {
  readonly printed: string[];
  readonly exitCode: number;
}

const take = async (subscription: MailboxSubscription, count: number): Promise<MailboxDelivery[]> => {
  const iterator = subscription[Symbol.asyncIterator]();
  const taken: MailboxDelivery[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done === true) throw new Error(`subscription ended after ${taken.length} of ${count}`);
    taken.push(next.value);
  }
  return taken;
};

describe('lexbot ops dlq', () => {
  let nats: TestNats;
  let mailbox: Mailbox;
  let subscription: MailboxSubscription;
  // The command's clock, 90 s after the dead letters were made, so their age is known.
  let now = 0;

  const run = async (args: string[], env: Record<string, string> = { NATS_URL: TEST_NATS_URL, NATS_PREFIX: nats.prefix, PARTITIONS: '4' }): Promise<Run> => {
    const printed: string[] = [];
    let exitCode = 0;
    const program = new Command('lexbot').exitOverride();
    const ops = program.command('ops').exitOverride();
    registerDlqCommand(ops, { env: () => env, print: (line) => printed.push(line), setExitCode: (code) => (exitCode = code), now: () => now });
    await program.parseAsync(['ops', 'dlq', ...args], { from: 'user' });
    return { printed, exitCode };
  };
  const json = async (args: string[]): Promise<Record<string, unknown>> => {
    const { printed } = await run([...args, '--json']);
    return JSON.parse(printed[0]!) as Record<string, unknown>;
  };
  const listed = async (...args: string[]) => (await json(['list', ...args])).deadLetters as { seq: number; id: string; partition: number; userKey: string; deliveries: number; error: string; ageMs: number; payload: string }[];

  beforeEach(async () => {
    nats = await createTestNats();
    mailbox = await createNatsMailbox({ connection: nats.connection, prefix: nats.prefix, partitions: 4 });
    // Partition 1: two updates that fail twice each (maxDeliver 2); partition 3: one the consumer cannot decode.
    await mailbox.publish(1, { id: 'tg:1', userKey: 'user:11', payload: encodeJson({ update_id: 1 }), headers: { 'Lexbot-Kind': 'update' } });
    await mailbox.publish(1, { id: 'tg:2', userKey: 'user:12', payload: encodeJson({ update_id: 2 }) });
    await mailbox.publish(3, { id: 'tg:3', userKey: 'user:13', payload: encodeJson('not an update') });
    subscription = await mailbox.consume([1, 3], { maxDeliver: 2 });
    for (const delivery of await take(subscription, 3)) {
      if (delivery.partition === 3) await delivery.term('undecodable: not an object');
      else await delivery.nak(0, `store down for ${delivery.id}`);
    }
    for (const delivery of await take(subscription, 2)) await delivery.nak(0, `still down for ${delivery.id}`);
    now = Date.now() + 90_000;
  });

  afterEach(async () => {
    await subscription.close();
    await mailbox.close();
    await nats.cleanup();
  });

  it('lists dead letters with error, partition, user, deliveries and age; filters by partition; limits', async () => {
    const all = await listed();
    expect(all.map(({ id, partition, userKey, deliveries, error }) => ({ id, partition, userKey, deliveries, error }))).toEqual([
      { id: 'tg:3', partition: 3, userKey: 'user:13', deliveries: 1, error: 'undecodable: not an object' },
      { id: 'tg:1', partition: 1, userKey: 'user:11', deliveries: 2, error: 'still down for tg:1' },
      { id: 'tg:2', partition: 1, userKey: 'user:12', deliveries: 2, error: 'still down for tg:2' },
    ]);
    for (const letter of all) expect(letter.ageMs).toBeGreaterThanOrEqual(90_000);
    for (const letter of all) expect(letter.ageMs).toBeLessThan(120_000);
    expect(all[1]!.payload).toBe('{"update_id":1}');
    expect((await listed('--partition', '1')).map((l) => l.id)).toEqual(['tg:1', 'tg:2']);
    expect((await listed('--limit', '1')).map((l) => l.id)).toEqual(['tg:3']);
    const text = await run(['list']);
    expect(text.printed[0]).toBe('seq\tpartition\tuser\tdeliveries\tage\tid\terror');
    expect(text.printed[2]).toMatch(/^\d+\t1\tuser:11\t2\t1m3\ds\ttg:1\tstill down for tg:1$/);
  });

  it('retries a dead letter into its partition under a fresh id, and it leaves the dead letters', async () => {
    const [, first] = await listed();
    const result = await json(['retry', String(first!.seq)]);
    expect(result).toMatchObject({ action: 'retry', done: 1, failed: 0, results: [{ seq: first!.seq, ok: true, id: `tg:1:retry:${first!.seq}`, partition: 1 }] });
    expect((await listed()).map((l) => l.id)).toEqual(['tg:3', 'tg:2']);
    const [again] = await take(subscription, 1);
    expect(again).toMatchObject({ id: `tg:1:retry:${first!.seq}`, partition: 1, userKey: 'user:11' });
    expect(again!.headers['Lexbot-Kind']).toBe('update');
    expect(decodeJson(again!.payload)).toEqual({ update_id: 1 });
    await again!.ack();
  });

  it('retries and drops --all of one partition, then reports a sequence that is gone', async () => {
    const before = await listed();
    const retried = await json(['retry', '--all', '--partition', '1']);
    expect(retried).toMatchObject({ done: 2, failed: 0 });
    expect((await take(subscription, 2)).map((d) => d.id).sort()).toEqual(before.filter((l) => l.partition === 1).map((l) => `${l.id}:retry:${l.seq}`).sort());
    const dropped = await run(['drop', '--all']);
    expect(dropped.printed).toEqual([`${before[0]!.seq}: dropped tg:3 (user:13, partition 3)`, 'dropped 1 of 1']);
    expect(await listed()).toEqual([]);
    const gone = await run(['drop', String(before[0]!.seq)]);
    expect(gone.exitCode).toBe(1);
    expect(gone.printed[0]).toBe(`${before[0]!.seq}: no dead letter with sequence ${before[0]!.seq}`);
  });

  it('refuses ambiguous or missing targets and runs only against NATS', async () => {
    await expect(run(['drop'])).rejects.toThrow(/by sequence .* or pass --all/);
    await expect(run(['retry', '--all', '5'])).rejects.toThrow(/not both/);
    await expect(run(['retry', 'abc'])).rejects.toThrow(/not a dead-letter sequence: abc/);
    await expect(run(['list'], {})).rejects.toThrow(/dlq needs NATS_URL/);
    expect(await listed()).toHaveLength(3);
  });
});
