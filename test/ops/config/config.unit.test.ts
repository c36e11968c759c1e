import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../ops/config/config.js';

const problems = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('runs single-node with the contract defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      singleNode: true,
      http: { host: '0.0.0.0', port: 8080 },
      partitions: 64,
      partitionLeaseMs: 7000,
      mailboxAckWaitMs: 30_000,
      natsPrefix: 'lexbot',
      logLevel: 'info',
      telegram: { botToken: undefined, apiRoot: 'https://api.telegram.org', mode: 'polling' },
    });
  });

  it('reads every variable of the contract', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc-def',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      TELEGRAM_WEBHOOK_SECRET: 'secret_1',
      PUBLIC_URL: 'https://bot.example.org',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '9000',
      NATS_URL: 'nats://a:4222, nats://b:4222',
      DATABASE_URL: 'postgres://u@db/lexbot',
      DATABASE_READ_URL: 'postgres://u@replica/lexbot',
      REDIS_URL: 'redis://cache:6379/3',
      PARTITIONS: '128',
      PARTITION_LEASE_MS: '3000',
      MAILBOX_ACK_WAIT_MS: '60000',
      NATS_PREFIX: 'staging',
      ADMIN_TELEGRAM_IDS: '1, 22',
      API_TOKENS: 'aaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbb',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      singleNode: false,
      telegram: { apiRoot: 'http://127.0.0.1:8081', mode: 'webhook', webhookSecret: 'secret_1', publicUrl: 'https://bot.example.org' },
      http: { host: '127.0.0.1', port: 9000 },
      natsServers: ['nats://a:4222', 'nats://b:4222'],
      eventStoreUrl: 'postgres://u@db/lexbot',
      redis: { kind: 'url', url: 'redis://cache:6379/3' },
      partitions: 128,
      partitionLeaseMs: 3000,
      mailboxAckWaitMs: 60_000,
      natsPrefix: 'staging',
      adminTelegramIds: [1, 22],
      apiTokens: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'],
    });
  });

  it('reports one line per bad value, naming the variable, without echoing secrets', () => {
    const lines = problems({ PARTITIONS: 'lots', HTTP_PORT: '70000', LOG_LEVEL: 'loud', TELEGRAM_BOT_TOKEN: 'not a token', EVENTSTORE_URL: 'mysql://x' });
    expect(lines).toHaveLength(5);
    expect(lines).toContain('PARTITIONS must be a whole number from 1 to 4096 (got "lots")');
    expect(lines.find((line) => line.startsWith('HTTP_PORT'))).toContain('70000');
    expect(lines.find((line) => line.startsWith('TELEGRAM_BOT_TOKEN'))).not.toContain('not a token');
    expect(lines.some((line) => line.startsWith('EVENTSTORE_URL'))).toBe(true);
  });

  it('refuses combinations that cannot work', () => {
    expect(problems({ REDIS_URL: 'redis://a', REDIS_CLUSTER_NODES: 'a:1,b:2' })).toEqual(['REDIS_CLUSTER_NODES set REDIS_URL or REDIS_CLUSTER_NODES, not both (got "a:1,b:2")']);
    expect(problems({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', TELEGRAM_MODE: 'webhook' })[0]).toMatch(/^TELEGRAM_WEBHOOK_SECRET is required in webhook mode/);
  });
});
