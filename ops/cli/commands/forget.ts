// `lexbot ops forget <telegram id>`: what /delete_me does, for operators (a request by mail, a legal order). The
// command decides ForgetUser on the user's stream exactly as their actor would (the domain closes their tandems,
// queueing the partners' notices, and leaves a tombstone) and appends it at the stream's version through the
// crypto-shredding wrapper, which deletes the user's key once the append committed. A live actor holding the user
// finds its next append in conflict, reloads and goes on from the tombstone. Reads EVENTSTORE_URL / DATABASE_URL.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type Command, InvalidArgumentError } from 'commander';
import { createEncryptedEventStore } from '../../../actors/eventStore/encrypted/index.js';
import { isConcurrencyError } from '../../../actors/eventStore/errors.js';
import { createKurrentDbEventStore } from '../../../actors/eventStore/kurrentdb/index.js';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import type { EventStore } from '../../../actors/eventStore/types.js';
import { createPostgresKeyStore, type KeyStore } from '../../../actors/keys/index.js';
import { userEventCodec } from '../../../actors/userActor/codec.js';
import { createSession } from '../../../actors/userActor/session.js';
import { evolveUserActor, timersOf } from '../../../actors/userActor/userBehavior.js';
import { initialState, isUserId, userStreamName } from '../../../domain/user/index.js';
import { loadConfig } from '../../config/config.js';

export interface ForgetCommandDeps {
  readonly env: () => Readonly<Record<string, string | undefined>>;
  readonly print: (line: string) => void;
  readonly setExitCode: (code: number) => void;
  readonly now: () => Date;
}

export type ForgetOutcome =
  | { readonly userId: string; readonly result: 'forgotten'; readonly streamVersion: number; readonly tandemsClosed: number; readonly liveKeyVersions: readonly number[] }
  | { readonly userId: string; readonly result: 'already_forgotten' | 'unknown_user'; readonly liveKeyVersions: readonly number[] };

const ATTEMPTS = 5;

/** Decides and appends ForgetUser for one user; retries when their live actor appended meanwhile. */
export const forgetUser = async (store: EventStore, keys: KeyStore, userId: string, now: () => Date): Promise<ForgetOutcome> => {
  const stream = userStreamName(userId);
  for (let attempt = 1; ; attempt += 1) {
    const recorded = await store.readStream(stream);
    const state = recorded.map((event) => userEventCodec.decode(event)).reduce(evolveUserActor, initialState());
    if (state.status === 'new' || state.status === 'forgotten') {
      return { userId, result: state.status === 'new' ? 'unknown_user' : 'already_forgotten', liveKeyVersions: await keys.liveVersions(userId) };
    }
    const session = createSession(userId, state, now(), `ops-forget:${randomUUID()}`);
    session.decide({ type: 'ForgetUser', data: {} });
    const output = [...session.output, ...timersOf(userId, session.output, session.state)];
    const version = recorded.at(-1)?.streamVersion ?? 0;
    try {
      const result = await store.append(
        stream,
        version,
        output.map((event) => ({ id: randomUUID(), ...userEventCodec.encode(event), metadata: { causationId: session.messageId } })),
      );
      return {
        userId,
        result: 'forgotten',
        streamVersion: result.nextVersion,
        tandemsClosed: session.output.filter((event) => event.type === 'CrossActorCommandQueued').length,
        liveKeyVersions: await keys.liveVersions(userId),
      };
    } catch (error) {
      if (!isConcurrencyError(error) || attempt >= ATTEMPTS) throw error;
    }
  }
};

const defaultDeps: ForgetCommandDeps = {
  env: () => process.env,
  print: (line) => console.log(line),
  setExitCode: (code) => {
    process.exitCode = code;
    // See dlq.ts: a dependency's exit hook would overwrite the code otherwise.
    process.once('exit', () => {
      process.exitCode = code;
    });
  },
  now: () => new Date(),
};

const telegramId = (text: string): string => {
  if (!isUserId(text)) throw new InvalidArgumentError('a Telegram user id is a positive whole number');
  return text;
};

const describe = (outcome: ForgetOutcome): string => {
  switch (outcome.result) {
    case 'forgotten':
      return `forgot user ${outcome.userId}: stream at version ${outcome.streamVersion}, ${outcome.tandemsClosed} partner notice(s) queued, personal data key deleted`;
    case 'already_forgotten':
      return `user ${outcome.userId} was already forgotten; their personal data key is deleted`;
    case 'unknown_user':
      return `no user ${outcome.userId}: nothing to forget`;
  }
};

export const registerForgetCommand = (ops: Command, deps: ForgetCommandDeps = defaultDeps): void => {
  ops
    .command('forget <telegram-id>')
    .description(
      'forget a user as /delete_me does: close their tandems (partners are told), leave a tombstone in their stream and delete their ' +
        'personal data key, so everything personal they wrote becomes unreadable in the log, replays and backups; the projector then ' +
        'purges their read-model rows. Exit code 1 when no such user exists',
    )
    .option('--json', 'print one JSON object (for scripts)')
    .action(async (given: string, flags: { readonly json?: boolean }) => {
      const userId = telegramId(given);
      const config = loadConfig(deps.env());
      const url = config.eventStoreUrl;
      if (url === undefined) throw new Error('forget needs EVENTSTORE_URL or DATABASE_URL (the event log)');
      const keysUrl = config.databaseUrl ?? (/^postgres(ql)?:\/\//.test(url) ? url : undefined);
      if (keysUrl === undefined) throw new Error('forget needs DATABASE_URL (the personal data keys live there)');
      const inner = /^postgres(ql)?:\/\//.test(url)
        ? createPostgresEventStore({ connectionString: url, listen: false, poolSize: 2 })
        : createKurrentDbEventStore({ connectionString: url });
      const pool = new pg.Pool({ connectionString: keysUrl, max: 2 });
      pool.on('error', () => undefined);
      const keys = createPostgresKeyStore({ pool });
      try {
        const outcome = await forgetUser(createEncryptedEventStore({ store: inner, keys }), keys, userId, deps.now);
        deps.print(flags.json ? JSON.stringify(outcome) : describe(outcome));
        if (outcome.liveKeyVersions.length > 0 && !flags.json) deps.print(`warning: key versions still live: ${outcome.liveKeyVersions.join(', ')}`);
        if (outcome.result === 'unknown_user') deps.setExitCode(1);
      } finally {
        await inner.close();
        await pool.end();
      }
    });
};
