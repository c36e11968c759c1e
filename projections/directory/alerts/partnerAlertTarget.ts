// The partner-alert follower (issue #6, point 3), a runner target in the projector role with its own checkpoint:
// it keeps who waits for an alert (PartnerAlertRequested in, PartnerAlertDelivered or UserForgotten out), and when
// someone becomes matchable (OnboardingCompleted, ProfileResumed) it offers that newcomer's profile to every watcher
// whose languages pair with theirs, through the watcher's mailbox. The watcher's actor decides (domain/user/
// partnerAlert.ts): still waiting, active, eligible — then it sends the one notice.
//
// Offers are published inside the batch, before the checkpoint commits: a crash repeats them with the same ids
// (at least once, deduplicated), never loses them. The language prefilter reads the watchers' languages from the
// read models; a watcher who changed languages a moment ago may be missed once, never wrongly notified.
import type pg from 'pg';
import { compareCheckpoints, type EventStore, type RecordedEvent } from '../../../actors/eventStore/types.js';
import { encodeJson, MAILBOX_HEADERS, type Mailbox } from '../../../actors/mailbox/index.js';
import { MESSAGE_KIND_HEADER, userMailboxKey } from '../../../actors/outbox/outboxEvents.js';
import { targetPartition } from '../../../actors/timers/mailboxTarget.js';
import type { CandidateProfile } from '../../../domain/matching/index.js';
import { readCheckpointRow, writeCheckpointRow } from '../../readModels/checkpointRow.js';
import { decodeEvent } from '../../readModels/decode.js';
import { DEFAULT_READ_MODEL_SCHEMA, validateReadModelSchema } from '../../readModels/names.js';
import { CheckpointMovedError, type ApplyResult, type EventFailure, type ProjectionTarget } from '../../runner/types.js';
import { ALERT_MESSAGE_KIND, alertCommandId, alertMessageId, DEFAULT_PARTNER_ALERTS_SCHEMA, PARTNER_ALERTS_PROJECTION } from './names.js';
import { newcomerProfile } from './newcomer.js';
import { ensureAlertSchema } from './schema.js';

export interface PartnerAlertTargetOptions {
  readonly pool: pg.Pool;
  readonly store: Pick<EventStore, 'readStream'>;
  readonly mailbox: Pick<Mailbox, 'publish' | 'partitions'>;
  /** The follower's own schema; default partner_alerts. */
  readonly schema?: string;
  /** Where the watchers' languages are read; default read_models. */
  readonly readModels?: string;
  readonly now?: () => Date;
}

const message = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export const createPartnerAlertTarget = (options: PartnerAlertTargetOptions): ProjectionTarget => {
  const { pool, store, mailbox, now = () => new Date() } = options;
  const s = validateReadModelSchema(options.schema ?? DEFAULT_PARTNER_ALERTS_SCHEMA);
  const rm = validateReadModelSchema(options.readModels ?? DEFAULT_READ_MODEL_SCHEMA);
  const name = PARTNER_ALERTS_PROJECTION;

  /** Watchers who speak natively what the newcomer learns and learn what the newcomer speaks. */
  const watchersFor = async (client: pg.PoolClient, newcomer: CandidateProfile): Promise<readonly string[]> => {
    const learns = newcomer.learning.map((skill) => skill.code);
    if (learns.length === 0 || newcomer.native.length === 0) return [];
    const found = await client.query<{ id: string }>(
      `select w.user_id::text as id from ${s}.watchers w
        where w.user_id <> $1::bigint
          and exists (select 1 from ${rm}.user_languages n where n.user_id = w.user_id and n.kind = 'native' and n.language = any($2::text[]))
          and exists (select 1 from ${rm}.user_languages l where l.user_id = w.user_id and l.kind = 'learning' and l.language = any($3::text[]))
        order by w.user_id`,
      [newcomer.id, learns, newcomer.native],
    );
    return found.rows.map((row) => row.id);
  };

  const offer = async (client: pg.PoolClient, trigger: RecordedEvent): Promise<void> => {
    // Nobody waiting (the usual case, and all of history before the first wish): no stream to read.
    const waiting = await client.query(`select 1 from ${s}.watchers limit 1`);
    if (waiting.rowCount === 0) return;
    const newcomer = await newcomerProfile(store, trigger, now());
    if (newcomer === null || newcomer.status !== 'active') return;
    for (const watcher of await watchersFor(client, newcomer)) {
      const commandId = alertCommandId(trigger.id, watcher);
      const userKey = userMailboxKey(watcher);
      await mailbox.publish(targetPartition(userKey, mailbox.partitions), {
        id: alertMessageId(commandId),
        userKey,
        payload: encodeJson({ commandId, command: { type: 'NotifyPartnerAvailable', data: { candidate: newcomer } } }),
        headers: { [MESSAGE_KIND_HEADER]: ALERT_MESSAGE_KIND, [MAILBOX_HEADERS.correlationId]: trigger.id },
      });
    }
  };

  return {
    name,
    prepare: () => ensureAlertSchema(pool, s, name),
    checkpoint: () => readCheckpointRow(pool, s, name),
    async apply(events, expected, mode): Promise<ApplyResult> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const stored = await readCheckpointRow(client, s, name, true);
        if (compareCheckpoints(stored, expected) !== 0) throw new CheckpointMovedError(expected, stored);
        let checkpoint = expected;
        let applied = 0;
        const skipped: EventFailure[] = [];
        let halted: EventFailure | null = null;
        for (const recorded of events.filter((e) => compareCheckpoints(e.checkpoint, expected) > 0)) {
          let input: ReturnType<typeof decodeEvent>;
          try {
            input = decodeEvent(recorded);
          } catch (error) {
            // A malformed event: the read models dead-letter it too. Skipped here unless the runner halts on failures.
            const failure = { event: recorded, error: message(error) };
            if (mode === 'halt') {
              halted = failure;
              break;
            }
            skipped.push(failure);
            checkpoint = recorded.checkpoint;
            continue;
          }
          switch (input?.event.type) {
            case 'PartnerAlertRequested':
              await client.query(`insert into ${s}.watchers (user_id, since) values ($1::bigint, $2) on conflict (user_id) do nothing`, [input.userId, input.event.data.at]);
              break;
            case 'PartnerAlertDelivered':
            case 'UserForgotten':
              await client.query(`delete from ${s}.watchers where user_id = $1::bigint`, [input.userId]);
              break;
            case 'OnboardingCompleted':
            case 'ProfileResumed':
              await offer(client, recorded);
              break;
            default:
              break;
          }
          // An unreachable mailbox throws above and fails the whole batch, which the runner retries.
          checkpoint = recorded.checkpoint;
          applied += 1;
        }
        await writeCheckpointRow(client, s, name, checkpoint);
        await client.query('commit');
        return { checkpoint, applied, skipped, halted };
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
};
