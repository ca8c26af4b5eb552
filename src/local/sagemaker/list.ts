/**
 * Shared List* behaviour: filters, sorting and opaque NextToken paging (docs/local-stack-wire.md §2.3).
 */
import { SageMakerErrors } from "./errors";
import type { JsonObject } from "./types";

/** What a list operation needs to know about one item. */
interface Listable {
  name: string;
  creationTime: number;
  lastModifiedTime?: number;
  status?: string;
}

/** Reads an epoch-seconds timestamp input (number or numeric string) as epoch ms. */
function timeInput(input: JsonObject, member: string): number | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw SageMakerErrors.validation(
      `Value '${String(v)}' at '${member[0].toLowerCase() + member.slice(1)}' must be a timestamp in epoch seconds`,
    );
  }
  return n * 1000;
}

/** Page token: the number of items already returned for the same filter, base64-wrapped. */
function decodeToken(token: unknown): number {
  if (token === undefined || token === null) return 0;
  if (typeof token === "string") {
    try {
      const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { offset?: unknown };
      if (typeof parsed.offset === "number" && Number.isInteger(parsed.offset) && parsed.offset >= 0)
        return parsed.offset;
    } catch {
      // fall through to the error below
    }
  }
  throw SageMakerErrors.validation("Invalid pagination token: pass the NextToken of the previous response unchanged.");
}

/**
 * Applies a List* request to items: NameContains (case-insensitive), time filters, StatusEquals,
 * SortBy/SortOrder (default CreationTime, Descending, as AWS) and MaxResults/NextToken.
 * Inputs are expected to be validated already.
 */
export function listPage<T extends Listable>(
  items: readonly T[],
  input: JsonObject,
): { page: T[]; nextToken?: string } {
  const nameContains = typeof input.NameContains === "string" ? input.NameContains.toLowerCase() : undefined;
  const createdBefore = timeInput(input, "CreationTimeBefore");
  const createdAfter = timeInput(input, "CreationTimeAfter");
  const modifiedBefore = timeInput(input, "LastModifiedTimeBefore");
  const modifiedAfter = timeInput(input, "LastModifiedTimeAfter");
  const status = typeof input.StatusEquals === "string" ? input.StatusEquals : undefined;
  const filtered = items.filter(
    (it) =>
      (nameContains === undefined || it.name.toLowerCase().includes(nameContains)) &&
      (createdBefore === undefined || it.creationTime < createdBefore) &&
      (createdAfter === undefined || it.creationTime > createdAfter) &&
      (modifiedBefore === undefined || (it.lastModifiedTime ?? it.creationTime) < modifiedBefore) &&
      (modifiedAfter === undefined || (it.lastModifiedTime ?? it.creationTime) > modifiedAfter) &&
      (status === undefined || it.status === status),
  );
  const sortBy = typeof input.SortBy === "string" ? input.SortBy : "CreationTime";
  const sign = input.SortOrder === "Ascending" ? 1 : -1;
  const key = (it: T): string | number =>
    sortBy === "Name" ? it.name : sortBy === "Status" ? (it.status ?? "") : it.creationTime;
  const sorted = [...filtered].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    return c * sign;
  });
  const offset = decodeToken(input.NextToken);
  const max = typeof input.MaxResults === "number" ? input.MaxResults : 100;
  const page = sorted.slice(offset, offset + max);
  const next = offset + page.length;
  return next < sorted.length
    ? { page, nextToken: Buffer.from(JSON.stringify({ offset: next })).toString("base64") }
    : { page };
}
