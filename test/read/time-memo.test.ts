import { strict as assert } from "node:assert";
import { parseInferenceTime } from "../../src/capture";
import { seededRandom } from "../../src/local/capture-writer/random";
import { InferenceTimeMemo } from "../../src/read/time-memo";

// The memo is the reader's hot path for inferenceTime; parseInferenceTime is the reference. For
// any sequence of texts the memo must give the same time, and refuse (with the same error) what
// the reference refuses.

function reference(text: string): number | string {
  try {
    return parseInferenceTime(text, { source: "f.jsonl", line: 3 }).getTime();
  } catch (err) {
    return (err as Error).message;
  }
}

function viaMemo(memo: InferenceTimeMemo, text: string): number | string {
  try {
    return memo.parse(text, "f.jsonl", 3).getTime();
  } catch (err) {
    return (err as Error).message;
  }
}

/** A text near `base`: mostly valid `...SSZ` of the same minute, with seeded mutations. */
function mutate(random: () => number, base: string): string {
  const chars = [...base];
  const r = random();
  if (r < 0.5) {
    // Another second of the same minute, sometimes out of range (60-99) or not digits.
    const pool = "0123456789:aZ ";
    chars[17] = random() < 0.9 ? String(Math.floor(random() * 10)) : pool[Math.floor(random() * pool.length)];
    chars[18] = random() < 0.9 ? String(Math.floor(random() * 10)) : pool[Math.floor(random() * pool.length)];
  } else if (r < 0.6) chars[19] = ["z", "", "Q", "Z0", "+00:00"][Math.floor(random() * 5)];
  else if (r < 0.75) chars.splice(19, 0, `.${Math.floor(random() * 1000)}`);
  else if (r < 0.9) {
    // Another minute, hour or day (sometimes impossible: 2026-02-30, hour 24).
    const i = [14, 15, 11, 12, 8, 9, 5, 6][Math.floor(random() * 8)];
    chars[i] = String(Math.floor(random() * 10));
  }
  return chars.join("");
}

describe("InferenceTimeMemo", () => {
  it("gives parseInferenceTime's time or error for 20,000 seeded texts in sequence", () => {
    const random = seededRandom(21);
    const memo = new InferenceTimeMemo();
    let base = "2026-02-28T23:59:30Z";
    let fast = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = mutate(random, base);
      assert.deepEqual(viaMemo(memo, text), reference(text), `text ${JSON.stringify(text)} after ${base}`);
      if (typeof reference(text) === "number" && text.length === 20) {
        base = text;
        fast++;
      }
    }
    assert.ok(fast > 5000, `expected many valid second-precision texts, got ${fast}`);
  });

  it("reads consecutive seconds of a minute and crosses minute, day and year boundaries", () => {
    const memo = new InferenceTimeMemo();
    for (let t = Date.UTC(2026, 11, 31, 23, 58, 0); t < Date.UTC(2027, 0, 1, 0, 1, 0); t += 1000) {
      const text = new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
      assert.equal(memo.parse(text, "f", 1).getTime(), t, text);
    }
  });

  it("refuses second 60 after a valid text of the same minute, naming the field", () => {
    const memo = new InferenceTimeMemo();
    memo.parse("2026-01-05T08:59:59Z", "f", 1);
    assert.throws(() => memo.parse("2026-01-05T08:59:60Z", "f.jsonl", 7), /f\.jsonl:7.*inferenceTime.*out of range/);
  });
});
