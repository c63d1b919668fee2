/** One look at Jaeger's query API: did it answer? */
export interface JaegerSample {
  readonly at: number;
  readonly up: boolean;
}

export interface JaegerAvailability {
  /** It answered at every look, from the start of the day to the summary. */
  readonly upThroughout: boolean;
  /** Since when it has answered at every look up to the last one; null if the last look found it down. */
  readonly upSince: number | null;
}

/** What the looks say about which of the day's traces Jaeger can have kept. */
export function jaegerAvailability(samples: readonly JaegerSample[]): JaegerAvailability {
  let upSince: number | null = null;
  for (const sample of samples) {
    if (!sample.up) upSince = null;
    else upSince ??= sample.at;
  }
  return { upThroughout: samples.length > 0 && samples.every((sample) => sample.up), upSince };
}

/**
 * Looks at Jaeger's query API every few seconds during the day. On a first run Jaeger may still be
 * compiling (infra/stack builds it in the background) or come up halfway; spans exported while it is
 * not there are dropped, so the summary must know when it was there.
 */
export class JaegerWatch {
  private readonly samples: JaegerSample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly jaegerUrl: string,
    private readonly everyMs = 2_000,
    private readonly now: () => number = Date.now,
    private readonly get: (url: string) => Promise<{ ok: boolean }> = (url) => fetch(url, { signal: AbortSignal.timeout(2_000) }),
  ) {}

  /** Looks once now, then every `everyMs`. */
  async start(): Promise<void> {
    await this.look();
    this.timer = setInterval(() => void this.look(), this.everyMs);
    // A day that fails half-way never calls stop(); the watch must not keep the process alive.
    this.timer.unref();
  }

  /** Stops looking after one last look. */
  async stop(): Promise<JaegerAvailability> {
    clearInterval(this.timer);
    await this.look();
    return jaegerAvailability([...this.samples].sort((a, b) => a.at - b.at));
  }

  private async look(): Promise<void> {
    const at = this.now();
    let up = false;
    try {
      up = (await this.get(`${this.jaegerUrl}/api/services`)).ok;
    } catch {
      // not listening (yet)
    }
    this.samples.push({ at, up });
  }
}
