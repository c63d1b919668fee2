/** Resolves true (or returns true) when the component is ready; false or a throw means not ready. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface CheckResult {
  ready: boolean;
  /** Why the check failed, when it threw or timed out. */
  error?: string;
}

export interface ReadinessReport {
  ready: boolean;
  failing: string[];
  checks: Record<string, CheckResult>;
}

const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/**
 * Components that must be up before the service takes work (Kafka consumer connected, cache
 * rebuilt, DB reachable) register a check here; `/health/ready` is ready only when all pass.
 */
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly checkTimeoutMs = DEFAULT_CHECK_TIMEOUT_MS) {}

  /** Returns a function that removes the check again, e.g. when a consumer is stopped for good. */
  register(name: string, check: ReadinessCheck): () => void {
    if (this.checks.has(name)) throw new Error(`Readiness check "${name}" is already registered`);
    this.checks.set(name, check);
    return () => {
      if (this.checks.get(name) === check) this.checks.delete(name);
    };
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  async evaluate(): Promise<ReadinessReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const));
    const checks = Object.fromEntries(entries);
    const failing = entries.filter(([, result]) => !result.ready).map(([name]) => name);
    return { ready: failing.length === 0, failing, checks };
  }

  // Bounded, so one hung dependency makes the probe fail fast instead of timing out the kubelet.
  private async run(check: ReadinessCheck): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ ready: false, error: `timed out after ${this.checkTimeoutMs} ms` }), this.checkTimeoutMs);
    });
    const attempt = (async (): Promise<CheckResult> => {
      try {
        return { ready: (await check()) === true };
      } catch (error) {
        return { ready: false, error: error instanceof Error ? error.message : String(error) };
      }
    })();
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
