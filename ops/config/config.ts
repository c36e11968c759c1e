// The one place that reads the environment. Every variable of the contract (README, DESIGN.md) is parsed and
// checked here; a bad value stops the program at start with one clear line per problem.
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const EVENTSTORE_SCHEMES = ['postgres:', 'postgresql:', 'kurrentdb:', 'kurrentdb+discover:', 'esdb:', 'esdb+discover:'];

const optional = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());
const list = (value: string | undefined): string[] =>
  (optional(value) ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0);

const url = (schemes: readonly string[], name: string) =>
  z.string().refine(
    (text) => {
      try {
        return schemes.includes(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')} (${name})` },
  );

const integer = (min: number, max: number) =>
  z.string().regex(/^\d+$/, `must be a whole number from ${min} to ${max}`).transform(Number).pipe(
    z.number().int().min(min, `must be from ${min} to ${max}`).max(max, `must be from ${min} to ${max}`),
  );

const schema = z
  .object({
    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,}$/, 'must look like 123456:ABC-DEF… (the token @BotFather gave)').optional(),
    TELEGRAM_API_ROOT: url(['https:', 'http:'], 'the Bot API server').default('https://api.telegram.org'),
    TELEGRAM_MODE: z.enum(['webhook', 'polling'], { message: 'must be webhook or polling' }).optional(),
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1–256 characters of A–Z a–z 0–9 _ - (Telegram’s rule)').optional(),
    PUBLIC_URL: url(['https:', 'http:'], 'where Telegram reaches this server').optional(),
    HTTP_HOST: z.string().min(1).default('0.0.0.0'),
    HTTP_PORT: integer(0, 65535).default(8080),
    NATS_URL: z.string().refine((text) => list(text).every((server) => /^(nats|tls|ws|wss):\/\/[^\s]+$|^[^\s:/]+:\d+$/.test(server)), 'must be nats://host:port (comma-separated for a cluster)').optional(),
    DATABASE_URL: url(['postgres:', 'postgresql:'], 'read models').optional(),
    DATABASE_READ_URL: url(['postgres:', 'postgresql:'], 'analytics replica').optional(),
    EVENTSTORE_URL: url(EVENTSTORE_SCHEMES, 'event store').optional(),
    REDIS_URL: url(['redis:', 'rediss:'], 'cache').optional(),
    REDIS_CLUSTER_NODES: z.string().refine((text) => list(text).every((node) => /^[^\s:]+:\d+$/.test(node)), 'must be host:port,host:port,…').optional(),
    PARTITIONS: integer(1, 4096).default(64),
    PARTITION_LEASE_MS: integer(1000, 600_000).default(7000),
    MAILBOX_ACK_WAIT_MS: integer(1000, 3_600_000).default(30_000),
    NATS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 characters of A–Z a–z 0–9 _ - (it names streams, subjects and buckets)').default('lexbot'),
    ADMIN_TELEGRAM_IDS: z.string().refine((text) => list(text).every((id) => /^\d{1,20}$/.test(id)), 'must be comma-separated Telegram user ids').optional(),
    API_TOKENS: z.string().refine((text) => list(text).every((token) => token.length >= 16), 'each token must have at least 16 characters').optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.REDIS_URL && env.REDIS_CLUSTER_NODES) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_CLUSTER_NODES'], message: 'set REDIS_URL or REDIS_CLUSTER_NODES, not both' });
    }
    if (env.TELEGRAM_MODE === 'webhook' && env.TELEGRAM_BOT_TOKEN && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required in webhook mode, so only Telegram can post updates' });
    }
  });

export interface Config {
  readonly telegram: {
    /** Absent: the local sandbox (Bot API emulator and web chat) stands in for Telegram. */
    readonly botToken: string | undefined;
    readonly apiRoot: string;
    readonly mode: 'webhook' | 'polling';
    readonly webhookSecret: string | undefined;
    readonly publicUrl: string | undefined;
  };
  readonly http: { readonly host: string; readonly port: number };
  readonly natsServers: readonly string[];
  readonly databaseUrl: string | undefined;
  readonly databaseReadUrl: string | undefined;
  readonly eventStoreUrl: string | undefined;
  readonly redis: { readonly kind: 'url'; readonly url: string } | { readonly kind: 'cluster'; readonly nodes: readonly string[] } | undefined;
  readonly partitions: number;
  /** A partition lease (NATS KV) not renewed for this long expires; survivors take it within about 1.2 × this. */
  readonly partitionLeaseMs: number;
  /** A mailbox message delivered and not acknowledged within this time is delivered again (JetStream ack wait). */
  readonly mailboxAckWaitMs: number;
  readonly natsPrefix: string;
  readonly adminTelegramIds: readonly number[];
  readonly apiTokens: readonly string[];
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** No NATS, Redis or database configured: embedded Postgres, in-process mailbox and cache. */
  readonly singleNode: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export const loadConfig = (environment: Readonly<Record<string, string | undefined>>): Config => {
  const input = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, optional(environment[key])]));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? 'environment');
        const got = input[key];
        const shown = key.includes('TOKEN') || key.includes('SECRET') || got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
        return `${key} ${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  const redis = env.REDIS_URL
    ? ({ kind: 'url', url: env.REDIS_URL } as const)
    : env.REDIS_CLUSTER_NODES
      ? ({ kind: 'cluster', nodes: list(env.REDIS_CLUSTER_NODES) } as const)
      : undefined;
  return {
    telegram: {
      botToken: env.TELEGRAM_BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      mode: env.TELEGRAM_MODE ?? (env.PUBLIC_URL ? 'webhook' : 'polling'),
      webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
      publicUrl: env.PUBLIC_URL,
    },
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    natsServers: list(env.NATS_URL),
    databaseUrl: env.DATABASE_URL,
    databaseReadUrl: env.DATABASE_READ_URL,
    eventStoreUrl: env.EVENTSTORE_URL ?? env.DATABASE_URL,
    redis,
    partitions: env.PARTITIONS,
    partitionLeaseMs: env.PARTITION_LEASE_MS,
    mailboxAckWaitMs: env.MAILBOX_ACK_WAIT_MS,
    natsPrefix: env.NATS_PREFIX,
    adminTelegramIds: list(env.ADMIN_TELEGRAM_IDS).map(Number),
    apiTokens: list(env.API_TOKENS),
    logLevel: env.LOG_LEVEL,
    singleNode: env.NATS_URL === undefined && env.REDIS_URL === undefined && env.REDIS_CLUSTER_NODES === undefined && env.DATABASE_URL === undefined,
  };
};
