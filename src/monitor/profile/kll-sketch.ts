/**
 * The KLL quantile sketch as Deequ implements it (`QuantileNonSample` with
 * `NonSampleCompactor`), with Model Monitor's parameters: `k` 2048, `c` 0.64. Deterministic
 * like Deequ's build (its random offset is commented out): each compactor alternates which
 * half it keeps. Level `i` holds items of weight `2^i`. Pure, no I/O.
 */

/** Model Monitor's sketch size. */
export const KLL_K = 2048;
/** Model Monitor's shrinking factor. */
export const KLL_C = 0.64;

/** One compactor level: its items (unsorted, in a growable typed buffer) and its compaction state. */
interface Level {
  buf: Float64Array;
  n: number;
  compactions: number;
  offset: number;
  /**
   * The last compaction by counting: its scale and the smallest key of the window it counts in
   * (the next compaction of the level tries them first, in one pass; 0 = none yet).
   */
  scale: number;
  base: number;
}

function push(level: Level, x: number): void {
  if (level.n === level.buf.length) {
    const bigger = new Float64Array(Math.max(8, level.buf.length * 2));
    bigger.set(level.buf);
    level.buf = bigger;
  }
  level.buf[level.n++] = x;
}

/** A {@link KllSketch}'s state as plain data (structured-clone-able): parameters and, per level, items and compaction state. */
export interface KllPartial {
  k: number;
  c: number;
  levels: Array<{ items: Float64Array | number[]; compactions: number; offset: number }>;
}

/**
 * A KLL sketch of doubles.
 * @example
 * const sketch = new KllSketch();
 * for (const x of values) sketch.update(x);
 * sketch.rank(10); // how many values are <= 10, within the sketch's error
 */
export class KllSketch {
  readonly k: number;
  readonly c: number;
  private levels: Level[] = [];
  private size = 0;
  private capacityTotal = 0;

  constructor(k: number = KLL_K, c: number = KLL_C) {
    if (!(k >= 2) || !(c > 0 && c <= 1))
      throw new Error(`KLL sketch: expected k >= 2 and 0 < c <= 1, got k=${k}, c=${c}`);
    this.k = k;
    this.c = c;
    this.expand();
  }

  /** Builds a sketch from serialized levels (`sketch.data` in statistics.json). */
  static fromData(data: number[][], k: number = KLL_K, c: number = KLL_C): KllSketch {
    const sketch = new KllSketch(k, c);
    while (sketch.levels.length < data.length) sketch.expand();
    data.forEach((items, i) => {
      const level = sketch.levels[i]!;
      level.buf = Float64Array.from(items);
      level.n = items.length;
    });
    sketch.size = data.reduce((s, items) => s + items.length, 0);
    return sketch;
  }

  /** The whole state as plain data (what Deequ's `KLLSketchSerializer` keeps), to cross threads. */
  toPartial(): KllPartial {
    return {
      k: this.k,
      c: this.c,
      levels: this.levels.map((l) => ({
        items: l.buf.slice(0, l.n),
        compactions: l.compactions,
        offset: l.offset,
      })),
    };
  }

  /** A sketch from {@link toPartial}'s data, able to take more values and merges. */
  static fromPartial(p: KllPartial): KllSketch {
    const sketch = new KllSketch(p.k, p.c);
    sketch.load(p);
    return sketch;
  }

  // Takes p's levels and compaction states (this sketch being empty).
  private load(p: KllPartial): void {
    while (this.levels.length < p.levels.length) this.expand();
    p.levels.forEach((from, i) => {
      const level = this.levels[i]!;
      level.buf = Float64Array.from(from.items);
      level.n = from.items.length;
      level.compactions = from.compactions;
      level.offset = from.offset;
    });
    this.size = this.levels.reduce((s, l) => s + l.n, 0);
  }

  /**
   * Adds another sketch's items as Deequ's `QuantileNonSample.merge` does: level by level,
   * its items appended after this sketch's (this sketch's compaction states kept), then
   * compacting the lowest full level while the items fill the total capacity. Ranks stay
   * within the sketch's error bound; the items kept depend on how the values were split. A
   * merge into a sketch that never took a value takes the other's state as it is (Deequ would
   * append the same items to fresh compactors, and compact once more if they fill them).
   */
  merge(other: KllPartial): void {
    if (other.k !== this.k || other.c !== this.c)
      throw new Error(`KLL merge: expected k=${this.k}, c=${this.c}, got k=${other.k}, c=${other.c}`);
    if (this.size === 0 && this.levels.length === 1 && this.levels[0]!.compactions === 0) {
      this.load(other);
      return;
    }
    while (this.levels.length < other.levels.length) this.expand();
    other.levels.forEach((from, i) => {
      const level = this.levels[i]!;
      for (let j = 0; j < from.items.length; j++) push(level, from.items[j]!);
    });
    this.size = this.levels.reduce((s, l) => s + l.n, 0);
    while (this.size >= this.capacityTotal) this.condense();
  }

  /** Deequ's capacity of level `height`: 2 * (ceil(k * c^height / 2) + 1). */
  capacity(height: number): number {
    return 2 * (Math.ceil((this.k * Math.pow(this.c, height)) / 2) + 1);
  }

  private expand(): void {
    const h = this.levels.length;
    this.levels.push({
      buf: new Float64Array(h === 0 ? this.capacity(0) + 1 : 16),
      n: 0,
      compactions: 0,
      offset: 0,
      scale: 0,
      base: 0,
    });
    this.capacityTotal += this.capacity(this.levels.length - 1);
  }

  /** Adds one value. */
  update(x: number): void {
    push(this.levels[0]!, x);
    this.size += 1;
    if (this.size > this.capacityTotal) this.condense();
  }

  // Deequ compacts only the lowest full level, once per overflow.
  private condense(): void {
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h]!;
      if (level.n >= this.capacity(h)) {
        if (h + 1 >= this.levels.length) this.expand();
        compactInto(level, this.levels[h + 1]!);
        this.size = this.levels.reduce((s, l) => s + l.n, 0);
        return;
      }
    }
  }

  /** Items per level, in buffer order (what statistics.json stores as `data`). */
  data(): number[][] {
    return this.levels.map((l) => Array.from(l.buf.subarray(0, l.n)));
  }

  /** Total weight: the number of values the sketch stands for (exact). */
  count(): number {
    let n = 0;
    this.levels.forEach((l, i) => (n += l.n * 2 ** i));
    return n;
  }

  /** Estimated number of values <= `x` (Deequ's inclusive `getRank`). */
  rank(x: number): number {
    let r = 0;
    this.levels.forEach((l, i) => {
      const w = 2 ** i;
      for (let j = 0; j < l.n; j++) if (l.buf[j]! <= x) r += w;
    });
    return r;
  }

  /** Estimated number of values < `x` (Deequ's `getRankExclusive`). */
  rankExclusive(x: number): number {
    let r = 0;
    this.levels.forEach((l, i) => {
      const w = 2 ** i;
      for (let j = 0; j < l.n; j++) if (l.buf[j]! < x) r += w;
    });
    return r;
  }

  /**
   * The sketch's distinct items with their inclusive cumulative weight, sorted (Deequ's
   * `getRankMap`): the step CDF used by the L-infinity distance.
   */
  rankMap(): { keys: Float64Array; ranks: Float64Array } {
    const pairs: Array<[number, number]> = [];
    this.levels.forEach((l, i) => {
      const w = 2 ** i;
      for (let j = 0; j < l.n; j++) pairs.push([l.buf[j]!, w]);
    });
    pairs.sort((a, b) => a[0] - b[0]);
    const keys: number[] = [];
    const ranks: number[] = [];
    let running = 0;
    for (const [v, w] of pairs) {
      running += w;
      if (keys.length > 0 && keys[keys.length - 1] === v) ranks[ranks.length - 1] = running;
      else {
        keys.push(v);
        ranks.push(running);
      }
    }
    return { keys: Float64Array.from(keys), ranks: Float64Array.from(ranks) };
  }
}

/**
 * Deequ's `NonSampleCompactor.compact`: sort the even-length prefix, keep every other item
 * from `offset` (appended to the next level), carry an odd last item over. The offset flips
 * on every odd-numbered compaction (1st keeps evens, 2nd odds, 3rd odds, 4th evens, ...).
 */
function compactInto(level: Level, next: Level): void {
  const items = level.n;
  const len = items - (items % 2);
  if (level.compactions % 2 === 1) level.offset = 1 - level.offset;
  if (!countInWindow(level, len, next) && !compactByCounting(level, len, next)) {
    const sorted = level.buf.subarray(0, len).sort();
    for (let i = level.offset; i < len; i += 2) push(next, sorted[i]!);
  }
  if (items % 2 === 1) {
    level.buf[0] = level.buf[items - 1]!;
    level.n = 1;
  } else level.n = 0;
  level.compactions += 1;
}

const MAX_COUNTING_RANGE = 8192;
const SCALES = [1, 10, 100, 1000];
const counts = new Int32Array(MAX_COUNTING_RANGE);
/** Each item's key (`round(v * scale)`), computed once per compaction; grown when needed. */
let keys = new Float64Array(4096);

/** Room for `extra` more items in `level`. */
function reserve(level: Level, extra: number): void {
  if (level.n + extra <= level.buf.length) return;
  const bigger = new Float64Array(Math.max(8, level.buf.length * 2, level.n + extra));
  bigger.set(level.buf.subarray(0, level.n));
  level.buf = bigger;
}

/**
 * Appends to `next` the items at sorted positions `offset`, `offset + 2`, ... of the `len` items
 * counted in `counts[from, to]` (`counts[j]` counting the key `base + j`, the value
 * `(base + j) / scale`), and clears those counts.
 */
function emitCounted(
  next: Level,
  len: number,
  offset: number,
  from: number,
  to: number,
  base: number,
  scale: number,
): void {
  reserve(next, len >> 1);
  const out = next.buf;
  let n = next.n;
  // Sorted positions p .. p + c - 1 hold one value; keep those with p % 2 === offset.
  let p = 0;
  for (let j = from; j <= to; j++) {
    const c = counts[j]!;
    if (c === 0) continue;
    const value = (j + base) / scale;
    for (let q = p % 2 === offset ? p : p + 1; q < p + c; q += 2) out[n++] = value;
    p += c;
  }
  next.n = n;
  counts.fill(0, from, to + 1);
}

/**
 * The level's last counting compaction again (same scale, same window of keys), in one pass:
 * the keys are counted as they are checked. Returns false, having counted nothing that stays,
 * when an item is not a decimal of that scale or falls outside the window.
 */
function countInWindow(level: Level, len: number, next: Level): boolean {
  const scale = level.scale;
  if (scale === 0) return false;
  const buf = level.buf;
  const base = level.base;
  let lo = MAX_COUNTING_RANGE;
  let hi = -1;
  let i = 0;
  for (; i < len; i++) {
    const v = buf[i]!;
    const key = scale === 1 ? Math.round(v) : Math.round(v * scale);
    const j = key - base;
    // -0 must keep its place before +0: leave it to the sort.
    if ((scale === 1 ? key : key / scale) !== v || j < 0 || j >= MAX_COUNTING_RANGE || (v === 0 && 1 / v < 0)) break;
    counts[j]!++;
    if (j < lo) lo = j;
    if (j > hi) hi = j;
  }
  if (i < len) {
    if (hi >= lo) counts.fill(0, lo, hi + 1);
    level.scale = 0;
    return false;
  }
  emitCounted(next, len, level.offset, lo, hi, base, scale);
  return true;
}

/**
 * The same selection as sorting, by counting, when the `len` items are decimals with at most
 * 3 decimal places spanning fewer than 8192 steps (flags, counts, minutes with one decimal:
 * most of a churn-like row). An item `v` is used only when `round(v * s) / s === v`, so the
 * key determines it and the order of keys is the order of items. Returns false otherwise.
 * On success the level remembers the scale and a window of keys around these items for
 * {@link countInWindow}. (`counts` is all zeros between compactions.)
 */
function compactByCounting(level: Level, len: number, next: Level): boolean {
  const buf = level.buf;
  if (keys.length < len) keys = new Float64Array(len * 2);
  const k = keys;
  for (const scale of SCALES) {
    let min = Infinity;
    let max = -Infinity;
    let ok = true;
    for (let i = 0; i < len; i++) {
      const v = buf[i]!;
      const key = scale === 1 ? Math.round(v) : Math.round(v * scale);
      // -0 must keep its place before +0: leave it to the sort.
      if ((scale === 1 ? key : key / scale) !== v || (v === 0 && 1 / v < 0)) {
        ok = false;
        break;
      }
      k[i] = key;
      if (key < min) {
        min = key;
        if (max - min >= MAX_COUNTING_RANGE) return false;
      }
      if (key > max) {
        max = key;
        if (max - min >= MAX_COUNTING_RANGE) return false;
      }
    }
    if (!ok) continue;
    const range = max - min + 1;
    for (let i = 0; i < len; i++) counts[k[i]! - min]!++;
    emitCounted(next, len, level.offset, 0, range - 1, min, scale);
    level.scale = scale;
    level.base = min - ((MAX_COUNTING_RANGE - range) >> 1);
    return true;
  }
  return false;
}
