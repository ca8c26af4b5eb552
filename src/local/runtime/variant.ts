/**
 * Traffic split between production variants: a weighted random choice, as SageMaker routes
 * by `InitialVariantWeight`. The RNG is injectable so tests are deterministic.
 */

/** Picks one item with probability proportional to its weight; all-zero weights pick the first. */
export function pickWeighted<T extends { weight: number }>(items: readonly T[], random: () => number): T {
  if (items.length === 1) return items[0];
  const total = items.reduce((s, v) => s + Math.max(0, v.weight), 0);
  if (!(total > 0)) return items[0];
  let r = random() * total;
  for (const item of items) {
    r -= Math.max(0, item.weight);
    if (r < 0) return item;
  }
  return items[items.length - 1];
}
