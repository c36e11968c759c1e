// The user actor's handlers are a few dozen filters (commands, buttons, message kinds), and an update is offered to
// each in turn until one takes it — a button nobody owns any more passes all of them on its way to the fallback.
// grammY chains middleware as nested async closures, and runs each filter through `branch` → `lazy`, which for every
// update and every filter builds a new Composer from the branch it picked and awaits two more promises: in an
// allocation profile of the actor host, the routing was about half of all bytes allocated per update.
//
// This Composer keeps its middleware in a list and walks it: a filter whose predicate answers false at once is
// passed over in the loop, without a closure or a promise; a step that is run gets the same kind of `next` as in
// grammY (runs the rest of the list, then the outer `next`; calling it twice fails the same way). The same handlers
// run in the same order with the same context; only the scaffolding per update is gone. Filters (`on`, `command`,
// `callbackQuery`, `hears`…) return HandlerComposers too, so the whole tree routes this way.
import { Composer, type Context, type Middleware, type MiddlewareFn, type NextFunction } from 'grammy';

type MaybePromise<T> = T | Promise<T>;
type MaybeArray<T> = T | readonly T[];

interface Step<C extends Context> {
  /** Absent: the step always runs `taken`. */
  readonly predicate?: (ctx: C) => MaybePromise<boolean>;
  readonly taken: MaybeArray<Middleware<C>>;
  /** Run when the predicate answers false; absent: pass on to the next step (a filter). */
  readonly otherwise?: MaybeArray<Middleware<C>>;
}

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function';

const invoke = <C extends Context>(middleware: MaybeArray<Middleware<C>>, ctx: C, next: NextFunction): MaybePromise<unknown> => {
  // An array is what grammY's lazy() and branch() make a Composer of; a lone middleware runs as it is.
  if (Array.isArray(middleware)) return new HandlerComposer<C>(...(middleware as Middleware<C>[])).middleware()(ctx, next);
  const one = middleware as Middleware<C>;
  return typeof one === 'function' ? one(ctx, next) : one.middleware()(ctx, next);
};

/**
 * Where a walk goes on when a nested list is done: the step after it in the list that holds it, and so on outwards.
 * A nested composer entered this way costs this one small object, where running it as middleware made a `next`
 * closure, two promises and a microtask for every list an update passed through (one per feature, a dozen).
 */
interface Resume<C extends Context> {
  readonly list: HandlerComposer<C>;
  readonly at: number;
  readonly outer: Resume<C> | null;
}

export class HandlerComposer<C extends Context> extends Composer<C> {
  private readonly steps: Step<C>[];
  private readonly run: MiddlewareFn<C> = (ctx, next) => HandlerComposer.walk(this, 0, null, ctx, next);

  constructor(...middleware: Middleware<C>[]) {
    super();
    this.steps = middleware.map((taken) => ({ taken }));
  }

  override middleware(): MiddlewareFn<C> {
    return this.run;
  }

  override use(...middleware: Middleware<C>[]): Composer<C> {
    const composer = new HandlerComposer<C>(...middleware);
    this.steps.push({ taken: composer });
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Middleware<D>[]): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Middleware<C>[]): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Middleware<C>[]): Composer<C> {
    const composer = new HandlerComposer<C>(...middleware);
    this.steps.push({ predicate, taken: composer });
    return composer;
  }

  override branch(predicate: (ctx: C) => MaybePromise<boolean>, trueMiddleware: MaybeArray<Middleware<C>>, falseMiddleware: MaybeArray<Middleware<C>>): Composer<C> {
    const composer = new HandlerComposer<C>();
    composer.steps.push({ predicate, taken: trueMiddleware, otherwise: falseMiddleware });
    this.steps.push({ taken: composer });
    return composer;
  }

  override lazy(middlewareFactory: (ctx: C) => MaybePromise<MaybeArray<Middleware<C>>>): Composer<C> {
    return this.use(async (ctx, next) => {
      const made = middlewareFactory(ctx);
      await invoke(isPromise(made) ? await made : made, ctx, next);
    });
  }

  /**
   * Runs `list`'s steps from `index` on, then where `resume` says, then the outer `next`. A step that is itself a
   * HandlerComposer (a feature's list, a filter's handlers) is entered in the same loop; anything else runs as
   * middleware with a `next` that goes on from the step after it. Never throws: failures are rejections.
   */
  private static walk<C extends Context>(list: HandlerComposer<C>, index: number, resume: Resume<C> | null, ctx: C, next: NextFunction): MaybePromise<unknown> {
    let at = index;
    for (;;) {
      const steps = list.steps;
      if (at >= steps.length) {
        if (resume === null) {
          try {
            return next();
          } catch (error) {
            return Promise.reject(error);
          }
        }
        ({ list, at, outer: resume } = resume);
        continue;
      }
      const step = steps[at]!;
      let chosen: MaybeArray<Middleware<C>> | undefined = step.taken;
      if (step.predicate !== undefined) {
        let verdict: MaybePromise<boolean>;
        try {
          verdict = step.predicate(ctx);
        } catch (error) {
          return Promise.reject(error);
        }
        if (isPromise(verdict)) {
          const from = list;
          const after = resume;
          return verdict.then((yes) => HandlerComposer.take(from, at, after, yes ? step.taken : step.otherwise, ctx, next));
        }
        chosen = verdict ? step.taken : step.otherwise;
        if (chosen === undefined) {
          at += 1;
          continue;
        }
      }
      if (!(chosen instanceof HandlerComposer)) return HandlerComposer.runStep(list, at, resume, chosen, ctx, next);
      resume = { list, at: at + 1, outer: resume };
      list = chosen;
      at = 0;
    }
  }

  /** Goes on after an async predicate's verdict: the chosen middleware, or the next step when there is none. */
  private static take<C extends Context>(list: HandlerComposer<C>, at: number, resume: Resume<C> | null, chosen: MaybeArray<Middleware<C>> | undefined, ctx: C, next: NextFunction): MaybePromise<unknown> {
    if (chosen === undefined) return HandlerComposer.walk(list, at + 1, resume, ctx, next);
    if (chosen instanceof HandlerComposer) return HandlerComposer.walk(chosen, 0, { list, at: at + 1, outer: resume }, ctx, next);
    return HandlerComposer.runStep(list, at, resume, chosen, ctx, next);
  }

  private static runStep<C extends Context>(list: HandlerComposer<C>, at: number, resume: Resume<C> | null, middleware: MaybeArray<Middleware<C>>, ctx: C, next: NextFunction): MaybePromise<unknown> {
    let called = false;
    const rest: NextFunction = () => {
      if (called) return Promise.reject(new Error('`next` already called before!'));
      called = true;
      return Promise.resolve(HandlerComposer.walk(list, at + 1, resume, ctx, next)).then(() => undefined);
    };
    try {
      return invoke(middleware, ctx, rest);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
