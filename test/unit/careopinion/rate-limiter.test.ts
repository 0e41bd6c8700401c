import { RateLimiter } from '../../../functions/core/careopinion/rate-limiter';

/** A clock that only moves when the limiter sleeps (or a request takes time). */
function fakeClock() {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('RateLimiter', () => {
  it('never lets more than 5 requests start in any one-second window', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(5, clock);
    const starts: number[] = [];
    for (let i = 0; i < 23; i++) {
      await limiter.wait();
      starts.push(clock.now());
      clock.advance(i % 3 === 0 ? 0 : 37);
    }
    for (const start of starts) expect(starts.filter((other) => other >= start && other < start + 1000).length).toBeLessThanOrEqual(5);
    expect(starts.at(-1)! - starts[0]!).toBeLessThan(23 * 200);
  });

  it('does not wait when requests are already slower than the limit', async () => {
    const clock = fakeClock();
    const sleep = jest.spyOn(clock, 'sleep');
    const limiter = new RateLimiter(5, clock);
    for (let i = 0; i < 4; i++) {
      await limiter.wait();
      clock.advance(250);
    }
    expect(sleep).not.toHaveBeenCalled();
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateLimiter(0, fakeClock())).toThrow(RangeError);
  });
});
