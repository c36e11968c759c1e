// A census of what the system under test sends per update, for finding round trips to remove: every Postgres
// statement (by prepared-statement name or the start of its text), every NATS protocol publish (by kind of subject)
// and every socket write (by peer: Postgres, NATS, HTTP client, HTTP server). Installed in the child with
// BENCH_CENSUS_FILE=<path> (`--census DIR`); patches the prototypes, so it costs a little CPU itself: not for runs
// whose CPU per update is reported.
import net from 'node:net';
import { ProtocolHandler } from '@nats-io/nats-core/internal';
import pg from 'pg';

type Counts = Map<string, number>;

const bump = (counts: Counts, key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};

const statementKey = (config: unknown): string => {
  if (typeof config === 'string') return config.replace(/\s+/g, ' ').trim().slice(0, 90);
  if (typeof config === 'object' && config !== null) {
    const { name, text } = config as { name?: unknown; text?: unknown };
    if (typeof name === 'string') return `[${name}]`;
    if (typeof text === 'string') return text.replace(/\s+/g, ' ').trim().slice(0, 90);
  }
  return '(other)';
};

const natsKind = (subject: string): string => {
  if (subject.startsWith('$JS.ACK.')) return 'JetStream ack';
  if (subject.startsWith('$JS.API.CONSUMER.MSG.NEXT.')) return 'JetStream pull';
  if (subject.startsWith('$JS.API.')) return `JetStream API ${subject.split('.').slice(2, 4).join('.')}`;
  if (subject.startsWith('$KV.')) return 'KV put';
  if (subject.includes('.mailbox.')) return 'mailbox publish';
  return subject.replace(/\d+/g, '#');
};

export interface Census {
  readonly statements: Counts;
  readonly nats: Counts;
  readonly writes: Counts;
}

export const resetCensus = (census: Census): void => {
  census.statements.clear();
  census.nats.clear();
  census.writes.clear();
}

export const installCensus = (ports: { readonly postgres: number; readonly nats: number }): Census => {
  const census: Census = { statements: new Map(), nats: new Map(), writes: new Map() };
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    bump(census.statements, statementKey(args[0]));
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;

  const proto = ProtocolHandler.prototype as unknown as { publish: (subject: string, ...rest: unknown[]) => void };
  const publish = proto.publish;
  proto.publish = function (this: unknown, subject: string, ...rest: unknown[]) {
    bump(census.nats, natsKind(subject));
    return publish.call(this, subject, ...rest);
  };

  const peer = (socket: net.Socket): string => {
    if (socket.remotePort === ports.postgres) return 'postgres';
    if (socket.remotePort === ports.nats) return 'nats';
    // The webhook's server side: the peer's port is ephemeral, ours is the listener's.
    return socket.localPort !== undefined && socket.remotePort !== undefined && socket.remotePort > socket.localPort ? 'http server' : 'http client';
  };
  // Every socket write, plain or vectored (corked), goes through _writeGeneric.
  const sock = net.Socket.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const writeGeneric = sock._writeGeneric!;
  sock._writeGeneric = function (this: net.Socket, ...args: unknown[]) {
    bump(census.writes, peer(this));
    return writeGeneric.apply(this, args);
  };
  return census;
};

export const censusJson = (census: Census, updates?: number): string => {
  const table = (counts: Counts) =>
    Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([key, count]) => [key, updates === undefined ? count : Number((count / updates).toFixed(3))]));
  return JSON.stringify({ statements: table(census.statements), nats: table(census.nats), writes: table(census.writes) }, null, 2);
};
