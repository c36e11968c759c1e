// The dispatcher lease (a Postgres advisory lock on its own connection) and the single-active runner: one holder at
// a time, a standby takes over when the holder's session dies, and the holder stops dispatching when it loses it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPostgresLease, runSingleActive, type HeldLease, type SingleActive } from '../../../gateway/dispatcher/index.js';
import { TEST_DATABASE_URL } from '../../support/postgres.js';

const WAIT = { timeout: 20_000, interval: 20 };

describe('dispatcher lease (Postgres advisory lock)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const lease = (name: string) => createPostgresLease({ connectionString: TEST_DATABASE_URL, name, retryMs: 50, checkIntervalMs: 200 });

  /** Runs one statement as an outside observer of the lease. */
  const asAdmin = async <T>(work: (admin: pg.Client) => Promise<T>): Promise<T> => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.end();
    }
  };

  /** The backend holding the lease's advisory lock. */
  const holderPid = (name: string): Promise<number> =>
    asAdmin(async (admin) => {
      const result = await admin.query<{ pid: number }>(
        `select l.pid from pg_locks l
         where l.locktype = 'advisory' and l.granted
           and ((l.classid::bigint << 32) | l.objid::bigint) = (hashtextextended($1, 0) & x'ffffffffffffffff'::bigint)`,
        [name],
      );
      expect(result.rowCount).toBe(1);
      return result.rows[0]!.pid;
    });

  /** Ends the holder's session from outside, as a crash (or a network cut noticed by Postgres) would. */
  const killHolder = async (name: string): Promise<void> => {
    const pid = await holderPid(name);
    const killed = await asAdmin((admin) => admin.query<{ killed: boolean }>('select pg_terminate_backend($1) as killed', [pid]));
    expect(killed.rows[0]?.killed).toBe(true);
  };

  it('lets one holder in at a time; a standby takes over when the holder releases or its session dies', async () => {
    const name = `test.lease.${randomUUID()}`;
    const abort = new AbortController();
    cleanups.push(async () => abort.abort());
    const first = await lease(name).acquire(abort.signal);
    cleanups.push(() => first.release());

    let second: HeldLease | undefined;
    const waiting = lease(name).acquire(abort.signal).then((held) => (second = held));
    // The standby is still waiting after the holder has checked its connection several times.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second).toBeUndefined();

    await killHolder(name);
    expect(await first.lost).toBeInstanceOf(Error);
    await waiting;
    expect(second).toBeDefined();
    cleanups.push(() => second!.release());

    const third = lease(name).acquire(abort.signal);
    await second!.release();
    expect(await second!.lost).toBeUndefined();
    cleanups.push(async () => (await third).release());
    await third;
  });

  it('keeps the lease while its own process is starved of CPU: an answer read late is not a dead session', async () => {
    const name = `test.lease.${randomUUID()}`;
    const abort = new AbortController();
    cleanups.push(async () => abort.abort());
    const held = await lease(name).acquire(abort.signal);
    cleanups.push(() => held.release());
    let outcome: string | undefined;
    void held.lost.then((reason) => (outcome = reason?.message ?? 'released'));
    // The holder's check must be in flight when the loop stops: pause the holder's backend (the server runs on
    // this host), let a check go out, then block this process while another process resumes the backend, so the
    // answer arrives while nothing here runs and is read only after the check's deadline (3 × 200 ms) has passed.
    const pid = await holderPid(name);
    process.kill(pid, 'SIGSTOP');
    cleanups.push(async () => {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // the session has ended already
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 450));
    spawn('sh', ['-c', `sleep 0.2; kill -CONT ${pid}`], { stdio: 'ignore' });
    const until = Date.now() + 1200;
    while (Date.now() < until);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(outcome).toBeUndefined();
    // Still the holder: nobody else gets the lock.
    const other = await createPostgresLease({ connectionString: TEST_DATABASE_URL, name, retryMs: 50 })
      .acquire(AbortSignal.timeout(300))
      .catch(() => undefined);
    expect(other).toBeUndefined();
  });

  it('runs the dispatcher parts only while holding the lease, and fails over to a standby', async () => {
    const name = `test.lease.${randomUUID()}`;
    const logger = pino({ level: 'silent' });
    const log: string[] = [];
    const part = (who: string) => ({
      start: () => void log.push(`${who} start`),
      stop: async () => void log.push(`${who} stop`),
    });
    const a: SingleActive = runSingleActive({ lease: lease(name), parts: [part('a')], logger });
    const b: SingleActive = runSingleActive({ lease: lease(name), parts: [part('b')], logger });
    cleanups.push(() => a.stop(), () => b.stop());
    a.start();
    await vi.waitFor(() => expect(a.active()).toBe(true), WAIT);
    b.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.active()).toBe(false);

    await killHolder(name);
    await vi.waitFor(() => expect(b.active()).toBe(true), WAIT);
    // a noticed its session died and stopped dispatching; it waits as the standby now.
    await vi.waitFor(() => expect(log).toContain('a stop'), WAIT);
    await b.stop();
    await vi.waitFor(() => expect(a.active()).toBe(true), WAIT);
    expect(log.filter((line) => line.startsWith('a'))).toEqual(['a start', 'a stop', 'a start']);
    expect(log.filter((line) => line.startsWith('b'))).toEqual(['b start', 'b stop']);
  });

  it('a lone holder whose session died takes the lease back after yielding it to standbys for a while', async () => {
    const name = `test.lease.${randomUUID()}`;
    const log: string[] = [];
    const runner = runSingleActive({
      lease: lease(name),
      parts: [{ start: () => void log.push('start'), stop: async () => void log.push('stop') }],
      logger: pino({ level: 'silent' }),
    });
    cleanups.push(() => runner.stop());
    runner.start();
    await vi.waitFor(() => expect(runner.active()).toBe(true), WAIT);
    await killHolder(name);
    await vi.waitFor(() => expect(log).toEqual(['start', 'stop', 'start']), WAIT);
    expect(runner.active()).toBe(true);
  });
});
