import { describe, expect, it } from 'vitest';
import { createReadiness, parseTraceparent, traceHeadersFor } from '../../gateway/index.js';

describe('readiness registry', () => {
  it('is ready only when every registered check passes, reporting each one', async () => {
    const readiness = createReadiness({ timeoutMs: 50 });
    readiness.register('mailbox', async () => 'stream ok');
    readiness.register('eventStore', async () => {
      throw new Error('connection refused');
    });
    readiness.register('hung', () => new Promise(() => undefined));
    expect(await readiness.run()).toEqual({
      ready: false,
      shuttingDown: false,
      checks: {
        mailbox: { ok: true, detail: 'stream ok' },
        eventStore: { ok: false, error: 'connection refused' },
        hung: { ok: false, error: 'no answer within 50 ms' },
      },
    });
  });

  it('turns not ready when shutting down, and refuses a name registered twice', async () => {
    const readiness = createReadiness();
    readiness.register('mailbox', async () => undefined);
    expect((await readiness.run()).ready).toBe(true);
    readiness.markShuttingDown();
    expect(await readiness.run()).toMatchObject({ ready: false, shuttingDown: true, checks: { mailbox: { ok: true } } });
    expect(() => readiness.register('mailbox', async () => undefined)).toThrow('already registered');
  });
});

describe('trace context', () => {
  it('starts a new valid trace without a parent and refuses malformed parents', () => {
    const fresh = traceHeadersFor({});
    expect(parseTraceparent(fresh.traceparent)).toMatchObject({ flags: '01' });
    const fromGarbage = traceHeadersFor({ traceparent: '00-00000000000000000000000000000000-0000000000000000-01' });
    expect(fromGarbage.traceparent.slice(3, 35)).not.toBe('00000000000000000000000000000000');
  });

  it('continues a valid parent with a new span, keeping tracestate', () => {
    const next = traceHeadersFor({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', tracestate: 'vendor=1' });
    expect(parseTraceparent(next.traceparent)).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', flags: '00' });
    expect(next.tracestate).toBe('vendor=1');
  });
});

describe('trace ids', () => {
  it('are valid and distinct across many updates (several refills of the random pool)', () => {
    const traces = new Set<string>();
    const spans = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const parsed = parseTraceparent(traceHeadersFor({}).traceparent);
      expect(parsed).toBeDefined();
      traces.add(parsed!.traceId);
      spans.add(parsed!.spanId);
    }
    expect(traces.size).toBe(2000);
    expect(spans.size).toBe(2000);
  });
});
