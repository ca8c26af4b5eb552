/** Unique SageMaker resource names, like the AWS page's `name + strftime("%Y-%m-%d-%H-%M-%S", gmtime())`. */
import { isValidResourceName, RESOURCE_NAME_MAX_LENGTH } from "../capture/resource-names";

/** Options of {@link uniqueName}. */
export interface UniqueNameOptions {
  /** Time stamped into the name (UTC). Default: now. */
  date?: Date;
  /** Append `-mmm` milliseconds too, for names made more than once a second (e.g. endpoint-config updates). */
  millis?: boolean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * `base-YYYY-MM-DD-HH-MM-SS` (UTC), a valid endpoint/config/model/variant name of at most 63
 * characters: characters other than ASCII letters, digits and `-` become `-`, leading/trailing
 * `-` are dropped, and the base is shortened so the time stamp always fits.
 * @throws Error when `base` has no letter or digit to start the name with.
 */
export function uniqueName(base: string, options: UniqueNameOptions = {}): string {
  const d = options.date ?? new Date();
  let stamp = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}-${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`;
  if (options.millis) stamp += `-${pad(d.getUTCMilliseconds(), 3)}`;
  const head = uniqueNameStem(base, stamp.length);
  const name = `${head}-${stamp}`;
  // Defensive: the construction above always satisfies the API rule.
  if (!isValidResourceName(name)) throw new Error(`uniqueName produced an invalid name ${JSON.stringify(name)}`);
  return name;
}

/** Length of the `-YYYY-MM-DD-HH-MM-SS[-mmm]` suffix {@link uniqueName} appends. */
export function uniqueNameSuffixLength(millis = false): number {
  return millis ? 24 : 20;
}

/**
 * The part of {@link uniqueName}'s result before the time stamp: `base` with invalid characters
 * replaced and shortened so that a stamp of `stampLength` characters (plus `-`) fits in 63.
 * @throws Error when nothing usable is left.
 */
export function uniqueNameStem(base: string, stampLength: number): string {
  const clean = String(base)
    .replace(/[^a-zA-Z0-9-]+/g, "-")
    .replace(/^-+/, "");
  const head = clean.slice(0, RESOURCE_NAME_MAX_LENGTH - stampLength - 1).replace(/-+$/, "");
  if (head === "")
    throw new Error(`uniqueName: base ${JSON.stringify(base)} must contain a letter or digit to start the name`);
  return head;
}
