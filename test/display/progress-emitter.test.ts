import { strict as assert } from "node:assert";
import { PROGRESS_INTERVAL_MS, progressEmitter } from "../../src/display/progress-emitter";

describe("display/progress-emitter", () => {
  /** A clock the test moves by hand. */
  function clock(start = 1000) {
    let t = start;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  }

  it("calls back at most once per interval, and always for the final state", () => {
    const c = clock();
    const seen: Array<{ n: number; elapsedMs: number }> = [];
    let n = 0;
    const emit = progressEmitter(
      (p: { n: number; elapsedMs: number }) => seen.push(p),
      (elapsedMs) => ({ n, elapsedMs }),
      {
        now: c.now,
      },
    );
    n = 1;
    emit(false); // first call goes through
    c.advance(10);
    n = 2;
    emit(false); // 10 ms later: dropped
    c.advance(PROGRESS_INTERVAL_MS - 10);
    n = 3;
    emit(false); // a full interval after the first: goes through
    c.advance(1);
    n = 4;
    emit(true); // final: always
    assert.deepEqual(seen, [
      { n: 1, elapsedMs: 0 },
      { n: 3, elapsedMs: PROGRESS_INTERVAL_MS },
      { n: 4, elapsedMs: PROGRESS_INTERVAL_MS + 1 },
    ]);
  });

  it("counts elapsed time from its creation and honours intervalMs", () => {
    const c = clock(5000);
    const seen: number[] = [];
    const emit = progressEmitter(
      (ms: number) => seen.push(ms),
      (elapsedMs) => elapsedMs,
      { now: c.now, intervalMs: 50 },
    );
    c.advance(20);
    emit(false);
    c.advance(49);
    emit(false);
    c.advance(1);
    emit(false);
    assert.deepEqual(seen, [20, 70]);
  });

  it("without a callback does nothing and never builds a snapshot", () => {
    let built = 0;
    const emit = progressEmitter(undefined, () => ++built);
    emit(false);
    emit(true);
    assert.equal(built, 0);
  });

  it("uses the real clock by default", () => {
    const seen: number[] = [];
    const emit = progressEmitter(
      (ms: number) => seen.push(ms),
      (elapsedMs) => elapsedMs,
    );
    emit(true);
    assert.equal(seen.length, 1);
    assert.ok(seen[0]! >= 0 && seen[0]! < 60_000);
  });
});
