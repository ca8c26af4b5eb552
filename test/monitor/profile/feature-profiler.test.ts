import { strict as assert } from "node:assert";
import { FeatureProfiler } from "../../../src/monitor/profile/feature-profiler";
import { seeded } from "../random";

describe("monitor/feature-profiler", () => {
  it("addSlice gives exactly what add gives (types, sums, sketch) on random texts", () => {
    const rand = seeded(17);
    const pieces = ["0", "1", "9", "5", ".", "-", "+", " ", "e", "x"];
    const texts: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const len = Math.floor(rand() * 18);
      texts.push(Array.from({ length: len }, () => pieces[Math.floor(rand() * pieces.length)]).join(""));
    }
    texts.push("123456789012345.5", "1234567890123456", "-0", "-0.0", "0.30000000000000004", "181.0", "1e-7");
    for (let i = 0; i < 5000; i++) texts.push((rand() * 1e4 - 5e3).toFixed(Math.floor(rand() * 8)));
    for (const maxDistinct of [0, 100]) {
      const a = new FeatureProfiler("a", { maxDistinct });
      const b = new FeatureProfiler("b", { maxDistinct });
      for (const t of texts) {
        const line = `,${t},`;
        assert.equal(b.addSlice(line, 1, 1 + t.length), a.add(t === "" ? null : t), JSON.stringify(t));
      }
      assert.deepEqual(b.types, a.types);
      assert.ok(Object.is(b.numeric.sum, a.numeric.sum), `${b.numeric.sum} vs ${a.numeric.sum}`);
      assert.deepEqual(
        [b.numeric.count, b.numeric.min, b.numeric.max, b.numeric.stdDev],
        [a.numeric.count, a.numeric.min, a.numeric.max, a.numeric.stdDev],
      );
      assert.deepEqual(b.sketch.data(), a.sketch.data());
      assert.deepEqual([...b.categories], [...a.categories]);
    }
  });

  it("addField splits and profiles a line exactly as addSlice does field by field", () => {
    const rand = seeded(21);
    const pieces = ["0", "1", "9", "5", ".", "-", "+", " ", "e", "x", "true", "12.5", "350.0", ","];
    for (const maxDistinct of [0, 100]) {
      const a = new FeatureProfiler("a", { maxDistinct });
      const b = new FeatureProfiler("b", { maxDistinct });
      for (let n = 0; n < 5000; n++) {
        const len = Math.floor(rand() * 30);
        const body = Array.from({ length: len }, () => pieces[Math.floor(rand() * pieces.length)]).join("");
        const tail = rand() < 0.3 ? "\n" : ""; // the line may end before the text does
        const text = body + tail;
        const end = body.length;
        const fields = body.split(",");
        let start = 0;
        for (const f of fields) {
          const e = b.addField(text, start, end);
          assert.equal(e, start + f.length, JSON.stringify(body));
          assert.equal(b.lastClass, a.addSlice(body, start, start + f.length), JSON.stringify(f));
          start = e + 1;
        }
      }
      assert.deepEqual(b.types, a.types);
      assert.ok(Object.is(b.numeric.sum, a.numeric.sum), `${b.numeric.sum} vs ${a.numeric.sum}`);
      assert.deepEqual(b.sketch.data(), a.sketch.data());
      assert.deepEqual([...b.categories], [...a.categories]);
    }
  });

  it("addField reads numbers of more than 15 digits (model scores) as add does, and leaves out what is not finite", () => {
    const fields = [
      "0.12114864587783813",
      "-1234567890123456789",
      "+12345678901234567.5",
      "9".repeat(400),
      "-0.00000000000000001",
    ];
    for (const maxDistinct of [0, 100]) {
      const a = new FeatureProfiler("a", { maxDistinct });
      const b = new FeatureProfiler("a", { maxDistinct });
      const line = fields.join(",");
      let start = 0;
      for (const f of fields) {
        start = b.addField(line, start, line.length) + 1;
        assert.equal(b.lastClass, a.add(f), f);
      }
      assert.deepEqual(b.statistics(), a.statistics());
      assert.equal(b.numeric.count, 4);
    }
  });
});
