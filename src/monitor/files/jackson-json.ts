/**
 * JSON text the way Model Monitor's analyzer (Jackson's default pretty printer) writes it:
 * `"key" : value`, two-space object indentation, arrays on one line (`[ 1.0, 2.0 ]`,
 * objects inside as `[ {`), and doubles printed as Java prints them. Pure.
 */
import { javaDouble } from "./java-double";

/** Decides, from the path of keys leading to a number, whether it is a double. */
export type DoublePredicate = (path: readonly string[]) => boolean;

/**
 * Serializes `value` like Jackson's `DefaultPrettyPrinter`. Numbers for which `isDouble`
 * is true print as Java doubles (`1.0`), others as integers when integral.
 */
export function toJacksonJson(value: unknown, isDouble: DoublePredicate = () => false): string {
  return write(value, [], 0, isDouble);
}

function write(value: unknown, path: string[], depth: number, isDouble: DoublePredicate): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return number(value, isDouble(path));
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[ ]";
    // Long number arrays (model-quality curves): one predicate call for the whole array.
    const double = isDouble(path);
    const items = value.map((v) => (typeof v === "number" ? number(v, double) : write(v, path, depth, isDouble)));
    return `[ ${items.join(", ")} ]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{ }";
    const pad = "  ".repeat(depth + 1);
    const body = entries.map(([k, v]) => `${pad}${JSON.stringify(k)} : ${write(v, [...path, k], depth + 1, isDouble)}`);
    return `{\n${body.join(",\n")}\n${"  ".repeat(depth)}}`;
  }
  throw new TypeError(`cannot serialize a ${typeof value} as JSON`);
}

function number(value: number, double: boolean): string {
  if (double || !Number.isInteger(value)) {
    // JSON has no NaN: Jackson writes "NaN" as a string when asked; keep JSON valid.
    return Number.isFinite(value) ? javaDouble(value) : JSON.stringify(javaDouble(value));
  }
  return String(value);
}

const DOUBLE_KEYS = new Set([
  "version",
  "mean",
  "sum",
  "std_dev",
  "min",
  "max",
  "lower_bound",
  "upper_bound",
  "c",
  "k",
  "distinct_count",
  "completeness",
  "min_domain_mass",
  "datatype_check_threshold",
  "domain_content_threshold",
  "comparison_threshold",
  "categorical_comparison_threshold",
]);

/**
 * Which numbers of statistics.json / constraints.json are doubles in AWS's files
 * (`version 0.0`, `distinct_count 1.0`, KLL bucket counts and sketch items), by key.
 */
export const modelMonitorDoubles: DoublePredicate = (path) => {
  const key = path[path.length - 1];
  if (key === undefined) return false;
  if (DOUBLE_KEYS.has(key)) return true;
  if (key === "count") return path.includes("kll");
  if (key === "data") return path.includes("sketch");
  return false;
};
