/**
 * Quantiles of a numeric buffer in linear expected time: selection (Hoare partitioning around a
 * median of three), not a sort, so a million values cost a few passes. Results match pandas'
 * default `quantile(q, interpolation="linear")`: position `(n - 1) * q`, interpolated between
 * the two values around it.
 */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Rearranges `a[lo..hi]` (inclusive) so that `a[k]` holds the value a sort would put there,
 * everything left of it is `<=` and everything right `>=`. Falls back to sorting the range when
 * partitioning keeps going badly (adversarial input), so the worst case stays `n log n`.
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length - 1): void {
  let budget = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
  while (hi > lo) {
    if (hi - lo < 16 || budget-- <= 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = lo + ((hi - lo) >> 1);
    // Median of three as the pivot, left in a[mid].
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Smallest value of `a[from..to)`; `NaN` for an empty range. */
function minOf(a: Float64Array, from: number, to: number): number {
  let m = NaN;
  for (let i = from; i < to; i++) if (!(a[i] >= m)) m = a[i];
  return m;
}

/**
 * The quantiles `qs` (ascending, each in `[0, 1]`) of the first `n` values of `buffer`, which
 * must hold no NaN. The buffer is reordered. Empty input gives NaN for each.
 *
 * @example
 * ```ts
 * quantilesInPlace(Float64Array.from([4, 1, 3, 2]), 4, [0.25, 0.5, 0.75]); // [1.75, 2.5, 3.25]
 * ```
 */
export function quantilesInPlace(buffer: Float64Array, n: number, qs: readonly number[]): number[] {
  if (n === 0) return qs.map(() => NaN);
  const a = n === buffer.length ? buffer : buffer.subarray(0, n);
  const out: number[] = [];
  // Each selection leaves everything right of its position >= it, so the next (larger)
  // quantile only needs the range right of the previous one.
  let lo = 0;
  for (const q of qs) {
    const h = (n - 1) * q;
    const k = Math.floor(h);
    selectInPlace(a, k, lo, n - 1);
    const below = a[k];
    const frac = h - k;
    const above = frac > 0 && k + 1 < n ? minOf(a, k + 1, n) : below;
    out.push(frac > 0 ? below + frac * (above - below) : below);
    lo = k;
  }
  return out;
}
