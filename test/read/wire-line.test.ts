import { strict as assert } from "node:assert";
import { parseCaptureLine } from "../../src/capture/line";
import { seededRandom } from "../../src/seeded-random";
import { matchWireLine } from "../../src/read/wire-line";

// matchWireLine is the loader's hot path for AWS's plain line layout; parseCaptureLine (JSON.parse
// and its checks) is the reference. Whatever it returns must be exactly the reference's record;
// anything it is unsure of it leaves to the reference (undefined).

const VALID = {
  captureData: {
    endpointInput: { observedContentType: "text/csv", mode: "INPUT", data: "1,2.5,3", encoding: "CSV" },
    endpointOutput: { observedContentType: "text/csv; charset=utf-8", mode: "OUTPUT", data: "0.5", encoding: "CSV" },
  },
  eventMetadata: {
    eventId: "21926a1b-35ca-43d9-8752-0c11dc24312c",
    inferenceId: "498000",
    inferenceTime: "2026-01-05T11:46:10Z",
  },
  eventVersion: "0",
};

const STRINGS = [
  "",
  "x",
  'a"b',
  "a\\b",
  "tab\there",
  "\u0000",
  "\u2028",
  "é",
  "\ud800",
  "null",
  "12345678901234567890",
];
const OTHERS: unknown[] = [null, 0, 1.5, true, [], ["a"], {}, { data: "d" }];
const PATHS = [
  ["captureData", "endpointInput", "data"],
  ["captureData", "endpointInput", "observedContentType"],
  ["captureData", "endpointInput", "encoding"],
  ["captureData", "endpointInput", "mode"],
  ["captureData", "endpointOutput", "data"],
  ["captureData", "endpointOutput", "observedContentType"],
  ["captureData", "endpointInput"],
  ["captureData", "endpointOutput"],
  ["eventMetadata", "eventId"],
  ["eventMetadata", "inferenceId"],
  ["eventMetadata", "inferenceTime"],
  ["eventMetadata", "customAttributes"],
  ["eventVersion"],
];

/** A record mutated through its object (valid JSON), then sometimes through its text (any text). */
function mutate(random: () => number): string {
  const record = structuredClone(VALID) as Record<string, unknown>;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];
  for (let c = Math.floor(random() * 3); c > 0; c--) {
    const path = pick(PATHS);
    let obj = record;
    for (const key of path.slice(0, -1)) {
      const next = obj[key];
      obj = typeof next === "object" && next !== null ? (next as Record<string, unknown>) : {};
    }
    const last = path[path.length - 1];
    const r = random();
    if (r < 0.2) delete obj[last];
    else if (r < 0.75) obj[last] = pick(STRINGS);
    else obj[last] = structuredClone(pick(OTHERS));
  }
  let text = JSON.stringify(record);
  const r = random();
  if (r < 0.05) text = text.replace('"mode"', ' "mode"');
  else if (r < 0.1)
    text = text.replace("1,2.5", "1,\t2.5"); // a raw control character in a string
  else if (r < 0.15) text = text.replace('"eventMetadata":{', '"eventMetadata":{"eventId":"dup",');
  else if (r < 0.2) text = text.slice(0, -1 - Math.floor(random() * 5));
  else if (r < 0.25) text += pick([" ", "\r", "x", "}"]);
  else if (r < 0.3) text = text.replace('"eventVersion":"0"', '"eventVersion":"0","extra":"1"');
  return text;
}

function reference(line: string): unknown {
  try {
    return parseCaptureLine(line);
  } catch {
    return undefined;
  }
}

describe("read/wire-line: agrees with parseCaptureLine", () => {
  it("matches AWS's plain layout, with and without inferenceId and content types", () => {
    const plain = JSON.stringify(VALID);
    assert.deepEqual(matchWireLine(plain), JSON.parse(plain));
    const noId = structuredClone(VALID) as { eventMetadata: Record<string, unknown> };
    delete noId.eventMetadata.inferenceId;
    assert.deepEqual(matchWireLine(JSON.stringify(noId)), noId);
    const nullType = structuredClone(VALID);
    (nullType.captureData.endpointOutput as Record<string, unknown>).observedContentType = null;
    assert.deepEqual(matchWireLine(JSON.stringify(nullType)), nullType);
  });

  it("on 10,000 seeded mutations: returns the reference's record or leaves the line to it", () => {
    const random = seededRandom(20261207);
    let matched = 0;
    let deferred = 0;
    for (let i = 0; i < 10_000; i++) {
      const line = mutate(random);
      const fast = matchWireLine(line);
      const ref = reference(line);
      if (fast !== undefined) {
        matched++;
        assert.notEqual(ref, undefined, `matched a line the reference refuses: ${line}`);
        assert.deepEqual(fast, ref, `matched a line the reference reads differently: ${line}`);
        // Same key order too (the frame's column order follows it in other readers).
        assert.equal(JSON.stringify(fast), JSON.stringify(ref));
      } else if (ref !== undefined) deferred++;
    }
    assert.ok(matched > 2_000 && deferred > 500, `both outcomes covered (matched ${matched}, deferred ${deferred})`);
  });
});
