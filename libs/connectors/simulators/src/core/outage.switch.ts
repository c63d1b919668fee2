/** Makes a simulated source unreachable (HTTP 503) until ended or until a duration has passed. */
export class OutageSwitch {
  private until: number | null = null;
  private refused = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Without a duration the outage lasts until `end()`. */
  start(durationMs?: number): void {
    this.until = durationMs === undefined ? Number.POSITIVE_INFINITY : this.clock() + durationMs;
  }

  end(): void {
    this.until = null;
  }

  isDown(): boolean {
    if (this.until !== null && this.clock() >= this.until) this.until = null;
    return this.until !== null;
  }

  /** Seconds a client should wait, for Retry-After. */
  retryAfterSeconds(): number {
    if (this.until === null || this.until === Number.POSITIVE_INFINITY) return 5;
    return Math.max(1, Math.ceil((this.until - this.clock()) / 1000));
  }

  noteRefused(): void {
    this.refused += 1;
  }

  /** Requests turned away by outages so far. */
  refusedRequests(): number {
    return this.refused;
  }
}
