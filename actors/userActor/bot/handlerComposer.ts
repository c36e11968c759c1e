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

export class HandlerComposer<C extends Context> extends Composer<C> {
  private readonly steps: Step<C>[];
  private readonly run: MiddlewareFn<C> = (ctx, next) => this.runFrom(0, ctx, next);

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

  /** Runs the steps from `index` on; the outer `next` after the last. Never throws: failures are rejections. */
  private runFrom(index: number, ctx: C, next: NextFunction): MaybePromise<unknown> {
    const steps = this.steps;
    for (let at = index; at < steps.length; at += 1) {
      const step = steps[at]!;
      if (step.predicate === undefined) return this.runStep(at, step.taken, ctx, next);
      let verdict: MaybePromise<boolean>;
      try {
        verdict = step.predicate(ctx);
      } catch (error) {
        return Promise.reject(error);
      }
      if (isPromise(verdict)) return verdict.then((yes) => this.runChosen(at, yes ? step.taken : step.otherwise, ctx, next));
      const chosen = verdict ? step.taken : step.otherwise;
      if (chosen !== undefined) return this.runStep(at, chosen, ctx, next);
    }
    try {
      return next();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private runChosen(at: number, chosen: MaybeArray<Middleware<C>> | undefined, ctx: C, next: NextFunction): MaybePromise<unknown> {
    return chosen === undefined ? this.runFrom(at + 1, ctx, next) : this.runStep(at, chosen, ctx, next);
  }

  private runStep(at: number, middleware: MaybeArray<Middleware<C>>, ctx: C, next: NextFunction): MaybePromise<unknown> {
    let called = false;
    const rest: NextFunction = () => {
      if (called) return Promise.reject(new Error('`next` already called before!'));
      called = true;
      return Promise.resolve(this.runFrom(at + 1, ctx, next)).then(() => undefined);
    };
    try {
      return invoke(middleware, ctx, rest);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
