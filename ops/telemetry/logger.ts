// The pino logger of every role. Log lines about one update carry the same fields everywhere, so one query follows
// an update through gateway, actor and dispatcher: update_id, user (`user:<id>` / `chat:<id>`), partition,
// correlation_id (`tg:<update_id>` or the causing event id) — use updateLogger() to bind them.
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export interface LoggerOptions {
  readonly level: LevelWithSilent;
  /** The roles this process runs, on every line. */
  readonly roles?: readonly string[];
  /** Defaults to stdout; tests pass a stream to read lines back. */
  readonly destination?: DestinationStream;
}

export const createLogger = ({ level, roles, destination }: LoggerOptions): Logger =>
  pino(
    {
      level,
      base: { service: 'lexbot', ...(roles === undefined ? {} : { roles: roles.join(',') }) },
      redact: { paths: ['req.headers["x-telegram-bot-api-secret-token"]', 'req.headers.authorization', 'token', 'secret_token'], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );

export interface UpdateLogFields {
  readonly updateId?: number;
  readonly user?: string;
  readonly partition?: number;
  readonly correlationId?: string;
}

export const updateLogger = (logger: Logger, fields: UpdateLogFields): Logger =>
  logger.child({
    ...(fields.updateId === undefined ? {} : { update_id: fields.updateId }),
    ...(fields.user === undefined ? {} : { user: fields.user }),
    ...(fields.partition === undefined ? {} : { partition: fields.partition }),
    ...(fields.correlationId === undefined ? {} : { correlation_id: fields.correlationId }),
  });
