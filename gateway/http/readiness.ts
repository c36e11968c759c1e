// Readiness: each role registers named async checks for the dependencies it needs (the gateway: the mailbox; later
// the actors: event store and leases, …). GET /ready runs them all concurrently, each bounded by a timeout, and is
// ready only if every one passes and the process is not shutting down.

/** Resolves (optionally with a detail) when the dependency is usable; throws otherwise. */
export type ReadinessCheck = () => Promise<string | void>;

export interface CheckReport {
  readonly ok: boolean;
  readonly detail?: string;
  readonly error?: string;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly shuttingDown: boolean;
  readonly checks: Readonly<Record<string, CheckReport>>;
}

export interface Readiness {
  register(name: string, check: ReadinessCheck): void;
  /** From now on /ready answers 503, so load balancers stop routing here while in-flight requests drain. */
  markShuttingDown(): void;
  run(): Promise<ReadinessReport>;
}

export const createReadiness = (options: { timeoutMs?: number } = {}): Readiness => {
  const timeoutMs = options.timeoutMs ?? 2000;
  const checks = new Map<string, ReadinessCheck>();
  let shuttingDown = false;

  const runOne = async (check: ReadinessCheck): Promise<CheckReport> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const detail = await Promise.race([check(), timeout]);
      return typeof detail === 'string' ? { ok: true, detail } : { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    register(name, check) {
      if (checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
      checks.set(name, check);
    },
    markShuttingDown() {
      shuttingDown = true;
    },
    async run() {
      const entries = await Promise.all([...checks].map(async ([name, check]) => [name, await runOne(check)] as const));
      const reports = Object.fromEntries(entries);
      return { ready: !shuttingDown && entries.every(([, report]) => report.ok), shuttingDown, checks: reports };
    },
  };
};
