import { strict as assert } from "node:assert";
import { parseCaptureLine } from "../../src/capture/line";
import { seededRandom } from "../../src/local/capture-writer/random";
import { fastParseCaptureLine } from "../../src/read/fast-record";

// fastParseCaptureLine is the loader's hot path; parseCaptureLine is the reference validator.
// They must accept exactly the same lines (the fast one may defer a line to the reference, never
// accept what the reference refuses or refuse what it would return differently).

const VALID = {
  captureData: {
    endpointInput: { observedContentType: "text/csv", mode: "INPUT", data: "1,2,3", encoding: "CSV" },
    endpointOutput: { observedContentType: "text/csv; charset=utf-8", mode: "OUTPUT", data: "0.5", encoding: "CSV" },
  },
  eventMetadata: { eventId: "e1", inferenceId: "7", inferenceTime: "2026-12-06T00:00:00Z", customAttributes: ["a"] },
  eventVersion: "0",
};

/** Field paths the validators look at, each replaced by values of every JSON type (or removed). */
const PATHS = [
  ["captureData"],
  ["captureData", "endpointInput"],
  ["captureData", "endpointInput", "data"],
  ["captureData", "endpointInput", "observedContentType"],
  ["captureData", "endpointInput", "encoding"],
  ["captureData", "endpointInput", "mode"],
  ["captureData", "endpointOutput"],
  ["captureData", "endpointOutput", "data"],
  ["captureData", "endpointOutput", "observedContentType"],
  ["eventMetadata"],
  ["eventMetadata", "eventId"],
  ["eventMetadata", "inferenceId"],
  ["eventMetadata", "inferenceTime"],
  ["eventMetadata", "customAttributes"],
  ["eventVersion"],
];
const VALUES: unknown[] = [undefined, null, 0, 1.5, true, "", "x", [], ["a", "b"], ["a", 1], {}, { data: "d" }];

function mutate(random: () => number): string {
  const record = structuredClone(VALID) as Record<string, unknown>;
  const changes = 1 + Math.floor(random() * 3);
  for (let c = 0; c < changes; c++) {
    const path = PATHS[Math.floor(random() * PATHS.length)];
    let obj = record as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = obj[key];
      if (typeof next !== "object" || next === null || Array.isArray(next)) break;
      obj = next as Record<string, unknown>;
    }
    const value = VALUES[Math.floor(random() * VALUES.length)];
    if (value === undefined) delete obj[path[path.length - 1]];
    else obj[path[path.length - 1]] = structuredClone(value);
  }
  const text = JSON.stringify(record);
  const r = random();
  return r < 0.05
    ? " " + text
    : r < 0.1
      ? "\ufeff" + text
      : r < 0.15
        ? text + "\r"
        : r < 0.2
          ? text.slice(0, -1)
          : text;
}

function reference(line: string): unknown {
  try {
    return parseCaptureLine(line);
  } catch {
    return undefined;
  }
}

describe("read/fast-record: agrees with parseCaptureLine", () => {
  it("on 10,000 seeded mutations of a record: never accepts what the reference refuses, and returns what it returns", () => {
    const random = seededRandom(20261206);
    let accepted = 0;
    let deferred = 0;
    for (let i = 0; i < 10_000; i++) {
      const line = mutate(random);
      const fast = fastParseCaptureLine(line);
      const ref = reference(line);
      if (fast !== undefined) {
        accepted++;
        assert.deepEqual(fast, ref, `fast accepted what the reference answers differently: ${line}`);
      } else if (ref !== undefined) {
        // Only lines the fast path leaves to the reference by design: not starting with "{".
        deferred++;
        assert.notEqual(line.charCodeAt(0), 123, `fast refused a line the reference accepts: ${line}`);
      }
    }
    assert.ok(
      accepted > 500 && deferred > 0,
      `the mutations cover both outcomes (accepted ${accepted}, deferred ${deferred})`,
    );
  });
});
