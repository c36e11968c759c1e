// Command-line flags of the pipeline benchmark.
import type { BenchTarget } from './server.js';

export interface BenchOptions {
  readonly quick: boolean;
  readonly json: boolean;
  /** Seconds of each fixed-rate level (100/s and 500/s). */
  readonly seconds: number;
  readonly fixedRates: readonly number[];
  /** Seconds of each step of the ramp to the maximum sustained rate. */
  readonly stepSeconds: number;
  readonly rampStart: number;
  readonly rampFactor: number;
  /** Sustained: no errors, every update done this long after the step's last send, completions ≥ 0.9 × offered. */
  readonly graceMs: number;
  readonly partitions: number;
  readonly targets: readonly BenchTarget[];
  /** Folder for the children's CPU profiles (node --cpu-prof); none when undefined. */
  readonly cpuProfDir: string | undefined;
  /** Run the read-model projector beside the unthrottled pipeline and measure update → projection. */
  readonly projection: boolean;
  /** Run the ramp to the maximum sustained rate (off: fixed levels only, for comparing builds at one rate). */
  readonly ramp: boolean;
  /** Folder for a census of statements, NATS publishes and socket writes per level (census.ts); none when undefined. */
  readonly censusDir: string | undefined;
  /**
   * How long a user waits after its reply before its next update. The product limits each user to 20 messages a
   * minute (bursts of 5) and drops the excess quietly after one notice, so a shorter wait makes the generator's
   * users exceed it and some updates are rightly never answered.
   */
  readonly cooldownMs: number;
  /** The actors' intake bound (StartTuning.actorIntakeMaxLoopDelayMs), ms or 'off'; undefined: the default. */
  readonly intakeMaxLoopDelay: number | 'off' | undefined;
}

const HELP = `npm run bench:pipeline -- [--quick] [--json] [--seconds N] [--step-seconds N] [--ramp-start N] [--ramp-factor F]
                               [--grace-ms N] [--cooldown-ms N (a user's wait after its reply; default 3500: within the 20/min per-user limit)] [--partitions N] [--targets bare,unthrottled,split,split3,splitgd,shipped] [--cpu-prof DIR (the children's CPU profiles, inspector sampling at 1 ms)] [--no-projection]
                               [--fixed-rates 100,500] [--no-ramp] [--census DIR (per level: Postgres statements, NATS publishes, socket writes of the children)]
                               [--intake-max-loop-delay MS|off (the actors take no new message while the event loop runs later; default off)]

Open-loop updates from many users POSTed to the webhook of the whole pipeline (gateway, actors, dispatcher in a
child process; NATS at TEST_NATS_URL, a fresh database of TEST_DATABASE_URL; the Bot API emulator in another):
100/s for --seconds, a ramp to the maximum sustained rate, then 500/s for --seconds; and the same generator against a
bare fastify route that awaits a JetStream publish (the machine's ingest ceiling). Targets:
  bare         the bare ingest ceiling (ramp)
  unthrottled  the pipeline with the dispatcher's Telegram throttle off (fixed levels and ramp), and the read-model
               projector in a process of its own: update → projection latency (--no-projection leaves it out)
  split        as unthrottled, the gateway in one process and actors + dispatcher in another (fixed levels and ramp)
  split3       as split, with the dispatcher in a third process (woken by NOTIFY, not by the actors' appends in its
               process; its reads and claims not behind the actors' tasks on one event loop); not in the default set
  splitgd      two processes, the dispatcher beside the gateway instead (gateway + dispatcher | actors): the actors'
               loop carries only the actors; not in the default set
  shipped      startRoles exactly as shipped, Telegram's 30 messages/s kept (the first fixed level only)`;

const numberFlag = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
};

const stringFlag = (args: readonly string[], name: string): string | undefined => {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
};

export const parseOptions = (args: readonly string[]): BenchOptions | 'help' => {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  const quick = args.includes('--quick');
  const targets = (stringFlag(args, '--targets') ?? 'bare,unthrottled,split,shipped').split(',').map((name) => name.trim());
  for (const target of targets) if (!['bare', 'unthrottled', 'split', 'split3', 'splitgd', 'shipped'].includes(target)) throw new Error(`unknown target ${target}`);
  return {
    quick,
    json: args.includes('--json'),
    seconds: numberFlag(args, '--seconds', quick ? 5 : 20),
    fixedRates: (stringFlag(args, '--fixed-rates') ?? '100,500').split(',').map((rate) => {
      const value = Number(rate);
      if (!Number.isFinite(value) || value <= 0) throw new Error('--fixed-rates needs positive numbers');
      return value;
    }),
    stepSeconds: numberFlag(args, '--step-seconds', quick ? 3 : 8),
    rampStart: numberFlag(args, '--ramp-start', 50),
    rampFactor: numberFlag(args, '--ramp-factor', 1.25),
    graceMs: numberFlag(args, '--grace-ms', 2000),
    cooldownMs: numberFlag(args, '--cooldown-ms', 3500),
    partitions: numberFlag(args, '--partitions', 64),
    targets: targets as BenchTarget[],
    cpuProfDir: stringFlag(args, '--cpu-prof'),
    projection: !args.includes('--no-projection'),
    ramp: !args.includes('--no-ramp'),
    censusDir: stringFlag(args, '--census'),
    intakeMaxLoopDelay: (() => {
      const value = stringFlag(args, '--intake-max-loop-delay');
      return value === undefined || value === 'off' ? value : numberFlag(args, '--intake-max-loop-delay', 0);
    })(),
  };
};

export const help = HELP;
