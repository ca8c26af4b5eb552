/** Unique frame column names: which prefix a clashing name gets (pure, no I/O). */

/** Prefix of an input named like a metadata column (`input.eventId`). */
export const INPUT_PREFIX = "input.";
/** Prefix of an output (or extra) named like a metadata or input column (`output.x`). */
export const OUTPUT_PREFIX = "output.";

/**
 * Frame names for one group of columns: a name not yet `taken` is kept, a taken one gets
 * `prefix` (again, until it is free). Free names are reserved first, so a column really
 * named `output.x` keeps its name and a renamed `x` moves aside. Adds the names to `taken`.
 */
export function frameNames(names: string[], taken: Set<string>, prefix: string): string[] {
  const clash = names.map((n) => taken.has(n));
  names.forEach((n, i) => clash[i] || taken.add(n));
  return names.map((n, i) => {
    if (!clash[i]) return n;
    let name = prefix + n;
    while (taken.has(name)) name = prefix + name;
    taken.add(name);
    return name;
  });
}

/** Payload names a projection may ask for under `prefix` (once or more): `output.output.a` gives `output.a` and `a`. */
export function unprefixedNames(projection: Iterable<string>, prefix: string): Set<string> {
  const out = new Set<string>();
  for (let n of projection) {
    while (n.startsWith(prefix)) out.add((n = n.slice(prefix.length)));
  }
  return out;
}
