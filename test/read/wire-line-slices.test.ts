import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseCaptureLine } from "../../src/capture/line";
import { captureRecordBatches, newReadReport } from "../../src/read/records";
import { matchWireLineSlices } from "../../src/read/wire-line";
import { seededRandom as seeded } from "../../src/seeded-random";

// matchWireLineSlices replaces JSON.parse in the monitor's reader for AWS's plain layout: whatever it
// accepts must be what parseCaptureLine returns (same keys, same order, same strings); anything
// else it must leave to the parser (undefined), so that errors stay the parser's.

const PLAIN = {
  captureData: {
    endpointInput: { observedContentType: "text/csv", mode: "INPUT", data: "1,2.5,,x", encoding: "CSV" },
    endpointOutput: { observedContentType: "text/csv; charset=utf-8", mode: "OUTPUT", data: "0.5", encoding: "CSV" },
  },
  eventMetadata: { eventId: "21926a1b-35ca-43d9", inferenceId: "7", inferenceTime: "2026-12-06T00:00:00Z" },
  eventVersion: "0",
};

function reference(line: string): unknown {
  try {
    return parseCaptureLine(line);
  } catch {
    return undefined;
  }
}

/** Text pieces that stress the string rule: escapes, controls, quotes, non-ASCII, lone surrogates. */
const PIECES = ["a", ",", "", " ", '\\"', "\\\\", "\\n", "\\u0041", "\t", "\r", "\u0001", "é", "\ud800", "{", "}", ":"];

/** A plain record's line, mutated at text level (inside strings or in the structure) or not. */
function line(random: () => number): string {
  const r = structuredClone(PLAIN) as unknown as Record<string, Record<string, Record<string, unknown>>>;
  if (random() < 0.2) r.captureData!.endpointInput!.observedContentType = null;
  if (random() < 0.2) delete (r.eventMetadata as Record<string, unknown>).inferenceId;
  if (random() < 0.1) (r.eventMetadata as Record<string, unknown>).customAttributes = ["a"];
  if (random() < 0.1) delete r.captureData!.endpointOutput;
  let text = JSON.stringify(r);
  const edits = Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (text.length + 1));
    text = text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + text.slice(at);
  }
  return text;
}

describe("read/wire-line: matchWireLineSlices, the monitor's plain capture line without JSON.parse", () => {
  it("gives the parser's record, keys in the same order, for a plain line and with inferenceId absent or a null content type", () => {
    for (const variant of [
      PLAIN,
      { ...PLAIN, eventMetadata: { eventId: "e", inferenceTime: "2026-12-06T00:00:00Z" } },
      {
        ...PLAIN,
        captureData: {
          ...PLAIN.captureData,
          endpointInput: { ...PLAIN.captureData.endpointInput, observedContentType: null, data: "" },
        },
      },
    ]) {
      const text = JSON.stringify(variant);
      const m = matchWireLineSlices(text);
      assert.ok(m, text);
      assert.deepEqual(m, parseCaptureLine(text));
      assert.equal(JSON.stringify(m), text);
    }
  });

  it("leaves escapes, control characters, white space, customAttributes and a missing side to the parser", () => {
    const text = JSON.stringify(PLAIN);
    for (const other of [
      text.replace("1,2.5", '1,\\"2.5'),
      text.replace("1,2.5", "1,\\u00322.5"),
      text.replace("1,2.5", "1,\t2.5"),
      text.replace('{"captureData":', '{ "captureData":'),
      text + " ",
      "\ufeff" + text,
      text.replace('"inferenceTime"', '"customAttributes":["a"],"inferenceTime"'),
      JSON.stringify({ ...PLAIN, captureData: { endpointInput: PLAIN.captureData.endpointInput } }),
      JSON.stringify({ ...PLAIN, eventVersion: 0 }),
      text.slice(0, -1),
    ])
      assert.equal(matchWireLineSlices(other), undefined, other);
  });

  it("on 5,000 seeded mutations: never accepts a line the parser refuses or reads differently", () => {
    const random = seeded(20261207);
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const text = line(random);
      const m = matchWireLineSlices(text);
      const ref = reference(text);
      if (m === undefined) continue;
      accepted++;
      assert.notEqual(ref, undefined, `accepted a line the parser refuses: ${text}`);
      assert.deepEqual(m, ref, text);
      assert.equal(JSON.stringify(m), JSON.stringify(ref), text);
    }
    for (let i = 0; i < 5000; i++) if (reference(line(random)) === undefined) refused++;
    assert.ok(accepted > 1000 && refused > 500, `both outcomes covered (accepted ${accepted}, refused ${refused})`);
  });

  it("as the reader's matchLine: the same records, bad lines and report as the reader alone", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-line-match-"));
    try {
      const plain = JSON.stringify(PLAIN);
      const lines = [
        plain,
        plain.replace("1,2.5", '1,\\"2.5'),
        plain.replace('"inferenceTime"', '"customAttributes":["a"],"inferenceTime"'),
        '{"captureData":{},"eventMetadata":{"eventId":"e"}}',
        "not json",
        plain.replace("2026-12-06T00:00:00Z", "2026-12-06 00:00"),
        plain,
        plain.slice(0, 40),
      ];
      const file = path.join(tmp, "captures.jsonl");
      fs.writeFileSync(file, lines.join("\n"));
      const read = async (matchLine?: typeof matchWireLineSlices) => {
        const report = newReadReport();
        const records: unknown[] = [];
        for await (const batch of captureRecordBatches(file, { onError: "skip", report }, matchLine))
          for (const r of batch) records.push(r);
        return { records, report };
      };
      const plainRead = await read();
      const matched = await read(matchWireLineSlices);
      assert.deepEqual(matched, plainRead);
      assert.equal(matched.records.length, 4);
      assert.equal(matched.report.errors.length, 4);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
