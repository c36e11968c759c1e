// HandlerComposer routes like grammY's Composer: the same tree of filters, branches and plain middleware, built once
// on each, runs the same steps in the same order for every update, fails the same way, and passes on to the outer
// `next` when nothing takes the update.
import { Composer, type Context, type Middleware } from 'grammy';
import { describe, expect, it } from 'vitest';
import { HandlerComposer } from '../../../../actors/userActor/bot/handlerComposer.js';

interface Probe {
  readonly text: string;
  readonly trace: string[];
}
type ProbeContext = Context & { probe: Probe };

const fakeContext = (text: string): ProbeContext => ({ probe: { text, trace: [] } }) as unknown as ProbeContext;
const note = (ctx: ProbeContext, what: string): void => {
  ctx.probe.trace.push(what);
};

/** A tree using every routing form the handlers use, built on `make` (grammY's Composer or HandlerComposer). */
const buildTree = (make: (...middleware: Middleware<ProbeContext>[]) => Composer<ProbeContext>): Composer<ProbeContext> => {
  const guard = make();
  guard.use(async (ctx, next) => {
    note(ctx, 'guard');
    if (ctx.probe.text === 'blocked') return;
    await next();
    note(ctx, 'guard after');
  });
  const feature = make();
  feature.filter((ctx) => ctx.probe.text === 'a', (ctx) => note(ctx, 'a taken'));
  feature.filter(
    async (ctx) => Promise.resolve(ctx.probe.text.startsWith('async')),
    async (ctx, next) => {
      note(ctx, 'async taken');
      if (ctx.probe.text === 'async pass') await next();
    },
  );
  feature.branch((ctx) => ctx.probe.text === 'yes', (ctx) => note(ctx, 'branch yes'), (ctx, next) => {
    note(ctx, 'branch no');
    return next();
  });
  feature.filter((ctx) => ctx.probe.text === 'twice', async (_ctx, next) => {
    await next();
    await next();
  });
  feature.filter((ctx) => ctx.probe.text === 'throws', () => {
    throw new Error('handler failed');
  });
  const risky = feature.filter((ctx) => ctx.probe.text.startsWith('boom'));
  risky.filter(() => {
    throw new Error('predicate failed');
  }, (ctx) => note(ctx, 'never'));
  const nested = feature.filter((ctx) => ctx.probe.text.includes('nested'));
  nested.filter((ctx) => ctx.probe.text === 'nested inner', (ctx) => note(ctx, 'inner'));
  nested.use((ctx, next) => {
    note(ctx, 'nested rest');
    return next();
  });
  feature.lazy((ctx) => (ctx.probe.text === 'lazy' ? [(c: ProbeContext) => note(c, 'lazy 1'), (c: ProbeContext) => note(c, 'lazy 2')] : []));
  const fallback = make();
  fallback.use((ctx) => note(ctx, 'fallback'));
  return make(guard, feature, fallback);
};

const runOn = async (root: Composer<ProbeContext>, text: string): Promise<{ trace: string[]; outerNext: boolean; error: string | null }> => {
  const ctx = fakeContext(text);
  let outerNext = false;
  let error: string | null = null;
  try {
    await root.middleware()(ctx, async () => {
      outerNext = true;
    });
  } catch (caught) {
    error = (caught as Error).message;
  }
  return { trace: ctx.probe.trace, outerNext, error };
};

describe('HandlerComposer', () => {
  const grammy = buildTree((...middleware) => new Composer<ProbeContext>(...middleware));
  const ours = buildTree((...middleware) => new HandlerComposer<ProbeContext>(...middleware));
  const texts = ['a', 'async', 'async pass', 'yes', 'no', 'twice', 'throws', 'boom', 'blocked', 'nested inner', 'nested other', 'lazy', 'other'];

  it.each(texts)('routes %j exactly as grammY does', async (text) => {
    expect(await runOn(ours, text)).toEqual(await runOn(grammy, text));
  });

  it('answers what the probes expect (the tree is not trivially the same everywhere)', async () => {
    expect(await runOn(ours, 'a')).toEqual({ trace: ['guard', 'a taken', 'guard after'], outerNext: false, error: null });
    expect(await runOn(ours, 'no')).toEqual({ trace: ['guard', 'branch no', 'fallback', 'guard after'], outerNext: false, error: null });
    expect(await runOn(ours, 'async pass')).toEqual({ trace: ['guard', 'async taken', 'branch no', 'fallback', 'guard after'], outerNext: false, error: null });
    expect(await runOn(ours, 'nested other')).toEqual({ trace: ['guard', 'branch no', 'nested rest', 'fallback', 'guard after'], outerNext: false, error: null });
    expect(await runOn(ours, 'lazy')).toEqual({ trace: ['guard', 'branch no', 'lazy 1', 'guard after'], outerNext: false, error: null });
    expect(await runOn(ours, 'boom')).toEqual({ trace: ['guard', 'branch no'], outerNext: false, error: 'predicate failed' });
    expect(await runOn(ours, 'yes')).toEqual({ trace: ['guard', 'branch yes', 'guard after'], outerNext: false, error: null });
    expect(await runOn(ours, 'twice')).toMatchObject({ error: '`next` already called before!' });
    expect(await runOn(ours, 'throws')).toMatchObject({ error: 'handler failed' });
    expect(await runOn(ours, 'blocked')).toEqual({ trace: ['guard'], outerNext: false, error: null });
  });

  it('passes on to the outer next when nothing takes the update', async () => {
    const make = (...middleware: Middleware<ProbeContext>[]) => new HandlerComposer<ProbeContext>(...middleware);
    const root = make();
    root.filter((ctx) => ctx.probe.text === 'mine', (ctx) => note(ctx, 'mine'));
    expect(await runOn(root, 'other')).toEqual({ trace: [], outerNext: true, error: null });
    expect(await runOn(root, 'mine')).toEqual({ trace: ['mine'], outerNext: false, error: null });
  });
});
