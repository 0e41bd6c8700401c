/**
 * Spaces requests at least 1000/`perSecond` ms apart, so no one-second window ever holds more than
 * `perSecond` of them (Care Opinion: 5 requests per second). The clock and the sleep are passed in.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export class RateLimiter {
  private nextAt = Number.NEGATIVE_INFINITY;
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly clock: Clock,
  ) {
    if (!(perSecond > 0)) throw new RangeError('perSecond must be positive');
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when the next request may start. */
  async wait(): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + this.intervalMs;
    if (at > now) await this.clock.sleep(at - now);
  }
}
