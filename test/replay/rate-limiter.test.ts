import { strict as assert } from "node:assert";
import { RateLimiter, type Clock } from "../../src/replay/rate-limiter";

/** A clock standing at `now`; each sleep records the time it would wake at. */
function fakeClock(start: number): Clock & { wakes: number[]; set(t: number): void } {
  let now = start;
  const wakes: number[] = [];
  return {
    wakes,
    set: (t) => (now = t),
    now: () => now,
    sleep: async (ms) => {
      wakes.push(now + ms);
    },
  };
}

describe("replay/RateLimiter", () => {
  it("gives concurrent takers consecutive slots 1000 / rate ms apart", async () => {
    const clock = fakeClock(1000);
    const limiter = new RateLimiter(4, clock);
    // Five workers ask for four slots each at the same instant.
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        for (let i = 0; i < 4; i++) await limiter.take();
      }),
    );
    // The first slot is now (no sleep); the other 19 wait for theirs, 250 ms apart.
    assert.deepEqual(
      clock.wakes.sort((a, b) => a - b),
      Array.from({ length: 19 }, (_, i) => 1250 + 250 * i),
    );
  });

  it("does not wait once the clock has passed the next slot, and never banks unused slots", async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter(10, clock);
    await limiter.take();
    clock.set(5000);
    await limiter.take();
    await limiter.take();
    assert.deepEqual(clock.wakes, [5100]);
  });

  it("refuses a rate that is not positive", () => {
    assert.throws(() => new RateLimiter(0), /positive number of requests per second/);
    assert.throws(() => new RateLimiter(Number.NaN), RangeError);
  });
});
