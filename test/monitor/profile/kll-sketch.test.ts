import { strict as assert } from "node:assert";
import { kllBuckets } from "../../../src/monitor/profile/buckets";
import { KLL_C, KLL_K, KllSketch } from "../../../src/monitor/profile/kll-sketch";
import { normal, seeded } from "../random";

describe("monitor/kll-sketch (Deequ's QuantileNonSample)", () => {
  it("keeps every value exactly while under capacity", () => {
    const s = new KllSketch();
    for (let i = 0; i < 1000; i++) s.update(i);
    assert.equal(s.data().length, 1);
    assert.equal(s.rank(499), 500);
    assert.equal(s.rankExclusive(499), 499);
    assert.equal(s.count(), 1000);
  });

  it("uses Deequ's level capacities 2*(ceil(k*c^h/2)+1)", () => {
    const s = new KllSketch(KLL_K, KLL_C);
    assert.equal(s.capacity(0), 2050);
    assert.equal(s.capacity(1), 2 * (Math.ceil((2048 * 0.64) / 2) + 1));
    assert.equal(s.capacity(20), 4);
  });

  it("rank error on 1e5 values stays within the KLL bound for k=2048", () => {
    const n = 100_000;
    const gen = normal(seeded(42));
    const xs = Array.from({ length: n }, gen);
    const s = new KllSketch();
    xs.forEach((x) => s.update(x));
    assert.equal(s.count(), n); // weights add up exactly
    const sorted = Float64Array.from(xs).sort();
    let worst = 0;
    for (let q = 1; q < 100; q++) {
      const x = sorted[Math.floor((q / 100) * n)]!;
      // true inclusive rank of x
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! <= x) lo = mid + 1;
        else hi = mid;
      }
      worst = Math.max(worst, Math.abs(s.rank(x) - lo) / n);
    }
    // KLL's normalized rank error is O(1/k): with k = 2048 about 0.1% (seen: 0.11% here);
    // 0.3% leaves room for the seed without letting a broken compactor through.
    assert.ok(worst < 0.003, `worst normalized rank error ${worst}`);
    assert.ok(s.data().length > 1, "the sketch compacted");
  });

  it("rebuilds from serialized levels with the same ranks", () => {
    const s = new KllSketch();
    const rand = seeded(3);
    for (let i = 0; i < 20_000; i++) s.update(rand());
    const t = KllSketch.fromData(s.data());
    for (const x of [0.1, 0.5, 0.9]) assert.equal(t.rank(x), s.rank(x));
  });

  it("10 equal-width buckets between min and max; counts add up to n", () => {
    const s = new KllSketch();
    for (let i = 0; i <= 100; i++) s.update(i);
    const b = kllBuckets(s, 0, 100);
    assert.equal(b.length, 10);
    assert.deepEqual([b[0]!.lower_bound, b[0]!.upper_bound, b[9]!.upper_bound], [0, 10, 100]);
    assert.equal(b[0]!.count, 10); // [0, 10)
    assert.equal(b[9]!.count, 11); // [90, 100], last bucket closed
    assert.equal(
      b.reduce((a, x) => a + x.count, 0),
      101,
    );
  });
});

/** A plain port of Deequ's QuantileNonSample + NonSampleCompactor (arrays, sort), for comparison. */
class ReferenceKll {
  levels: Array<{ buf: number[]; compactions: number; offset: number }> = [];
  size = 0;
  total = 0;
  constructor(
    readonly k: number,
    readonly c: number,
  ) {
    this.expand();
  }
  cap(h: number) {
    return 2 * (Math.ceil((this.k * Math.pow(this.c, h)) / 2) + 1);
  }
  expand() {
    this.levels.push({ buf: [], compactions: 0, offset: 0 });
    this.total = this.levels.reduce((s, _l, h) => s + this.cap(h), 0);
  }
  update(x: number) {
    this.levels[0]!.buf.push(x);
    this.size++;
    if (this.size > this.total) {
      for (let h = 0; h < this.levels.length; h++) {
        const l = this.levels[h]!;
        if (l.buf.length >= this.cap(h)) {
          if (h + 1 >= this.levels.length) this.expand();
          const n = l.buf.length;
          const len = n - (n % 2);
          if (l.compactions % 2 === 1) l.offset = 1 - l.offset;
          const sorted = l.buf
            .slice(0, len)
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : Object.is(a, -0) && b === 0 ? -1 : 0));
          for (let i = l.offset; i < len; i += 2) this.levels[h + 1]!.buf.push(sorted[i]!);
          l.buf = n % 2 === 1 ? [l.buf[n - 1]!] : [];
          l.compactions++;
          this.size = this.levels.reduce((s, x) => s + x.buf.length, 0);
          break;
        }
      }
    }
  }
}

describe("monitor/kll-sketch against a plain port of Deequ's algorithm", () => {
  it("holds exactly the same items per level (decimals, small integers, wide integers, fractions, -0, drifting ranges)", () => {
    const rand = seeded(23);
    let t = 0;
    const gens: Array<() => number> = [
      // Values that leave the window of keys a level counted in last time, or change scale.
      () => Math.floor(t++ / 3),
      () => (t++ % 5000 < 2500 ? Math.floor(rand() * 100) : Math.round(rand() * 9000) / 10 + 20000),
      () => (t++ % 3000 < 1000 ? Math.floor(rand() * 10) : t % 3000 < 2000 ? rand() * 10 : -Math.floor(rand() * 9000)),
      () => Math.round(rand() * 3500) / 10,
      () => Math.round(rand() * 9e4) / 1000 - 3,
      () => (rand() < 0.1 ? 1 : 0),
      () => Math.floor(rand() * 300) - 50,
      () => Math.floor(rand() * 1e6),
      () => rand() * 100,
      () => (rand() < 0.5 ? -0 : Math.floor(rand() * 3)),
    ];
    for (const gen of gens) {
      const a = new KllSketch(64, 0.64);
      const b = new ReferenceKll(64, 0.64);
      for (let i = 0; i < 20_000; i++) {
        const x = gen();
        a.update(x);
        b.update(x);
      }
      assert.deepEqual(
        a.data(),
        b.levels.map((l) => l.buf),
      );
    }
  });
});

describe("monitor/kll-sketch merge (Deequ's QuantileNonSample.merge)", () => {
  /** Inclusive rank of x among sorted values. */
  const exactRank = (sorted: Float64Array, x: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Each compaction at level h moves any rank by at most 2^h: the sum bounds the rank error. */
  const compactionError = (s: KllSketch) => s.toPartial().levels.reduce((e, l, h) => e + l.compactions * 2 ** h, 0);

  it("appends the other's items level by level after its own, and compacts only when full", () => {
    const a = new KllSketch();
    [3, 1, 2].forEach((x) => a.update(x));
    const b = new KllSketch();
    [9, 0].forEach((x) => b.update(x));
    a.merge(b.toPartial());
    assert.deepEqual(a.data(), [[3, 1, 2, 9, 0]]);
    assert.equal(a.count(), 5);
    // Two sketches of 1500 values: 3000 items exceed level 0's 2050, so the merge compacts.
    const c = new KllSketch();
    const d = new KllSketch();
    for (let i = 0; i < 1500; i++) {
      c.update(i);
      d.update(1500 + i);
    }
    c.merge(d.toPartial());
    assert.equal(c.count(), 3000);
    assert.ok(c.data().length > 1, "compacted into level 1");
    assert.throws(() => c.merge(new KllSketch(200).toPartial()), /expected k=2048/);
  });

  it("a merge into an empty sketch takes the other's state; partials round-trip", () => {
    const a = new KllSketch();
    const rand = seeded(11);
    for (let i = 0; i < 30_000; i++) a.update(rand());
    const m = new KllSketch();
    m.merge(a.toPartial());
    assert.deepEqual(m.toPartial(), a.toPartial());
    const b = KllSketch.fromPartial(structuredClone(a.toPartial()));
    for (let i = 0; i < 5000; i++) {
      const x = rand();
      a.update(x);
      b.update(x);
    }
    assert.deepEqual(b.data(), a.data());
  });

  it("a stream split in 1, 2 or 3 parts and merged: exact count, ranks within the compaction bound and 0.3%", () => {
    const n = 60_000;
    const gen = normal(seeded(21));
    const xs = Array.from({ length: n }, gen);
    const sorted = Float64Array.from(xs).sort();
    for (const parts of [1, 2, 3]) {
      const sketches = Array.from({ length: parts }, () => new KllSketch());
      xs.forEach((x, i) => sketches[Math.floor((i * parts) / n)]!.update(x));
      const m = new KllSketch();
      for (const s of sketches) m.merge(s.toPartial());
      assert.equal(m.count(), n);
      // The merged sketch's own compactions (the first part's included) plus the later parts'.
      const bound = compactionError(m) + sketches.slice(1).reduce((e, s) => e + compactionError(s), 0);
      let worst = 0;
      for (let q = 1; q < 100; q++) {
        const x = sorted[Math.floor((q / 100) * n)]!;
        const err = Math.abs(m.rank(x) - exactRank(sorted, x));
        assert.ok(err <= bound, `${parts} parts, q=${q}%: rank error ${err} > bound ${bound}`);
        worst = Math.max(worst, err / n);
      }
      assert.ok(worst < 0.003, `${parts} parts: worst normalized rank error ${worst}`);
    }
  });
});
